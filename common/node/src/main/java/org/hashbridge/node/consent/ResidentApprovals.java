package org.hashbridge.node.consent;

import java.time.Instant;
import java.util.Optional;
import org.hashbridge.node.institution.Caller;
import org.hashbridge.node.institution.ResidentKeys;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.ResidentApproval;
import org.hashbridge.protocol.ResidentChallenges;
import org.springframework.stereotype.Component;

/**
 * The rules a resident's own signature on a consent must meet before the node acts on it: the approval of a grant by
 * the key bound to the resident and named in the record, over that consent's approval challenge, while it waits; a
 * revocation by the key that approved it or the one bound now, over its revocation challenge. Each broken rule is a
 * {@link ConsentRefused} with a stable code.
 */
@Component
class ResidentApprovals {

    private final ResidentKeys keys;

    ResidentApprovals(ResidentKeys keys) {
        this.keys = keys;
    }

    /** The consent's token carrying the resident's approval, once every rule holds. */
    ConsentToken approved(Caller resident, Consent awaiting, ResidentApproval approval, Instant now) {
        if (awaiting.status() != ConsentStatus.AWAITING_APPROVAL) {
            throw ConsentRefused.notAwaitingApproval(awaiting.id(), awaiting.status());
        }
        if (awaiting.approvalLapsedAt(now)) {
            throw ConsentRefused.approvalWindowClosed(awaiting.id());
        }
        ConsentToken token = ConsentToken.decode(awaiting.token());
        Hash32 signer = approval.key().hash();
        if (!signer.hex().equals(token.record().residentKey()) || !keys.boundKey(resident).map(signer::equals).orElse(false)) {
            throw ConsentRefused.residentKeyMismatch();
        }
        verify(approval, token.approvalChallenge());
        return token.withApproval(approval);
    }

    /** The signed revocation as the node keeps it, once every rule holds. */
    String revocation(Caller resident, Consent consent, ResidentApproval revocation) {
        ConsentRecord record = ConsentToken.decode(consent.token()).record();
        Hash32 signer = revocation.key().hash();
        Optional<Hash32> bound = keys.boundKey(resident);
        if (bound.isEmpty() && !record.residentSigned()) {
            throw ConsentRefused.residentKeyNotBound();
        }
        if (!signer.hex().equals(record.residentKey()) && !bound.map(signer::equals).orElse(false)) {
            throw ConsentRefused.residentKeyMismatch();
        }
        verify(revocation, ResidentChallenges.consentRevocation(consent.commitment()));
        return revocation.toJson();
    }

    private static void verify(ResidentApproval approval, Hash32 challenge) {
        try {
            approval.verify(challenge);
        } catch (InvalidInput e) {
            throw e.code().equals("MALFORMED_APPROVAL") ? e : ConsentRefused.approvalRefused(e);
        }
    }
}
