-- A chain that lost its state (reset, or restored from an older copy) no longer holds writes this node
-- made. The node notices, writes them again and keeps when it noticed (lost_at, cleared once written
-- again) and when it last wrote them again (rewritten_at).
ALTER TABLE anchor_batch
    ADD COLUMN lost_at      TIMESTAMPTZ,
    ADD COLUMN rewritten_at TIMESTAMPTZ;
ALTER TABLE consent
    ADD COLUMN lost_at      TIMESTAMPTZ,
    ADD COLUMN rewritten_at TIMESTAMPTZ;
