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

    String subjectId() {
        return subjectId;
    }
}
