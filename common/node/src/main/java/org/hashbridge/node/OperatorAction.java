package org.hashbridge.node;

import java.util.Objects;

/**
 * Something an operator did to this node, published as an application event by the code that did it, in the
 * transaction that did it, so the audit trail records it with who did it, when and from where, or not at all
 * when the change itself rolled back.
 *
 * @param action a stable code, such as {@code INSTITUTION_ONBOARDED} or {@code API_KEY_REVOKED}
 * @param target what it was done to: an institution id, an API key's id; never a secret or personal data
 * @param detail what an auditor needs beyond the code, or empty; never a secret or personal data
 */
public record OperatorAction(String action, String target, String detail) {

    public OperatorAction {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        detail = detail == null ? "" : detail;
    }
}
