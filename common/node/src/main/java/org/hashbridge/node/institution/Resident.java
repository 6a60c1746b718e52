package org.hashbridge.node.institution;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;

/** A resident who may grant consent on this node, known by the SHA-256 of a credential. */
@Entity
class Resident {

    @Id
    @Column(name = "subject_id")
    private String subjectId;

    @Column(name = "credential_hash")
    private String credentialHash;

    @Column(name = "created_at")
    private Instant createdAt;

    /** What the resident's passkeys know them by: random, base64url of 32 bytes, made with their first passkey. */
    @Column(name = "user_handle")
    private String userHandle;

    protected Resident() {
    }

    Resident(String subjectId, String credentialHash, Instant createdAt) {
        this.subjectId = subjectId;
        this.credentialHash = credentialHash;
        this.createdAt = createdAt;
    }

    void rotateCredential(String newCredentialHash) {
        this.credentialHash = newCredentialHash;
    }

    String credentialHash() {
        return credentialHash;
    }

    /** The resident's WebAuthn user handle, made now if they have none yet. */
    String userHandle() {
        if (userHandle == null) {
            byte[] random = new byte[32];
            new java.security.SecureRandom().nextBytes(random);
            userHandle = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        return userHandle;
    }

    String subjectId() {
        return subjectId;
    }
}
