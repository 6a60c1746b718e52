package org.hashbridge.node.verification;

import java.util.Optional;
import org.hashbridge.node.chain.RegistrySnapshot;
import org.hashbridge.node.chain.ResidentKeyOnChain;
import org.hashbridge.protocol.Check;
import org.hashbridge.protocol.CheckStatus;
import org.hashbridge.protocol.CheckType;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.ResidentApproval;
import org.hashbridge.protocol.ResidentKey;
import org.hashbridge.protocol.SubjectReference;

/**
 * The last rules of the {@code CONSENT} check, once the consent is authorised on chain for this verifier: whether the
 * resident approved it with their own key. The key bound to the resident's binding id in the consent's home
 * jurisdiction is read from the same registry view as the other checks; a home operator that records a consent on
 * chain without the resident cannot make it pass once a key is bound, and a consent nobody signed says so.
 */
final class ResidentSignature {

    static final String RESIDENT_SIGNED = "RESIDENT_SIGNED";
    static final String OPERATOR_ASSISTED = "OPERATOR_ASSISTED";

    private ResidentSignature() {
    }

    /**
     * @param home       the home jurisdiction of the consent's issuer, under which its key is bound
     * @param authorised what the chain says of the consent, for the message of a valid check
     * @param required   whether the bank requires the resident's own signature
     */
    static Check check(RegistrySnapshot chain, ConsentToken token, String home, String authorised, boolean required) {
        ConsentRecord record = token.record();
        Hash32 binding = ResidentKey.binding(SubjectReference.fromHex(record.subject()));
        Optional<ResidentKeyOnChain> bound = chain.residentKey(home, binding);
        ResidentApproval approval = token.approval();
        if (approval == null) {
            return unsigned(record, bound, authorised, required);
        }
        if (bound.isEmpty()) {
            return invalid("RESIDENT_KEY_NOT_BOUND", "the consent carries an approval, but no key of the resident is"
                    + " bound on chain in " + home + " to check it against");
        }
        Hash32 signer = approval.key().hash();
        if (!signer.equals(bound.get().keyHash()) || !signer.equals(namedKey(record))) {
            return invalid("RESIDENT_KEY_MISMATCH", "the approval is by key " + signer.hex() + ", not by the key "
                    + bound.get().keyHash().hex() + " bound on chain to the resident and named in the consent");
        }
        try {
            approval.verify(token.approvalChallenge());
        } catch (InvalidInput refused) {
            return invalid(refused.code(), refused.getMessage());
        }
        return new Check(CheckType.CONSENT, CheckStatus.VALID, RESIDENT_SIGNED, "approved with the resident's own key "
                + signer.hex() + ", bound on chain by " + how(bound.get()) + "; " + authorised);
    }

    private static Check unsigned(ConsentRecord record, Optional<ResidentKeyOnChain> bound, String authorised,
                                  boolean required) {
        if (bound.isPresent()) {
            return invalid("CONSENT_NOT_RESIDENT_SIGNED", "a key of the resident is bound on chain (by "
                    + how(bound.get()) + "), but the consent carries no approval by it: the resident did not sign it");
        }
        if (record.residentSigned()) {
            return invalid("CONSENT_NOT_RESIDENT_SIGNED", "the consent says the resident signed it, but carries no approval");
        }
        if (required) {
            return invalid("RESIDENT_SIGNATURE_REQUIRED", "collected by the home operator, not signed by the resident,"
                    + " and this verification requires the resident's own signature");
        }
        return new Check(CheckType.CONSENT, CheckStatus.VALID, OPERATOR_ASSISTED,
                "collected by the home operator, not signed by the resident; " + authorised);
    }

    /** The key a version 2 record says approved it; none for an assisted or a version 1 record. */
    private static Hash32 namedKey(ConsentRecord record) {
        return record.residentKey() == null ? null : Hash32.fromHex(record.residentKey());
    }

    private static String how(ResidentKeyOnChain key) {
        String by = switch (key.how()) {
            case ResidentKeyOnChain.BOUND -> "its home operator";
            case ResidentKeyOnChain.REPLACED -> "a replacement the resident's previous key approved";
            default -> "its home operator's recovery, after the seven days the previous key had to cancel it";
        };
        return by + " at " + key.changedAt();
    }

    private static Check invalid(String code, String message) {
        return Check.invalid(CheckType.CONSENT, code, message);
    }
}
