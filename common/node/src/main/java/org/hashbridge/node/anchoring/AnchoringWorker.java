package org.hashbridge.node.anchoring;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.config.AnchoringProperties;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.MerkleTree;
import org.hashbridge.protocol.Voucher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The anchoring outbox. Pending submissions stay pending until their batch root is mined and the
 * vouchers are stored in one transaction, so neither a chain outage nor a node crash loses one. A
 * batch whose root reached the chain before a crash is rebuilt in the same order, meets
 * {@code RootAlreadyAnchored}, and is completed from the chain's record instead of anchored twice.
 */
@Component
class AnchoringWorker {

    private static final Logger log = LoggerFactory.getLogger(AnchoringWorker.class);

    private final AnchorRepository anchors;
    private final RegistryChain chain;
    private final AnchoringProperties properties;
    private final TransactionTemplate transactions;

    AnchoringWorker(AnchorRepository anchors, RegistryChain chain, AnchoringProperties properties,
                    TransactionTemplate transactions) {
        this.anchors = anchors;
        this.chain = chain;
        this.properties = properties;
        this.transactions = transactions;
    }

    /** One batch per issuer and round, so an issuer whose roots are refused never holds up another. */
    @Scheduled(fixedDelayString = "${hashbridge.anchoring.batch-interval:500ms}")
    void anchorPending() {
        List<String> issuers = transactions.execute(status -> anchors.findIssuersByStatus(AnchorStatus.PENDING));
        for (String issuer : issuers) {
            List<AnchorSubmission> batch = transactions.execute(status -> anchors.findByIssuerAndStatusOrderByCreatedAtAscIdAsc(
                    issuer, AnchorStatus.PENDING, Limit.of(properties.maxBatchSize())));
            if (!batch.isEmpty()) {
                anchorBatch(issuer, batch);
            }
        }
    }

    private void anchorBatch(String issuer, List<AnchorSubmission> batch) {
        MerkleTree tree = MerkleTree.of(batch.stream().map(AnchorSubmission::leafHash).toList());
        try {
            ChainWrite write = send(new InstitutionId(issuer), tree);
            transactions.executeWithoutResult(status -> complete(batch, tree, write));
            log.info("anchored {} leaves for {} under root {} in block {}", tree.size(), issuer, tree.root(), write.blockNumber());
        } catch (ChainUnavailable e) {
            log.warn("anchoring {} leaves for {} postponed: {}", tree.size(), issuer, e.getMessage());
        } catch (ChainRejected e) {
            log.error("the registry refused root {} for {}: {}; the batch stays pending", tree.root(), issuer, e.error());
        }
    }

    private ChainWrite send(InstitutionId issuer, MerkleTree tree) {
        try {
            return chain.anchorRoot(issuer.key(), tree.root(), tree.size());
        } catch (ChainRejected e) {
            if (e.error().equals("RootAlreadyAnchored")) {
                return chain.anchorWrite(issuer.key(), tree.root()).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    private void complete(List<AnchorSubmission> batch, MerkleTree tree, ChainWrite write) {
        var location = new Voucher.ChainLocation(chain.chainId(), chain.registryAddress(), write.txHash(), write.blockNumber());
        Map<UUID, AnchorSubmission> current = anchors.findAllById(batch.stream().map(AnchorSubmission::id).toList())
                .stream().collect(Collectors.toMap(AnchorSubmission::id, s -> s));
        IntStream.range(0, batch.size()).forEach(i -> {
            AnchorSubmission submission = current.get(batch.get(i).id());
            if (submission.status() == AnchorStatus.PENDING) {
                Voucher voucher = Voucher.issue(submission.id().toString(), submission.toLeaf(), tree.proof(i), tree.root(), location);
                submission.anchored(voucher, write.txHash(), write.blockNumber(), write.blockTime());
            } else if (submission.status() == AnchorStatus.REVOKED) {
                // revoked while its batch was on the way: its leaf must not stay valid on chain
                chain.revokeLeaf(new InstitutionId(submission.issuer()).key(), tree.root(), submission.leafHash(), tree.proof(i));
            }
        });
    }
}
