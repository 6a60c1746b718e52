-- Residents' own keys (issue 10). A resident's passkeys, with the public key and sign count webauthn4j checks their
-- assertions against, and the user handle their passkeys carry: random, never the resident's identifier.
ALTER TABLE resident ADD COLUMN user_handle VARCHAR(43) UNIQUE;

CREATE TABLE resident_passkey (
    credential_id  VARCHAR(1400) PRIMARY KEY,
    subject_id     VARCHAR(128)  NOT NULL REFERENCES resident (subject_id),
    key_jwk        TEXT          NOT NULL,
    key_hash       VARCHAR(64)   NOT NULL,
    sign_count     BIGINT        NOT NULL,
    created_at     TIMESTAMPTZ   NOT NULL,
    last_used_at   TIMESTAMPTZ,
    version        BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX resident_passkey_subject ON resident_passkey (subject_id);

-- WebAuthn challenges this node issued: each taken once (the row is deleted), within its time.
CREATE TABLE webauthn_challenge (
    challenge   VARCHAR(64)  PRIMARY KEY,
    subject_id  VARCHAR(128),
    purpose     VARCHAR(16)  NOT NULL CHECK (purpose IN ('REGISTRATION', 'SIGN_IN')),
    expires_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX webauthn_challenge_expiry ON webauthn_challenge (expires_at);

-- Each key a resident asked to bind, and its way onto the chain: the outbox of the resident key writes. PENDING and
-- COMPLETING rows are written (bind, replace, start a recovery; complete it), RECOVERING ones wait for the delay.
CREATE TABLE resident_key_registration (
    id              UUID          PRIMARY KEY,
    subject_id      VARCHAR(128)  NOT NULL REFERENCES resident (subject_id),
    binding         VARCHAR(64)   NOT NULL,
    key_hash        VARCHAR(64)   NOT NULL,
    key_jwk         TEXT          NOT NULL,
    how             VARCHAR(16)   NOT NULL CHECK (how IN ('BIND', 'REPLACE', 'RECOVERY')),
    status          VARCHAR(16)   NOT NULL
        CHECK (status IN ('PENDING', 'RECOVERING', 'COMPLETING', 'BOUND', 'FAILED', 'CANCELLED')),
    replacement     TEXT,
    requested_at    TIMESTAMPTZ   NOT NULL,
    recoverable_at  TIMESTAMPTZ,
    chain_id        BIGINT,
    registry        VARCHAR(42),
    tx_hash         VARCHAR(66),
    block_number    BIGINT,
    bound_at        TIMESTAMPTZ,
    failure_reason  VARCHAR(64),
    lease_until     TIMESTAMPTZ,
    version         BIGINT        NOT NULL DEFAULT 0
);
-- one key on its way per resident at a time
CREATE UNIQUE INDEX resident_key_registration_open ON resident_key_registration (subject_id)
    WHERE status IN ('PENDING', 'RECOVERING', 'COMPLETING');
CREATE INDEX resident_key_registration_outbox ON resident_key_registration (requested_at)
    WHERE status IN ('PENDING', 'COMPLETING');
CREATE INDEX resident_key_registration_subject ON resident_key_registration (subject_id, requested_at);

-- A consent of a resident with a bound key waits for their approval (AWAITING_APPROVAL, until approval_deadline;
-- UNAPPROVED after it); the resident's signed revocation is kept with the consent.
ALTER TABLE consent
    ALTER COLUMN status TYPE VARCHAR(20),
    ADD COLUMN approval_deadline TIMESTAMPTZ,
    ADD COLUMN revocation        TEXT,
    DROP CONSTRAINT consent_status_check,
    ADD CONSTRAINT consent_status_check
        CHECK (status IN ('AWAITING_APPROVAL', 'UNAPPROVED', 'PENDING', 'AUTHORISED', 'FAILED', 'REVOKING', 'REVOKED'));
CREATE INDEX consent_awaiting_approval ON consent (approval_deadline) WHERE status = 'AWAITING_APPROVAL';
