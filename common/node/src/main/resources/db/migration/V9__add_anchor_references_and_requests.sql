-- An issuer's own reference for an anchor (its document number, its file name): unique per issuer, so a
-- submission sent again with the same reference answers the anchor already stored instead of a second one.
ALTER TABLE anchor_submission
    ADD COLUMN reference VARCHAR(200);
CREATE UNIQUE INDEX anchor_submission_reference ON anchor_submission (issuer, reference) WHERE reference IS NOT NULL;
CREATE INDEX anchor_submission_by_issuer ON anchor_submission (issuer, created_at, id);

-- A bulk request (POST /api/v1/anchors:batch): the anchors it named, in its order. fingerprint is the
-- SHA-256 of those anchor ids in that order, so the same request sent again finds this one instead of
-- storing another.
CREATE TABLE anchor_request (
    id           UUID         PRIMARY KEY,
    issuer       VARCHAR(80)  NOT NULL REFERENCES institution (id),
    fingerprint  VARCHAR(64)  NOT NULL,
    item_count   INTEGER      NOT NULL CHECK (item_count > 0),
    created_at   TIMESTAMPTZ  NOT NULL,
    UNIQUE (issuer, fingerprint)
);
CREATE TABLE anchor_request_item (
    request_id  UUID     NOT NULL REFERENCES anchor_request (id),
    position    INTEGER  NOT NULL,
    anchor_id   UUID     NOT NULL REFERENCES anchor_submission (id),
    PRIMARY KEY (request_id, position)
);
