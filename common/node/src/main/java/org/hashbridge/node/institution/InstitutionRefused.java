package org.hashbridge.node.institution;

import java.util.UUID;
import org.hashbridge.node.NodeException;

/** An operator's change to an institution, an API key or a resident that the node will not make; nothing changed. */
public final class InstitutionRefused extends NodeException {

    private InstitutionRefused(Kind kind, String code, String title, String detail) {
        super(kind, code, title, detail);
    }

    static InstitutionRefused unknown(String id) {
        return new InstitutionRefused(Kind.NOT_FOUND, "UNKNOWN_INSTITUTION", "Unknown institution",
                id + " is not an institution of this node");
    }

    static InstitutionRefused exists(String id) {
        return new InstitutionRefused(Kind.CONFLICT, "INSTITUTION_EXISTS", "Institution exists",
                id + " is onboarded already; an institution is onboarded once");
    }

    /** The id belongs to another jurisdiction's namespace: only that jurisdiction's operator may register it. */
    static InstitutionRefused foreignNamespace(String id, String namespace) {
        return new InstitutionRefused(Kind.UNPROCESSABLE, "FOREIGN_NAMESPACE", "Another jurisdiction's namespace",
                id + " is outside this operator's namespace '" + namespace + "'; only the operator owning it may onboard it");
    }

    static InstitutionRefused invalidRole() {
        return new InstitutionRefused(Kind.INVALID, "INVALID_ROLE", "Invalid request",
                "role is ISSUER or VERIFIER");
    }

    static InstitutionRefused suspendedAlready(String id) {
        return new InstitutionRefused(Kind.CONFLICT, "INSTITUTION_SUSPENDED", "Institution suspended",
                id + " is suspended already");
    }

    static InstitutionRefused activeAlready(String id) {
        return new InstitutionRefused(Kind.CONFLICT, "INSTITUTION_ACTIVE", "Institution active",
                id + " is not suspended");
    }

    static InstitutionRefused unknownKey(UUID id) {
        return new InstitutionRefused(Kind.NOT_FOUND, "UNKNOWN_API_KEY", "Unknown API key",
                "the institution has no API key " + id);
    }

    static InstitutionRefused keyRevokedAlready(UUID id) {
        return new InstitutionRefused(Kind.CONFLICT, "API_KEY_REVOKED", "API key revoked",
                "API key " + id + " is revoked already");
    }

    static InstitutionRefused tooManyKeys(String id, int most) {
        return new InstitutionRefused(Kind.CONFLICT, "TOO_MANY_API_KEYS", "Too many live API keys",
                id + " holds " + most + " live API keys, the most it may; revoke one first");
    }

    static InstitutionRefused residentExists() {
        return new InstitutionRefused(Kind.CONFLICT, "RESIDENT_EXISTS", "Resident exists",
                "this resident is provisioned already; rotate the credential instead");
    }

    static InstitutionRefused unknownResident() {
        return new InstitutionRefused(Kind.NOT_FOUND, "UNKNOWN_RESIDENT", "Unknown resident",
                "this resident is not provisioned on this node");
    }
}
