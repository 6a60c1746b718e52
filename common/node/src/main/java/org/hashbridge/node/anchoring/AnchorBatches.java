package org.hashbridge.node.anchoring;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hashbridge.node.DocumentScope;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.config.AnchoringProperties;
import org.hashbridge.node.config.OutboxProperties;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.MerkleTree;
import org.hashbridge.protocol.Voucher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    /** How {@code last_error} starts while a root the chain lost is held back. */
    static final String HELD_BACK = "held back: ";

    private static final Logger log = LoggerFactory.getLogger(AnchorBatches.class);

    private final AnchorRepository anchors;
    private final AnchorBatchRepository batches;
    private final AnchorRowsInBulk rows;
    private final RegistryChain chain;
    private final DocumentScope.Consents consents;
    private final AnchoringProperties anchoring;
    private final OutboxProperties outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AnchorBatches(AnchorRepository anchors, AnchorBatchRepository batches, AnchorRowsInBulk rows, RegistryChain chain,
                  DocumentScope.Consents consents, AnchoringProperties anchoring, OutboxProperties outbox,
                  TransactionTemplate transactions, Clock clock) {
        this.anchors = anchors;
        this.batches = batches;
        this.rows = rows;
        this.chain = chain;
        this.consents = consents;
        this.anchoring = anchoring;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Forms batches of each issuer's oldest submissions outside any batch: as many as one round sends at most
     * ({@value #CLAIM}), each of at most {@code max-batch-size} leaves, the leaves {@linkplain #shares shared evenly}
     * between them.
     */
    void form() {
        int max = anchoring.maxBatchSize();
        for (String issuer : transactions.execute(status -> anchors.findIssuersWithUnbatched())) {
            transactions.executeWithoutResult(status -> {
                for (List<AnchorRepository.Unbatched> members : shares(anchors.claimUnbatched(issuer, max * CLAIM), max)) {
                    UUID batch = save(issuer, members.stream().map(member -> Hash32.fromHex(member.getLeaf())).toList());
                    rows.assign(batch, members.stream().map(AnchorRepository.Unbatched::getId).toList());
                }
            });
        }
    }

    /**
     * Forms the batches of new submissions of one issuer before they are stored, in the caller's transaction: a
     * bulk request large enough to fill roots of its own ({@link #formsItsOwnBatches}) is stored in its batches,
     * which spares rewriting thousands of rows to put them in one a moment later.
     */
    void formNew(String issuer, List<AnchorSubmission> fresh) {
        for (List<AnchorSubmission> members : shares(fresh, anchoring.maxBatchSize())) {
            UUID batch = save(issuer, members.stream().map(AnchorSubmission::leafHash).toList());
            for (int i = 0; i < members.size(); i++) {
                members.get(i).assignTo(batch, i);
            }
        }
    }

    /** Whether {@code count} new submissions of one request fill roots enough to form their own: half the largest. */
    boolean formsItsOwnBatches(int count) {
        return count >= Math.max(2, anchoring.maxBatchSize() / 2);
    }

    /**
     * {@code items} in order, cut into as few parts as hold at most {@code max} each, their sizes differing by one
     * at most: 10,000 pending leaves make one root, 20,000 two of 10,000, never one full root and a small one.
     */
    static <T> List<List<T>> shares(List<T> items, int max) {
        int count = (items.size() + max - 1) / max;
        List<List<T>> parts = new ArrayList<>(count);
        for (int from = 0, left = count; left > 0; left--) {
            int to = from + (items.size() - from) / left;
            parts.add(items.subList(from, to));
            from = to;
        }
        return parts;
    }

    /** Stores a batch of these leaves, in this order: flushed, so that its members can name it. */
    private UUID save(String issuer, List<Hash32> leaves) {
        MerkleTree tree = MerkleTree.of(leaves);
        return batches.saveAndFlush(new AnchorBatch(UUID.randomUUID(), issuer, tree.root(), tree.size(), clock.instant())).id();
    }

    /** Batches to send now, leased to this instance; a root the chain lost may be {@linkplain #heldBack held back}. */
    List<AnchorBatch> claim() {
        Instant now = clock.instant();
        List<AnchorBatch> claimed = transactions.execute(status -> {
            List<AnchorBatch> sending = batches.claimSending(now, CLAIM);
            sending.forEach(batch -> batch.lease(now.plus(outbox.lease())));
            return sending;
        });
        return claimed.stream().filter(batch -> !heldBack(batch, now)).toList();
    }

    /**
     * Whether a root the chain lost must wait. Anchored again, it lets each revoked document in it verify until
     * its revocation follows, a block or more later, if a consent of that document's scope is authorised on
     * chain then. Consents of such a scope are not recorded (again) before its revocations are back on chain
     * ({@code ConsentWrites} reads them there), so one can only be there from before the loss (a chain restored
     * from an older copy) or sent by a write that read the revocations just before the loss: the root then waits
     * until that consent ends or is revoked. Checked outside any transaction; a chain that cannot be read
     * postpones the batch.
     */
    private boolean heldBack(AnchorBatch batch, Instant now) {
        if (batch.lostAt().isEmpty()) {
            return false;
        }
        List<DocumentScope> revoked = transactions.execute(status -> anchors.findRevokedScopesIn(batch.id(),
                List.of(AnchorStatus.REVOKED, AnchorStatus.REVOKING), now));
        try {
            Optional<DocumentScope> authorised = revoked.stream().filter(consents::authorisedOnChain).findFirst();
            if (authorised.isEmpty()) {
                return false;
            }
            log.warn("root {} of {}, lost by the chain, held back: a consent of the scope of a revoked document in it"
                    + " is authorised on chain", batch.root(), batch.issuer());
            postpone(batch.id(), HELD_BACK + "a consent of a revoked document's scope is authorised on chain");
        } catch (ChainUnavailable e) {
            postpone(batch.id(), e.getMessage());
        }
        return true;
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
            if (batch.lostAt().isPresent()) {
                // loaded (to be changed) before the members are read only
                anchors.findByBatchIdAndStatus(batchId, AnchorStatus.REVOKED).stream()
                        .filter(member -> member.voucherJson().isPresent()).forEach(AnchorSubmission::revocationLost);
            }
            List<AnchorSubmission> members = anchors.findByBatchIdOrderByBatchIndexAsc(batchId);
            MerkleTree tree = MerkleTree.of(members.stream().map(AnchorSubmission::leafHash).toList());
            if (!tree.root().equals(batch.root())) {
                throw new IllegalStateException("batch " + batchId + " no longer has the members of its root");
            }
            var location = new Voucher.ChainLocation(chain.chainId(), chain.registryAddress(), write.txHash(),
                    write.blockNumber());
            List<UUID> issued = new ArrayList<>(members.size());
            List<String> vouchers = new ArrayList<>(members.size());
            for (int i = 0; i < members.size(); i++) {
                AnchorSubmission member = members.get(i);
                if (member.voucherJson().isEmpty()) {
                    issued.add(member.id());
                    vouchers.add(Voucher.issue(member.id().toString(), member.toLeaf(), tree.proof(i), tree.root(), location)
                            .toJson());
                }
            }
            rows.anchor(issued, vouchers, tree.root(), write);
            batch.anchored(chain.chainId(), chain.registryAddress(), write);
        });
    }
}
