package org.hashbridge.node.verification;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.DevAccounts;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.TestRegistry;
import org.hashbridge.node.chain.Web3jRegistryChain;
import org.hashbridge.node.chain.follow.TestDatabase;
import org.hashbridge.node.chain.follow.TestReadModel;
import org.hashbridge.protocol.Check;
import org.hashbridge.protocol.CheckStatus;
import org.hashbridge.protocol.CheckType;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.Digest;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.DocumentType;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.Leaf;
import org.hashbridge.protocol.MerkleTree;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SubjectReference;
import org.hashbridge.protocol.Verdict;
import org.hashbridge.protocol.Voucher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a bank is told about documents whose story changed in a reorganisation deeper than the confirmations
 * ({@code anvil_reorg}, one confirmation, three blocks replaced): a document revoked only on the abandoned
 * branch verifies again, one anchored only on the abandoned branch no longer does, and one anchored only on
 * the new branch does.
 */
class ReorganisedChainIT {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final InstitutionId TRANSUNION = TestRegistry.HK_ISSUER_ID;
    private static final InstitutionId ABC_SHENZHEN = new InstitutionId("cn.abc-shenzhen");
    private static final SubjectReference RESIDENT = SubjectReference.derive("hk-node subject key, for tests only".getBytes(UTF_8),
            "HK-A1234567");

    private static TestRegistry registry;
    private static TestDatabase database;
    private static TestReadModel readModel;
    private static ChainChecks checks;

    @BeforeAll
    static void registryAndReadModel() {
        registry = TestRegistry.start();
        registry.sz.registerVerifier(ABC_SHENZHEN);
        database = TestDatabase.start();
        readModel = TestReadModel.on(registry.sz, database.create(), TestReadModel.settings(1, 0)).start();
        checks = new ChainChecks(registry.sz, readModel.readModel());
    }

    @AfterAll
    static void stop() {
        readModel.close();
        database.close();
        registry.close();
    }

    @Test
    void whatOnlyTheAbandonedBranchHeldIsUndoneAndWhatOnlyTheNewBranchHoldsIsSeen() throws IOException, InterruptedException {
        Document revokedThenRestored = document();
        Document anchoredThenLost = document();
        Document anchoredOnTheNewBranch = document();
        Voucher revoked = anchor(registry.hk, revokedThenRestored);
        ConsentToken consent = consent();
        registry.anvil.mine(1);
        assertThat(verdict(revokedThenRestored, revoked, consent)).isEqualTo(Verdict.VERIFIED);

        // on the branch about to be abandoned, written by an operator account of its own so that the clients used
        // afterwards keep their nonces
        Voucher lost;
        try (Web3jRegistryChain abandoned = registry.newOperator("HK")) {
            abandoned.revokeLeaf(TRANSUNION.key(), revoked.rootHash(), revoked.leafHash(), revoked.proof().toMerkleProof());
            lost = anchor(abandoned, anchoredThenLost);
        }
        registry.anvil.mine(1);
        assertThat(check(revokedThenRestored, revoked, consent, CheckType.STATUS).code()).isEqualTo("DOCUMENT_REVOKED");
        assertThat(verdict(anchoredThenLost, lost, consent)).isEqualTo(Verdict.VERIFIED);

        long followedBefore = readModel.block();
        MerkleTree newBranch = MerkleTree.of(List.of(anchoredOnTheNewBranch.leaf.hash()));
        registry.anvil.reorg(3, List.of(Map.of("from", DevAccounts.hkOperator().address(), "to", registry.sz.registryAddress(),
                "data", registry.anchorRootCall(TRANSUNION.key(), newBranch.root(), 1).data(), "gas", "0x100000")));
        registry.anvil.mine(1);
        awaitRolledBackAndFollowed(followedBefore);

        Voucher onTheNewBranch = Voucher.issue(UUID.randomUUID().toString(), anchoredOnTheNewBranch.leaf, newBranch.proof(0),
                newBranch.root(), revoked.chain());
        assertThat(verdict(revokedThenRestored, revoked, consent)).as("revoked only on the abandoned branch").isEqualTo(Verdict.VERIFIED);
        Check anchor = check(anchoredThenLost, lost, consent, CheckType.ANCHOR);
        assertThat(anchor.status()).isEqualTo(CheckStatus.INVALID);
        assertThat(anchor.code()).as("anchored only on the abandoned branch").isEqualTo("ROOT_NOT_ANCHORED");
        assertThat(verdict(anchoredOnTheNewBranch, onTheNewBranch, consent)).as("anchored only on the new branch")
                .isEqualTo(Verdict.VERIFIED);
    }

    /** Waits until the follower noticed the new branch (a rollback) and followed it to its final block. */
    private static void awaitRolledBackAndFollowed(long followedBefore) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (readModel.block() < registry.anvil.latestBlockNumber() - 1
                || !readModel.blockHash().equals(java.util.Optional.of(registry.anvil.blockHash(readModel.block())))
                || readModel.rollbacks() == 0) {
            assertThat(System.nanoTime() - deadline).as("rolled back and followed again within 20 s").isNegative();
            Thread.sleep(20);
        }
        assertThat(readModel.block()).isGreaterThanOrEqualTo(followedBefore);
    }

    private record Document(Digest digest, Leaf leaf) {
    }

    private static Document document() {
        Digest digest = DigestAlgorithm.SHA_256.digest(("credit report " + UUID.randomUUID()).getBytes(UTF_8));
        return new Document(digest, new Leaf(digest, Salt.random(), TRANSUNION, new DocumentType("credit-report"),
                NOW.plus(Duration.ofDays(365)), RESIDENT));
    }

    private static Voucher anchor(RegistryChain operator, Document document) {
        MerkleTree batch = MerkleTree.of(List.of(document.leaf.hash(), TestRegistry.randomHash()));
        ChainWrite anchored = operator.anchorRoot(TRANSUNION.key(), batch.root(), batch.size());
        return Voucher.issue(UUID.randomUUID().toString(), document.leaf, batch.proof(0), batch.root(),
                new Voucher.ChainLocation(registry.sz.chainId(), registry.sz.registryAddress(), anchored.txHash(),
                        anchored.blockNumber()));
    }

    private static ConsentToken consent() {
        Instant until = NOW.plus(Duration.ofDays(30));
        ConsentToken token = ConsentToken.of(new ConsentRecord(ConsentRecord.VERSION_1, UUID.randomUUID().toString(),
                RESIDENT.hex(), TRANSUNION.value(), ABC_SHENZHEN.value(), "credit-report", "consumer loan application",
                NOW.getEpochSecond(), until.getEpochSecond(), "HK"), Salt.random());
        registry.hk.recordConsent(token.commitment(), TRANSUNION.key(), ABC_SHENZHEN.key(), until);
        return token;
    }

    private static Verdict verdict(Document document, Voucher voucher, ConsentToken consent) {
        return Verdict.of(checks.run(ABC_SHENZHEN, document.digest, voucher, consent, NOW).checks());
    }

    private static Check check(Document document, Voucher voucher, ConsentToken consent, CheckType type) {
        return checks.run(ABC_SHENZHEN, document.digest, voucher, consent, NOW).checks().stream().filter(c -> c.type() == type).findFirst().orElseThrow();
    }
}
