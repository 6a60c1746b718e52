package org.hashbridge.node.anchoring;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.config.NodeKeys;
import org.hashbridge.node.config.NodeProperties;
import org.hashbridge.node.institution.Caller;
import org.hashbridge.protocol.Digest;
import org.hashbridge.protocol.DocumentType;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.Leaf;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SubjectReference;
import org.hashbridge.protocol.Voucher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepts digests from home issuers into the anchoring outbox, shows them their anchors and vouchers,
 * and revokes them. The batch anchoring itself is {@link AnchoringWorker}'s.
 */
@Service
public class AnchoringService {

    /** What an issuer asks to anchor; {@code subject} is the resident's identifier, kept off chain. */
    public record Submission(String digest, String algorithm, String documentType, String subject, Instant validUntil) {
    }

    private final AnchorRepository anchors;
    private final RegistryChain chain;
    private final NodeKeys keys;
    private final NodeProperties node;
    private final Clock clock;

    AnchoringService(AnchorRepository anchors, RegistryChain chain, NodeKeys keys, NodeProperties node, Clock clock) {
        this.anchors = anchors;
        this.chain = chain;
        this.keys = keys;
        this.node = node;
        this.clock = clock;
    }

    /** Not one transaction: the registry read holds no database connection; the insert is its own. */
    public AnchorView submit(Caller issuer, Submission submission) {
        Digest digest = node.accepted(Digest.parse(submission.algorithm(), submission.digest()));
        DocumentType type = new DocumentType(submission.documentType());
        SubjectReference subject = SubjectReference.derive(keys.subjectKey(), submission.subject());
        Instant now = clock.instant();
        if (!submission.validUntil().isAfter(now)) {
            throw AnchoringRefused.validUntilPassed();
        }
        requireNotSuspended(issuer);
        Instant validUntil = submission.validUntil().truncatedTo(ChronoUnit.SECONDS);
        Leaf leaf = new Leaf(digest, Salt.random(), new InstitutionId(issuer.id()), type, validUntil, subject);
        return AnchorView.of(anchors.save(new AnchorSubmission(UUID.randomUUID(), leaf, now)));
    }

    /**
     * The registry would refuse the batch of a suspended issuer, leaving its documents pending for ever;
     * tell the issuer now. While the chain cannot be read the submission waits in the outbox as usual.
     */
    private void requireNotSuspended(Caller issuer) {
        try {
            boolean suspended = chain.finalState().issuer(new InstitutionId(issuer.id()).key())
                    .map(onChain -> !onChain.active()).orElse(false);
            if (suspended) {
                throw AnchoringRefused.issuerSuspended(issuer.id());
            }
        } catch (ChainUnavailable e) {
            // anchoring is an outbox: accepted now, anchored once the chain answers
        }
    }

    @Transactional(readOnly = true)
    public AnchorView find(Caller issuer, UUID anchorId) {
        return AnchorView.of(owned(issuer, anchorId));
    }

    /**
     * Revokes an anchor and every other live anchor of the same digest by the same issuer: the chain sees
     * only salted leaves, so this node is where one document anchored twice is known to be one. An
     * anchored leaf is revoked on chain first, with its inclusion proof; a pending one never reaches the
     * chain. Nothing changes when the chain cannot be reached.
     */
    @Transactional
    public AnchorView revoke(Caller issuer, UUID anchorId, String reason) {
        AnchorSubmission submission = owned(issuer, anchorId);
        if (submission.status() == AnchorStatus.REVOKED) {
            throw AnchoringRefused.alreadyRevoked(anchorId);
        }
        Instant now = clock.instant();
        for (AnchorSubmission copy : anchors.findCopies(submission.issuer(), submission.algorithm(), submission.digestHex(),
                AnchorStatus.REVOKED)) {
            if (copy.status() == AnchorStatus.ANCHORED) {
                revokeOnChain(copy);
            }
            copy.revoke(reason, now);
        }
        return AnchorView.of(submission);
    }

    private void revokeOnChain(AnchorSubmission submission) {
        Voucher voucher = Voucher.parse(submission.voucherJson().orElseThrow());
        if (voucher.chain().chainId() != chain.chainId() || !voucher.chain().registry().equalsIgnoreCase(chain.registryAddress())) {
            // anchored on a registry this node has moved away from: nothing verifies against it any more
            return;
        }
        try {
            chain.revokeLeaf(voucher.issuerId().key(), voucher.rootHash(), voucher.leafHash(), voucher.proof().toMerkleProof());
        } catch (ChainRejected e) {
            // an earlier attempt reached the chain but not the database: the leaf is revoked already
            if (!e.error().equals("LeafAlreadyRevoked")) {
                throw e;
            }
        } catch (ChainUnavailable e) {
            throw NodeException.chainUnavailable();
        }
    }

    private AnchorSubmission owned(Caller issuer, UUID anchorId) {
        return anchors.findByIdAndIssuer(anchorId, issuer.id()).orElseThrow(() -> AnchoringRefused.notFound(anchorId));
    }
}
