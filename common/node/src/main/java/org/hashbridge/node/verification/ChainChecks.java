package org.hashbridge.node.verification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hashbridge.node.chain.AnchorOnChain;
import org.hashbridge.node.chain.ConsentOnChain;
import org.hashbridge.node.chain.InstitutionOnChain;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.RegistrySnapshot;
import org.hashbridge.node.chain.follow.ReadModel;
import org.hashbridge.protocol.Check;
import org.hashbridge.protocol.CheckType;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.Digest;
import org.hashbridge.protocol.DocumentType;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.Voucher;

/**
 * The six checks of a verification, each read from the registry as this node's read model holds it (never
 * from the issuing node), all at the read model's one block so they agree with each other. A check that may
 * not read the registry (the chain's head is unknown, or the read model is too far behind it) is
 * UNAVAILABLE, never VALID, so an outage cannot produce a false VERIFIED. The checks of requests that arrive
 * together share one read of the read model ({@link SharedReads}). A consent authorised on chain then passes only as
 * its resident's key bound on chain lets it ({@link ResidentSignature}): {@code RESIDENT_SIGNED} or
 * {@code OPERATOR_ASSISTED}.
 */
final class ChainChecks {

    private final RegistryChain chain;
    private final SharedReads<ReadModel.View> registry;

    /** Checks that read the registry at most {@code readGroups} transactions at a time, the checks of many requests in each. */
    ChainChecks(RegistryChain chain, ReadModel registry, int readGroups) {
        this.chain = chain;
        this.registry = new SharedReads<>(reads -> registry.read(view -> {
            reads.accept(view);
            return null;
        }), readGroups);
    }

    ChainChecks(RegistryChain chain, ReadModel registry) {
        this(chain, registry, VerificationProperties.defaults().readGroups());
    }

    /**
     * The checks and the block they read the registry at.
     *
     * @param block the read model's block every check saw, 0 when the checks could not read the registry
     */
    record Outcome(List<Check> checks, long block) {
    }

    Outcome run(InstitutionId verifier, Digest digest, Voucher voucher, ConsentToken consent, Instant now) {
        return run(verifier, digest, voucher, consent, now, false);
    }

    /**
     * @param requireResidentSignature whether a consent the resident did not approve with their own key (one the home
     *                                 operator collected) fails {@code CONSENT} with {@code RESIDENT_SIGNATURE_REQUIRED}
     */
    Outcome run(InstitutionId verifier, Digest digest, Voucher voucher, ConsentToken consent, Instant now,
                boolean requireResidentSignature) {
        return registry.read(view -> {
            List<Check> checks = new ArrayList<>(6);
            checks.add(integrity(digest, voucher));
            checks.add(guarded(CheckType.ANCHOR, view, s -> anchor(s, voucher)));
            checks.add(guarded(CheckType.STATUS, view, s -> status(s, voucher)));
            checks.add(validity(voucher, now));
            checks.add(guarded(CheckType.ISSUER, view, s -> issuer(s, voucher.issuerId())));
            checks.add(guarded(CheckType.CONSENT, view, s -> consent(s, verifier, voucher, consent, now,
                    requireResidentSignature)));
            return new Outcome(checks, view.block());
        });
    }

    private static Check integrity(Digest digest, Voucher voucher) {
        return voucher.matches(digest)
                ? Check.valid(CheckType.INTEGRITY, "the document's digest, salt and metadata recompute the leaf, which the proof leads to the root")
                : Check.invalid(CheckType.INTEGRITY, "DIGEST_MISMATCH", "the document does not recompute the voucher's leaf: it is not the document that was anchored");
    }

    private Check anchor(RegistrySnapshot chain, Voucher voucher) {
        if (voucher.chain().chainId() != this.chain.chainId()
                || !voucher.chain().registry().equalsIgnoreCase(this.chain.registryAddress())) {
            return Check.invalid(CheckType.ANCHOR, "FOREIGN_REGISTRY", "the voucher names another chain or registry");
        }
        Optional<AnchorOnChain> anchor = chain.anchor(voucher.issuerId().key(), voucher.rootHash());
        if (anchor.isEmpty()) {
            return Check.invalid(CheckType.ANCHOR, "ROOT_NOT_ANCHORED", "the root is not on chain for this issuer, or not final yet");
        }
        if (anchor.get().leafCount() != voucher.proof().treeSize()) {
            // an RFC 9162 path can fit trees of several sizes; the chain records the true one
            return Check.invalid(CheckType.ANCHOR, "TREE_SIZE_MISMATCH", "the proof's tree size is not the anchored batch size");
        }
        // the registry let only an operator of the issuer's own jurisdiction anchor it
        return Check.valid(CheckType.ANCHOR, "the root is final on chain, anchored by the issuer's home operator");
    }

