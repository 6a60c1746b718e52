package org.hashbridge.node.admin.web;

import org.hashbridge.node.admin.AdminProperties;
import org.hashbridge.node.admin.AuditTrail;
import org.hashbridge.node.admin.Listing;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail for operators' scripts: {@code GET /api/v1/operator/audit?page=n}, newest first. */
@RestController
@RequestMapping("/api/v1/operator")
class OperatorAuditController {

    private final AuditTrail audit;
    private final AdminProperties settings;

    OperatorAuditController(AuditTrail audit, AdminProperties settings) {
        this.audit = audit;
        this.settings = settings;
    }

    @GetMapping("/audit")
    Listing<AuditTrail.Entry> audit(@RequestParam(defaultValue = "0") int page) {
        return audit.page(Math.max(page, 0), settings.pageSize());
    }
}
