-- API keys get a table of their own, so that an institution can hold several at once (a new key issued
-- before the old one is revoked, during a rotation) and a revoked key stays on record. The secret is never
-- stored: only its SHA-256, as before.
CREATE TABLE api_key (
    id           UUID         PRIMARY KEY,
    institution  VARCHAR(80)  NOT NULL REFERENCES institution (id),
    secret_hash  VARCHAR(64)  NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ  NOT NULL,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX api_key_institution ON api_key (institution, created_at);

-- each institution's one key so far becomes its first live key
INSERT INTO api_key (id, institution, secret_hash, created_at)
SELECT md5('api-key:' || id)::uuid, id, api_key_hash, created_at FROM institution;

ALTER TABLE institution DROP COLUMN api_key_hash;

-- when an operator last changed whether the institution may act (suspended or reactivated it), and whether the
-- chain has yet to be brought to that state: the node writes it there, and keeps trying while it is pending. A
-- state changed on chain around the node (by the operator's own chain key) is reported, never undone.
ALTER TABLE institution ADD COLUMN changed_at TIMESTAMPTZ;
ALTER TABLE institution ADD COLUMN chain_pending BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE institution ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
