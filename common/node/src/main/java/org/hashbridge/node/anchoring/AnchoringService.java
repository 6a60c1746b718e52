package org.hashbridge.node.anchoring;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.config.ChainWait;
import org.hashbridge.node.config.NodeKeys;
import org.hashbridge.node.config.NodeProperties;
import org.hashbridge.node.config.OutboxProperties;
import org.hashbridge.node.institution.Caller;
import org.hashbridge.protocol.Digest;
import org.hashbridge.protocol.DocumentType;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.Leaf;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SubjectReference;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts digests from home issuers into the anchoring outbox, shows them their anchors and vouchers,
 * and revokes them. The batch anchoring itself is {@link AnchoringWorker}'s, the revocations on chain
 * {@link AnchorRevocations}'.
 */
@Service
public class AnchoringService {

    /** What an issuer asks to anchor; {@code subject} is the resident's identifier, kept off chain. */
    public record Submission(String digest, String algorithm, String documentType, String subject, Instant validUntil) {
    }

    private final AnchorRepository anchors;
    private final AnchorRevocations revocations;
    private final RegistryChain chain;
    private final NodeKeys keys;
    private final NodeProperties node;
    private final OutboxProperties outbox;
    private final ChainWait wait;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AnchoringService(AnchorRepository anchors, AnchorRevocations revocations, RegistryChain chain, NodeKeys keys,
                     NodeProperties node, OutboxProperties outbox, ChainWait wait, TransactionTemplate transactions,
                     Clock clock) {
        this.anchors = anchors;
        this.revocations = revocations;
        this.chain = chain;
        this.keys = keys;
        this.node = node;
        this.outbox = outbox;
        this.wait = wait;
        this.transactions = transactions;
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
        // a chain too slow to answer in time leaves the question to the outbox, as a chain that is down does
        wait.await(() -> requireNotSuspended(issuer));
        Instant validUntil = submission.validUntil().truncatedTo(ChronoUnit.SECONDS);
        Leaf leaf = new Leaf(digest, Salt.random(), new InstitutionId(issuer.id()), type, validUntil, subject);
        return AnchorView.of(anchors.save(new AnchorSubmission(UUID.randomUUID(), leaf, now)));
    }

    /**
     * The registry would refuse the batch of a suspended issuer, leaving its documents pending for ever;
     * tell the issuer now. While the chain cannot be read the submission waits in the outbox as usual.
     */
    private boolean requireNotSuspended(Caller issuer) {
        try {
            boolean suspended = chain.finalState().issuer(new InstitutionId(issuer.id()).key())
                    .map(onChain -> !onChain.active()).orElse(false);
            if (suspended) {
                throw AnchoringRefused.issuerSuspended(issuer.id());
            }
            return true;
        } catch (ChainUnavailable e) {
            return false; // anchoring is an outbox: accepted now, anchored once the chain answers
        }
    }

    @Transactional(readOnly = true)
    public AnchorView find(Caller issuer, UUID anchorId) {
        return AnchorView.of(owned(issuer, anchorId));
    }

    /**
     * Revokes an anchor and every other live anchor of the same digest by the same issuer: the chain sees
     * only salted leaves, so this node is where one document anchored twice is known to be one. The
     * revocations are stored first (a pending leaf outside any batch is revoked at once: it never reaches
     * the chain), then each anchored leaf's is written on chain with its inclusion proof, outside any
     * database transaction; the answer waits for them at most {@code hashbridge.outbox.answer-within}. An anchor is
     * {@link AnchorStatus#REVOKED} only once the chain has its revocation, {@link AnchorStatus#REVOKING}
     * until then (the outbox finishes it).
     *
     * @throws AnchoringRefused {@code ANCHOR_NOT_FOUND}, or {@code ANCHOR_ALREADY_REVOKED} when the anchor is
     *                          revoked or being revoked already, also by a concurrent request
     */
    public AnchorView revoke(Caller issuer, UUID anchorId, String reason) {
        List<UUID> toWrite;
        try {
            toWrite = transactions.execute(status -> requestRevocation(issuer, anchorId, reason));
        } catch (ConcurrencyFailureException e) {
            throw AnchoringRefused.alreadyRevoked(anchorId); // a concurrent revocation of the same document won
        }
        if (!toWrite.isEmpty()) {
            try {
                wait.await(() -> toWrite.stream().map(revocations::write).toList());
            } catch (ConcurrencyFailureException e) {
                // another instance completed one of them meanwhile
            }
        }
        return transactions.execute(status -> AnchorView.of(owned(issuer, anchorId)));
    }

    /** @return the copies whose revocation must now be written on chain, leased to this request */
    private List<UUID> requestRevocation(Caller issuer, UUID anchorId, String reason) {
        AnchorSubmission target = owned(issuer, anchorId);
        List<AnchorSubmission> copies = anchors.lockCopies(target.issuer(), target.algorithm(), target.digestHex());
        AnchorSubmission locked = copies.stream().filter(c -> c.id().equals(anchorId)).findFirst().orElseThrow();
        if (locked.status() == AnchorStatus.REVOKED || locked.status() == AnchorStatus.REVOKING) {
            throw AnchoringRefused.alreadyRevoked(anchorId);
        }
        Instant now = clock.instant();
        List<UUID> toWrite = new ArrayList<>();
        for (AnchorSubmission copy : copies) {
            boolean live = copy.status() == AnchorStatus.PENDING || copy.status() == AnchorStatus.ANCHORED;
            if (live && copy.requestRevocation(reason, now) && copy.voucherJson().isPresent()) {
                copy.lease(now.plus(outbox.lease()));
                toWrite.add(copy.id());
            }
        }
        return toWrite;
    }

    private AnchorSubmission owned(Caller issuer, UUID anchorId) {
        return anchors.findByIdAndIssuer(anchorId, issuer.id()).orElseThrow(() -> AnchoringRefused.notFound(anchorId));
    }
}
