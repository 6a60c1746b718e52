-- Every chain write is an outbox step: the row saying what to write is stored before the write is sent,
-- the write is sent outside any database transaction, and the row is completed only once the write's
-- event is on chain. lease_until lets one node instance at a time send a step (a crashed instance's lease
-- runs out); instances sharing this database claim rows with FOR UPDATE SKIP LOCKED.

-- A batch's members and root are fixed before anchorRoot is sent, so a retry re-sends the same root.
CREATE TABLE anchor_batch (
    id            UUID         PRIMARY KEY,
    issuer        VARCHAR(80)  NOT NULL REFERENCES institution (id),
    root          VARCHAR(64)  NOT NULL UNIQUE,
    leaf_count    INTEGER      NOT NULL CHECK (leaf_count > 0),
    status        VARCHAR(16)  NOT NULL CHECK (status IN ('SENDING', 'ANCHORED')),
    created_at    TIMESTAMPTZ  NOT NULL,
    attempts      INTEGER      NOT NULL DEFAULT 0,
    last_error    VARCHAR(200),
    lease_until   TIMESTAMPTZ,
    chain_id      BIGINT,
    registry      VARCHAR(42),
    tx_hash       VARCHAR(66),
    block_number  BIGINT,
    anchored_at   TIMESTAMPTZ,
    version       BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX anchor_batch_sending ON anchor_batch (created_at) WHERE status = 'SENDING';
CREATE INDEX anchor_batch_anchored ON anchor_batch (block_number) WHERE status = 'ANCHORED';

ALTER TABLE anchor_submission
    ADD COLUMN batch_id    UUID REFERENCES anchor_batch (id),
    ADD COLUMN batch_index INTEGER,
    ADD COLUMN lease_until TIMESTAMPTZ,
    DROP CONSTRAINT anchor_submission_status_check,
    ADD CONSTRAINT anchor_submission_status_check CHECK (status IN ('PENDING', 'ANCHORED', 'REVOKING', 'REVOKED'));
CREATE INDEX anchor_submission_unbatched ON anchor_submission (issuer, created_at, id)
    WHERE status = 'PENDING' AND batch_id IS NULL;
CREATE INDEX anchor_submission_batch ON anchor_submission (batch_id, batch_index);
CREATE INDEX anchor_submission_revoking ON anchor_submission (created_at) WHERE status = 'REVOKING';

-- Anchors of earlier versions: their batches, read back from the vouchers issued for them.
INSERT INTO anchor_batch (id, issuer, root, leaf_count, status, created_at, chain_id, registry, tx_hash, block_number,
                          anchored_at)
SELECT gen_random_uuid(), issuer, root, MAX((voucher::jsonb -> 'proof' ->> 'treeSize')::integer), 'ANCHORED',
       MIN(created_at), MIN((voucher::jsonb -> 'chain' ->> 'chainId')::bigint), MIN(voucher::jsonb -> 'chain' ->> 'registry'),
       MIN(tx_hash), MIN(block_number), MIN(anchored_at)
FROM anchor_submission WHERE root IS NOT NULL AND voucher IS NOT NULL GROUP BY issuer, root;
UPDATE anchor_submission s SET batch_id = b.id, batch_index = (s.voucher::jsonb -> 'proof' ->> 'index')::integer
FROM anchor_batch b WHERE s.root = b.root AND s.voucher IS NOT NULL;

-- A consent is PENDING until its commitment is on chain; FAILED when the registry refused it for good;
-- REVOKING from the resident's revocation until the chain has it.
ALTER TABLE consent
    ALTER COLUMN tx_hash DROP NOT NULL,
    ADD COLUMN chain_id        BIGINT,
    ADD COLUMN registry        VARCHAR(42),
    ADD COLUMN block_number    BIGINT,
    ADD COLUMN authorised_at   TIMESTAMPTZ,
    ADD COLUMN failure_reason  VARCHAR(64),
    ADD COLUMN lease_until     TIMESTAMPTZ,
    DROP CONSTRAINT consent_status_check,
    ADD CONSTRAINT consent_status_check
        CHECK (status IN ('PENDING', 'AUTHORISED', 'FAILED', 'REVOKING', 'REVOKED'));
-- consents of earlier versions were written before they were stored (on a registry not recorded here)
UPDATE consent SET authorised_at = issued_at;
CREATE INDEX consent_outbox ON consent (issued_at) WHERE status IN ('PENDING', 'REVOKING');
CREATE INDEX consent_on_chain ON consent (block_number) WHERE status IN ('AUTHORISED', 'REVOKED');

-- Pending accesses are claimed with a lease, so two instances never send the same one.
ALTER TABLE verification
    ADD COLUMN access_lease_until TIMESTAMPTZ,
    ADD COLUMN access_block       BIGINT;
