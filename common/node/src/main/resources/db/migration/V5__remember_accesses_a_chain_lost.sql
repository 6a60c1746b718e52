-- A chain that lost its state lost the accesses recorded on it too. Each access now keeps the chain and
-- registry it was recorded on (so that it is audited like roots and consents), when the chain lost it
-- (access_lost_at, cleared once it is recorded again) and when it was last recorded again; and what the
-- verification knew of its consent: its end, after which the registry records the consent no more, and the
-- code of its CONSENT check (whether it read the consent on chain).
ALTER TABLE verification
    ADD COLUMN access_chain_id     BIGINT,
    ADD COLUMN access_registry     VARCHAR(42),
    ADD COLUMN access_lost_at      TIMESTAMPTZ,
    ADD COLUMN access_rewritten_at TIMESTAMPTZ,
    ADD COLUMN consent_valid_until TIMESTAMPTZ,
    ADD COLUMN consent_check       VARCHAR(64);

-- Accesses recorded before: on the chain and registry their receipt (a compact JWS) names.
UPDATE verification v
SET access_chain_id = (p.payload ->> 'chainId')::bigint, access_registry = p.payload ->> 'registry'
FROM (SELECT id, convert_from(decode(translate(rpad(split_part(receipt, '.', 2),
                 (length(split_part(receipt, '.', 2)) + 3) / 4 * 4, '='), '-_', '+/'), 'base64'), 'UTF8')::jsonb AS payload
      FROM verification WHERE access_status = 'RECORDED') p
WHERE v.id = p.id;
UPDATE verification SET consent_check = (SELECT c ->> 'code' FROM jsonb_array_elements(checks::jsonb) c
                                         WHERE c ->> 'type' = 'CONSENT' LIMIT 1);

CREATE INDEX verification_access_recorded ON verification (access_block) WHERE access_status = 'RECORDED';
CREATE INDEX verification_consent_recorded ON verification (consent_commitment) WHERE access_status = 'RECORDED';

-- A consent is recorded only once the revoked documents of its scope (issuer, document type, subject) are
-- revoked on chain, and a root the chain lost waits while a consent of such a scope is authorised there.
CREATE INDEX consent_scope ON consent (issuer, subject_ref, document_type);
CREATE INDEX anchor_submission_revoked_scope ON anchor_submission (issuer, subject_ref, document_type)
    WHERE status IN ('REVOKED', 'REVOKING');
