package org.hashbridge.node.anchoring;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.hashbridge.node.DocumentScope;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.RegistryState;
import org.hashbridge.node.config.OutboxProperties;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.Voucher;
import org.hashbridge.node.OutageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the revocations of anchored leaves on chain ({@code revokeLeaf} with the voucher's proof), each
 * stored as {@link AnchorStatus#REVOKING} before it is sent and marked {@link AnchorStatus#REVOKED} only
 * once the chain has it. A retry that meets {@code LeafAlreadyRevoked} reads the revocation back. Tells the
 * consent feature whether the revocations of a scope are on chain, so that a consent of that scope is not
 * recorded while a revoked document of it could still verify.
 */
@Component
class AnchorRevocations implements DocumentScope.Revocations {

    private static final List<AnchorStatus> REVOKED = List.of(AnchorStatus.REVOKED, AnchorStatus.REVOKING);

    private static final Logger log = LoggerFactory.getLogger(AnchorRevocations.class);

    private static final int CLAIM = 32;
    private final OutageLog outage = new OutageLog(log, "revoking anchors");

    private final AnchorRepository anchors;
    private final RegistryChain chain;
    private final OutboxProperties outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AnchorRevocations(AnchorRepository anchors, RegistryChain chain, OutboxProperties outbox,
                      TransactionTemplate transactions, Clock clock) {
        this.anchors = anchors;
        this.chain = chain;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Revocations left over by a slow chain, a crash or another instance whose lease ran out. */
    @Scheduled(fixedDelayString = "${hashbridge.outbox.retry-interval:1s}")
    void writePending() {
        Instant now = clock.instant();
        List<UUID> claimed = transactions.execute(status -> anchors.claimRevocations(now, CLAIM).stream()
                .peek(s -> s.lease(now.plus(outbox.lease()))).map(AnchorSubmission::id).toList());
        for (UUID id : claimed) {
            write(id);
        }
    }

    /**
     * Writes one leaf's revocation, when it is under way and its batch on chain; the caller holds its lease.
     *
     * @return the submission's status afterwards
     */
    AnchorStatus write(UUID submissionId) {
        AnchorSubmission submission = transactions.execute(status -> anchors.findById(submissionId).orElseThrow());
        if (submission.status() != AnchorStatus.REVOKING || submission.voucherJson().isEmpty()) {
            return submission.status();
        }
        Voucher voucher = Voucher.parse(submission.voucherJson().get());
        if (voucher.chain().chainId() != chain.chainId() || !voucher.chain().registry().equalsIgnoreCase(chain.registryAddress())) {
            // anchored on a registry this node has moved away from: nothing verifies against it any more
            return update(submissionId, s -> s.revoked(clock.instant()));
        }
        try {
            ChainWrite write = chain.revokeLeaf(voucher.issuerId().key(), voucher.rootHash(), voucher.leafHash(),
                    voucher.proof().toMerkleProof());
            outage.available();
            return update(submissionId, s -> s.revoked(write.blockTime()));
        } catch (ChainRejected e) {
            outage.available();
            if (e.error().equals("LeafAlreadyRevoked")) {
                // an earlier attempt got through: the chain says since when
                Optional<Instant> at = chain.finalState().leafRevokedAt(voucher.issuerId().key(), voucher.rootHash(), voucher.leafHash());
                if (at.isPresent()) {
                    return update(submissionId, s -> s.revoked(at.get()));
                }
            } else {
                // UnknownRoot: the chain lost the root, which is written again first; others: for an operator
                log.error("the registry refused to revoke anchor {}: {}; retried", submissionId, e.error());
            }
        } catch (ChainUnavailable e) {
            outage.unavailable(e.getMessage());
            log.debug("revoking anchor {} postponed: {}", submissionId, e.getMessage());
        }
        return update(submissionId, AnchorSubmission::released);
    }

    /**
     * A revoked document whose revocation the chain lost could verify once its root is there again (or does now,
     * under a root the chain kept when it lost the revocation), until its revocation is written again; so could one
     * whose revocation was still on its way when the chain lost its root. A revocation on its way in the ordinary
     * course (its root on chain, or not there yet for the first time) holds nothing back: it is on chain within a
     * block or two, as ever.
     */
    @Override
    public boolean revokedOnChain(DocumentScope scope) {
        List<AnchorSubmission> revoked = transactions.execute(status -> anchors.findInScope(scope.issuer(),
                scope.documentType(), scope.subjectRef(), REVOKED, clock.instant(), chain.chainId(), chain.registryAddress()));
        if (revoked.isEmpty()) {
            return true;
        }
        RegistryState state = chain.finalState();
        Hash32 issuer = new InstitutionId(scope.issuer()).key();
        return revoked.stream().allMatch(leaf -> leaf.root()
                .flatMap(root -> state.leafRevokedAt(issuer, root, leaf.leafHash())).isPresent());
    }

    /** Applies {@code change} while the revocation is still under way (another instance may have ended it). */
    private AnchorStatus update(UUID submissionId, Consumer<AnchorSubmission> change) {
        return transactions.execute(status -> {
            AnchorSubmission current = anchors.findById(submissionId).orElseThrow();
            if (current.status() == AnchorStatus.REVOKING) {
                change.accept(current);
            }
            return current.status();
        });
    }
}
