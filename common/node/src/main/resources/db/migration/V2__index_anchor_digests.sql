-- Revoking an anchor revokes every live anchor of the same digest by the same issuer: find them by digest.
CREATE INDEX anchor_submission_digest ON anchor_submission (issuer, algorithm, digest);
