package org.hashbridge.node.anchoring;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.config.AnchoringProperties;
import org.hashbridge.node.config.OutboxProperties;
import org.hashbridge.protocol.MerkleTree;
import org.hashbridge.protocol.Voucher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database side of the anchoring outbox, each step one short transaction that never waits for the
 * chain: forming batches (their members and root fixed before anything is sent), claiming batches to
 * send, and completing a batch once its root is on chain.
 */
@Component
class AnchorBatches {

    /** The most batches one instance claims per round; the others stay for the next round or instance. */
    static final int CLAIM = 16;

    private final AnchorRepository anchors;
    private final AnchorBatchRepository batches;
    private final RegistryChain chain;
    private final AnchoringProperties anchoring;
    private final OutboxProperties outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AnchorBatches(AnchorRepository anchors, AnchorBatchRepository batches, RegistryChain chain,
                  AnchoringProperties anchoring, OutboxProperties outbox, TransactionTemplate transactions, Clock clock) {
        this.anchors = anchors;
        this.batches = batches;
        this.chain = chain;
        this.anchoring = anchoring;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Forms at most one batch per issuer from its oldest submissions outside any batch. */
    void form() {
        for (String issuer : transactions.execute(status -> anchors.findIssuersWithUnbatched())) {
            transactions.executeWithoutResult(status -> formOne(issuer));
        }
    }

    private void formOne(String issuer) {
        List<AnchorSubmission> members = anchors.claimUnbatched(issuer, anchoring.maxBatchSize());
        if (members.isEmpty()) {
            return; // another instance holds them
        }
        MerkleTree tree = MerkleTree.of(members.stream().map(AnchorSubmission::leafHash).toList());
        AnchorBatch batch = batches.save(new AnchorBatch(UUID.randomUUID(), issuer, tree.root(), tree.size(), clock.instant()));
        for (int i = 0; i < members.size(); i++) {
            members.get(i).assignTo(batch.id(), i);
        }
    }

    /** Batches to send now, leased to this instance. */
    List<AnchorBatch> claim() {
        Instant now = clock.instant();
        return transactions.execute(status -> {
            List<AnchorBatch> claimed = batches.claimSending(now, CLAIM);
            claimed.forEach(batch -> batch.lease(now.plus(outbox.lease())));
            return claimed;
        });
    }

    /** The attempt ended without the root on chain: the batch is free for the next round. */
    void postpone(UUID batchId, String why) {
        transactions.executeWithoutResult(status -> batches.findById(batchId)
                .filter(batch -> batch.status() == AnchorBatch.Status.SENDING)
                .ifPresent(batch -> batch.postponed(why)));
    }

    /**
     * Completes a batch whose root {@code write} put on chain: every member gets its voucher. A member whose
     * revocation was asked meanwhile keeps it pending, now with the voucher its revocation needs; a member
     * revoked before the chain lost the root has its revocation written again after the root.
     */
    void complete(UUID batchId, ChainWrite write) {
        transactions.executeWithoutResult(status -> {
            AnchorBatch batch = batches.findById(batchId).orElseThrow();
            if (batch.status() != AnchorBatch.Status.SENDING) {
                return; // another instance completed it
            }
            List<AnchorSubmission> members = anchors.findByBatchIdOrderByBatchIndexAsc(batchId);
            MerkleTree tree = MerkleTree.of(members.stream().map(AnchorSubmission::leafHash).toList());
            if (!tree.root().equals(batch.root())) {
                throw new IllegalStateException("batch " + batchId + " no longer has the members of its root");
            }
            var location = new Voucher.ChainLocation(chain.chainId(), chain.registryAddress(), write.txHash(),
                    write.blockNumber());
            for (int i = 0; i < members.size(); i++) {
                AnchorSubmission member = members.get(i);
                if (member.voucherJson().isEmpty()) {
                    Voucher voucher = Voucher.issue(member.id().toString(), member.toLeaf(), tree.proof(i), tree.root(), location);
                    member.anchored(voucher, write.txHash(), write.blockNumber(), write.blockTime());
                } else if (batch.lostAt().isPresent() && member.status() == AnchorStatus.REVOKED) {
                    member.revocationLost();
                }
            }
            batch.anchored(chain.chainId(), chain.registryAddress(), write);
        });
    }
}
