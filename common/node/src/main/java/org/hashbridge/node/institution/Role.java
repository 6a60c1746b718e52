package org.hashbridge.node.institution;

/** What an authenticated caller may do on this node. */
public enum Role {
    /** a data source: anchors digests and revokes them. */
    ISSUER,
    /** a data user: verifies documents. */
    VERIFIER,
    /** a data subject: grants and revokes consent. */
    RESIDENT;

    String authority() {
        return "ROLE_" + name();
    }
}
