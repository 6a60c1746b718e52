package org.hashbridge.node.anchoring.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.hashbridge.node.anchoring.AnchorStatus;
import org.hashbridge.node.anchoring.AnchorView;
import org.hashbridge.node.anchoring.AnchoringService;
import org.hashbridge.node.institution.Caller;
import org.hashbridge.node.web.Instants;
import org.hashbridge.protocol.FreeText;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Issuers anchor digests, fetch vouchers and revoke. */
@RestController
@RequestMapping(path = "/api/v1/anchors", produces = MediaType.APPLICATION_JSON_VALUE)
class AnchorController {

    /** The {@code revocation_reason} column's length. */
    private static final int MAX_REASON = 200;

    record AnchorRequest(String digest, String algorithm, String documentType, String subject, String validUntil) {
    }

    record RevocationRequest(String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AnchorResponse(UUID anchorId, AnchorStatus status, String documentType, Instant validUntil,
                          Instant submittedAt, Instant anchoredAt, Instant revokedAt, @JsonRawValue String voucher) {

        static AnchorResponse of(AnchorView view) {
            return new AnchorResponse(view.anchorId(), view.status(), view.documentType(), view.validUntil(),
                    view.submittedAt(), view.anchoredAt().orElse(null), view.revokedAt().orElse(null),
                    view.voucherJson().orElse(null));
        }
    }

    private final AnchoringService anchoring;

    AnchorController(AnchoringService anchoring) {
        this.anchoring = anchoring;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AnchorResponse> submit(@AuthenticationPrincipal Caller issuer, @RequestBody AnchorRequest request) {
        var submission = new AnchoringService.Submission(request.digest(), request.algorithm(), request.documentType(),
                request.subject(), Instants.parseValidUntil(request.validUntil()));
        AnchorView view = anchoring.submit(issuer, submission);
        return ResponseEntity.accepted().location(URI.create("/api/v1/anchors/" + view.anchorId()))
                .body(AnchorResponse.of(view));
    }

    @GetMapping("/{anchorId}")
    AnchorResponse find(@AuthenticationPrincipal Caller issuer, @PathVariable UUID anchorId) {
        return AnchorResponse.of(anchoring.find(issuer, anchorId));
    }

    /** 200 once the chain has the revocation; 202 while it is still being written (status REVOKING). */
    @PostMapping(path = "/{anchorId}/revocation", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AnchorResponse> revoke(@AuthenticationPrincipal Caller issuer, @PathVariable UUID anchorId,
                          @RequestBody RevocationRequest request) {
        String reason = FreeText.strip(request.reason(), MAX_REASON, "INVALID_REASON", "a reason");
        AnchorView view = anchoring.revoke(issuer, anchorId, reason);
        return ResponseEntity.status(view.status() == AnchorStatus.REVOKING ? 202 : 200).body(AnchorResponse.of(view));
    }
}
