-- Residents' keys as the registry binds them, followed from its events as the other chain_ tables are: one row per
-- change of a binding (the key bound, a recovery started, a recovery cancelled), so that undoing an abandoned
-- branch is deleting the rows of its blocks. A binding's state is its rows applied in chain order; its nonce is
-- how many there are, since the registry moves it on by one at each change.
CREATE TABLE chain_resident_key (
    jurisdiction    VARCHAR(32)  NOT NULL,
    binding         VARCHAR(64)  NOT NULL,
    block_number    BIGINT       NOT NULL,
    log_index       INTEGER      NOT NULL,
    change          VARCHAR(18)  NOT NULL CHECK (change IN ('BOUND', 'RECOVERY_STARTED', 'RECOVERY_CANCELLED')),
    -- the key bound; the key a recovery would bind; the key of the recovery cancelled
    key_hash        VARCHAR(64)  NOT NULL,
    -- how a BOUND key was bound: 1 by its home operator, 2 replaced with the old key's approval, 3 recovered
    how             SMALLINT     CHECK (how BETWEEN 1 AND 3),
    recoverable_at  TIMESTAMPTZ,
    changed_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (jurisdiction, binding, block_number, log_index),
    CHECK ((change = 'BOUND') = (how IS NOT NULL)),
    CHECK ((change = 'RECOVERY_STARTED') = (recoverable_at IS NOT NULL))
);

CREATE INDEX chain_resident_key_block ON chain_resident_key (block_number);
