-- The node's read model: the registry's events, followed from the chain into these tables, so that a
-- verification reads the database instead of the chain. Every row is one event and keeps the block it came
-- from, so undoing the blocks of an abandoned branch is deleting the rows of those blocks.

-- Where the follower is: the last block it followed and that block's hash (a different hash for that number
-- on the chain means the chain changed branch below it), for which chain and registry. One row; an instance
-- follows only while it holds the lease, and applies a range only if the row still names the block it
-- followed from.
CREATE TABLE chain_checkpoint (
    id                  SMALLINT     PRIMARY KEY CHECK (id = 1),
    chain_id            BIGINT       NOT NULL,
    registry            VARCHAR(42)  NOT NULL,
    block_number        BIGINT       NOT NULL CHECK (block_number >= -1),
    block_hash          VARCHAR(66),
    head                BIGINT,
    followed_at         TIMESTAMPTZ,
    lease_owner         VARCHAR(80),
    lease_until         TIMESTAMPTZ,
    rollbacks           BIGINT       NOT NULL DEFAULT 0,
    last_rollback_from  BIGINT,
    last_rollback_to    BIGINT,
    last_rollback_at    TIMESTAMPTZ
);

-- Each followed block that held a registry event, with its hash: where to look for the fork point.
CREATE TABLE chain_block (
    block_number  BIGINT       PRIMARY KEY,
    block_hash    VARCHAR(66)  NOT NULL,
    block_time    TIMESTAMPTZ  NOT NULL
);

CREATE TABLE chain_jurisdiction (
    jurisdiction  VARCHAR(32)  PRIMARY KEY,
    namespace     VARCHAR(2)   NOT NULL,
    block_number  BIGINT       NOT NULL,
    log_index     INTEGER      NOT NULL
);

-- Operator accounts: each registration (jurisdiction set, active) and deactivation (jurisdiction null).
CREATE TABLE chain_operator_change (
    account       VARCHAR(42)  NOT NULL,
    block_number  BIGINT       NOT NULL,
    log_index     INTEGER      NOT NULL,
    jurisdiction  VARCHAR(32),
    active        BOOLEAN      NOT NULL,
    PRIMARY KEY (account, block_number, log_index)
);

CREATE TABLE chain_institution (
    kind          VARCHAR(8)   NOT NULL CHECK (kind IN ('ISSUER', 'VERIFIER')),
    institution   VARCHAR(64)  NOT NULL,
    jurisdiction  VARCHAR(32)  NOT NULL,
    block_number  BIGINT       NOT NULL,
    log_index     INTEGER      NOT NULL,
    PRIMARY KEY (kind, institution)
);

-- Suspensions and reinstatements; an institution without any is active since its registration.
CREATE TABLE chain_institution_status (
    kind          VARCHAR(8)   NOT NULL,
    institution   VARCHAR(64)  NOT NULL,
    block_number  BIGINT       NOT NULL,
    log_index     INTEGER      NOT NULL,
    active        BOOLEAN      NOT NULL,
    PRIMARY KEY (kind, institution, block_number, log_index)
);

CREATE TABLE chain_anchor (
    issuer        VARCHAR(64)  NOT NULL,
    root          VARCHAR(64)  NOT NULL,
    operator      VARCHAR(42)  NOT NULL,
    leaf_count    BIGINT       NOT NULL,
    block_number  BIGINT       NOT NULL,
    anchored_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (issuer, root)
);

CREATE TABLE chain_root_revocation (
    issuer        VARCHAR(64)  NOT NULL,
    root          VARCHAR(64)  NOT NULL,
    block_number  BIGINT       NOT NULL,
    revoked_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (issuer, root)
);

CREATE TABLE chain_leaf_revocation (
    issuer        VARCHAR(64)  NOT NULL,
    root          VARCHAR(64)  NOT NULL,
    leaf          VARCHAR(64)  NOT NULL,
    block_number  BIGINT       NOT NULL,
    revoked_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (issuer, root, leaf)
);

-- valid_until in unix seconds: the registry takes any uint64, beyond what a timestamp column holds.
CREATE TABLE chain_consent (
    commitment    VARCHAR(64)  PRIMARY KEY,
    issuer        VARCHAR(64)  NOT NULL,
    verifier      VARCHAR(64)  NOT NULL,
    operator      VARCHAR(42)  NOT NULL,
    valid_until   BIGINT       NOT NULL,
    block_number  BIGINT       NOT NULL,
    recorded_at   TIMESTAMPTZ  NOT NULL
);

CREATE TABLE chain_consent_revocation (
    commitment    VARCHAR(64)  PRIMARY KEY,
    block_number  BIGINT       NOT NULL,
    revoked_at    TIMESTAMPTZ  NOT NULL
);

-- A rollback deletes the rows of the abandoned blocks, the newest ones: find them by block.
CREATE INDEX chain_jurisdiction_block ON chain_jurisdiction (block_number);
CREATE INDEX chain_operator_change_block ON chain_operator_change (block_number);
CREATE INDEX chain_institution_block ON chain_institution (block_number);
CREATE INDEX chain_institution_status_block ON chain_institution_status (block_number);
CREATE INDEX chain_anchor_block ON chain_anchor (block_number);
CREATE INDEX chain_root_revocation_block ON chain_root_revocation (block_number);
CREATE INDEX chain_leaf_revocation_block ON chain_leaf_revocation (block_number);
CREATE INDEX chain_consent_block ON chain_consent (block_number);
CREATE INDEX chain_consent_revocation_block ON chain_consent_revocation (block_number);
