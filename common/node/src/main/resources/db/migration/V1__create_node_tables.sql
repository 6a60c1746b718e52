-- Institutions served by this node. API keys are random 256-bit secrets, stored only as SHA-256.
CREATE TABLE institution (
    id            VARCHAR(80)  PRIMARY KEY,
    role          VARCHAR(16)  NOT NULL CHECK (role IN ('ISSUER', 'VERIFIER')),
    api_key_hash  VARCHAR(64)     NOT NULL UNIQUE,
    active        BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ  NOT NULL
);

-- Residents who may grant consent here; their credential is stored only as SHA-256.
CREATE TABLE resident (
    subject_id       VARCHAR(128) PRIMARY KEY,
    credential_hash  VARCHAR(64)     NOT NULL UNIQUE,
    created_at       TIMESTAMPTZ  NOT NULL
);

-- Digests issuers asked to anchor (never documents) and the vouchers issued for them.
-- PENDING rows are the anchoring outbox.
CREATE TABLE anchor_submission (
    id                 UUID         PRIMARY KEY,
    issuer             VARCHAR(80)  NOT NULL REFERENCES institution (id),
    document_type      VARCHAR(64)  NOT NULL,
    algorithm          VARCHAR(16)  NOT NULL,
    digest             VARCHAR(64)     NOT NULL,
    subject_ref        VARCHAR(64)     NOT NULL,
    salt               VARCHAR(128) NOT NULL,
    valid_until        TIMESTAMPTZ  NOT NULL,
    leaf               VARCHAR(64)     NOT NULL,
    status             VARCHAR(16)  NOT NULL CHECK (status IN ('PENDING', 'ANCHORED', 'REVOKED')),
    root               VARCHAR(64),
    voucher            TEXT,
    tx_hash            VARCHAR(66),
    block_number       BIGINT,
    created_at         TIMESTAMPTZ  NOT NULL,
    anchored_at        TIMESTAMPTZ,
    revoked_at         TIMESTAMPTZ,
    revocation_reason  VARCHAR(200),
    version            BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX anchor_submission_pending ON anchor_submission (created_at) WHERE status = 'PENDING';

-- Consents residents granted here; the chain holds only their commitments.
CREATE TABLE consent (
    id              UUID         PRIMARY KEY,
    subject_id      VARCHAR(128) NOT NULL REFERENCES resident (subject_id),
    subject_ref     VARCHAR(64)     NOT NULL,
    issuer          VARCHAR(80)  NOT NULL,
    verifier        VARCHAR(80)  NOT NULL,
    document_type   VARCHAR(64)  NOT NULL,
    purpose         VARCHAR(200) NOT NULL,
    issued_at       TIMESTAMPTZ  NOT NULL,
    valid_until     TIMESTAMPTZ  NOT NULL,
    salt            VARCHAR(128) NOT NULL,
    commitment      VARCHAR(64)     NOT NULL UNIQUE,
    token           TEXT         NOT NULL,
    status          VARCHAR(16)  NOT NULL CHECK (status IN ('AUTHORISED', 'REVOKED')),
    tx_hash         VARCHAR(66)  NOT NULL,
    revoked_at      TIMESTAMPTZ,
    version         BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX consent_subject ON consent (subject_id);

-- Verifications this node answered, with the signed receipt. access_status tracks the outbox that
-- records each access on chain for the resident's home node to list.
CREATE TABLE verification (
    id                  UUID         PRIMARY KEY,
    verifier            VARCHAR(80)  NOT NULL REFERENCES institution (id),
    algorithm           VARCHAR(16)  NOT NULL,
    digest              VARCHAR(64)     NOT NULL,
    issuer              VARCHAR(80)  NOT NULL,
    document_type       VARCHAR(64)  NOT NULL,
    root                VARCHAR(64)     NOT NULL,
    leaf                VARCHAR(64)     NOT NULL,
    consent_commitment  VARCHAR(64)     NOT NULL,
    verdict             VARCHAR(16)  NOT NULL CHECK (verdict IN ('VERIFIED', 'REJECTED')),
    checks              TEXT         NOT NULL,
    receipt             TEXT         NOT NULL,
    verified_at         TIMESTAMPTZ  NOT NULL,
    access_status       VARCHAR(16)  NOT NULL CHECK (access_status IN ('PENDING', 'RECORDED', 'SKIPPED')),
    access_tx           VARCHAR(66),
    version             BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX verification_access_pending ON verification (verified_at) WHERE access_status = 'PENDING';