    /** Revocations are of a leaf within its root, or of the whole root: only its jurisdiction can make them. */
    private static Check status(RegistrySnapshot chain, Voucher voucher) {
        Hash32 issuer = voucher.issuerId().key();
        Optional<Instant> batchRevoked = chain.anchor(issuer, voucher.rootHash()).flatMap(AnchorOnChain::revokedAt);
        if (batchRevoked.isPresent()) {
            return Check.invalid(CheckType.STATUS, "BATCH_REVOKED", "the issuer's operator revoked the whole batch at " + batchRevoked.get());
        }
        return chain.leafRevokedAt(issuer, voucher.rootHash(), voucher.leafHash())
                .map(at -> Check.invalid(CheckType.STATUS, "DOCUMENT_REVOKED", "the issuer revoked this document at " + at))
                .orElseGet(() -> Check.valid(CheckType.STATUS, "not revoked"));
    }

    private static Check validity(Voucher voucher, Instant now) {
        Instant until = voucher.validUntilInstant();
        return now.isBefore(until)
                ? Check.valid(CheckType.VALIDITY, "valid until " + until)
                : Check.invalid(CheckType.VALIDITY, "DOCUMENT_EXPIRED", "the document was valid until " + until);
    }

    private static Check issuer(RegistrySnapshot chain, InstitutionId issuer) {
        Optional<InstitutionOnChain> onChain = chain.issuer(issuer.key());
        if (onChain.isEmpty()) {
            return Check.invalid(CheckType.ISSUER, "ISSUER_UNKNOWN", issuer + " is not registered on chain");
        }
        return onChain.get().active()
                ? Check.valid(CheckType.ISSUER, issuer + " is registered in " + onChain.get().jurisdiction() + " and active")
                : Check.invalid(CheckType.ISSUER, "ISSUER_INACTIVE", issuer + " is suspended by its home operator");
    }

    private static Check consent(RegistrySnapshot chain, InstitutionId verifier, Voucher voucher, ConsentToken token,
                                 Instant now, boolean requireResidentSignature) {
        ConsentRecord record = token.record();
        if (!record.verifier().equals(verifier.value())) {
            return Check.invalid(CheckType.CONSENT, "CONSENT_OTHER_VERIFIER", "the consent was given to another institution");
        }
        if (!record.covers(verifier, voucher.issuerId(), new DocumentType(voucher.documentType()), voucher.subjectReference())) {
            return Check.invalid(CheckType.CONSENT, "CONSENT_SCOPE_MISMATCH", "the consent is for another issuer, document type or person");
        }
        Optional<ConsentOnChain> onChain = chain.consent(token.commitment());
        if (onChain.isEmpty()) {
            return Check.invalid(CheckType.CONSENT, "CONSENT_NOT_FOUND", "no such consent on chain");
        }
        ConsentOnChain c = onChain.get();
        if (c.status() == ConsentOnChain.Status.REVOKED) {
            return Check.invalid(CheckType.CONSENT, "CONSENT_REVOKED", "the resident revoked this consent at " + c.updatedAt());
        }
        if (!now.isBefore(c.validUntil()) || !now.isBefore(record.validUntilInstant())) {
            return Check.invalid(CheckType.CONSENT, "CONSENT_EXPIRED", "the consent ended at " + c.validUntil());
        }
        if (!c.issuer().equals(voucher.issuerId().key())) {
            return Check.invalid(CheckType.CONSENT, "CONSENT_SCOPE_MISMATCH", "the consent on chain is for another issuer");
        }
        if (!chain.issuer(c.issuer()).map(i -> i.jurisdiction().equals(record.jurisdiction())).orElse(false)) {
            return Check.invalid(CheckType.CONSENT, "CONSENT_SCOPE_MISMATCH", "the consent names another home jurisdiction than its issuer's");
        }
        if (!c.verifier().equals(verifier.key())) {
            return Check.invalid(CheckType.CONSENT, "CONSENT_OTHER_VERIFIER", "the consent on chain was given to another institution");
        }
        Optional<InstitutionOnChain> bank = chain.verifier(verifier.key());
        if (bank.isEmpty() || !bank.get().active()) {
            return Check.invalid(CheckType.CONSENT, "VERIFIER_SUSPENDED", verifier + " is not an active verifier on chain");
        }
        // the consent's home jurisdiction is its issuer's, checked above: its resident keys are bound there
        return ResidentSignature.check(chain, token, record.jurisdiction(),
                "authorised on chain for this verifier until " + c.validUntil(), requireResidentSignature);
    }

    private static Check guarded(CheckType type, ReadModel.View view, Function<RegistrySnapshot, Check> check) {
        return view.registry().map(check).orElseGet(() -> Check.unavailable(type, view.code(),
                (ReadModel.CHAIN_UNAVAILABLE.equals(view.code()) ? "the chain could not be read" : view.reason())
                        + "; this check was not made"));
    }
}
