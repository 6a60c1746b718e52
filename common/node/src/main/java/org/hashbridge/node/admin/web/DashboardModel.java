package org.hashbridge.node.admin.web;

import java.security.Principal;
import org.hashbridge.node.config.NodeProperties;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every dashboard page shows in its header: which node, and who is signed in. */
@ControllerAdvice(assignableTypes = {DashboardController.class, RecordsController.class})
class DashboardModel {

    private final NodeProperties node;

    DashboardModel(NodeProperties node) {
        this.node = node;
    }

    @ModelAttribute("operator")
    String operator() {
        return node.operator();
    }

    @ModelAttribute("signedIn")
    String signedIn(Principal principal) {
        return principal == null ? null : principal.getName();
    }
}
