package org.hashbridge.node.institution;

/** What an authenticated caller may do on this node. */
public enum Role {
    /** a data source: anchors digests and revokes them. */
    ISSUER,
    /** a data user: verifies documents. */
    VERIFIER,
    /** a data subject: grants and revokes consent. */
    RESIDENT;

    /**
     * The role an institution is onboarded with, by its name.
     *
     * @throws InstitutionRefused {@code INVALID_ROLE} unless {@code name} is exactly {@code ISSUER} or {@code VERIFIER}
     */
    public static Role ofInstitution(String name) {
        if (ISSUER.name().equals(name)) {
            return ISSUER;
        }
        if (VERIFIER.name().equals(name)) {
            return VERIFIER;
        }
        throw InstitutionRefused.invalidRole();
    }

    String authority() {
        return "ROLE_" + name();
    }
}
