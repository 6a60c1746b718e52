package org.hashbridge.node.chain.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hashbridge.node.chain.DevAccounts;
import org.hashbridge.node.chain.DevRegistry;
import org.hashbridge.node.chain.ResidentKeyOnChain;
import org.hashbridge.node.chain.TestPasskey;
import org.hashbridge.node.chain.TestRegistry;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.MerkleTree;
import org.hashbridge.protocol.ResidentApproval;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chain changing branch under the follower, made on a real anvil with {@code anvil_reorg} and
 * {@code anvil_rollback}: a reorganisation deeper than the confirmations is rolled back to the fork point and
 * the new branch followed, one within them is never seen, and a chain that went back below the checkpoint (or
 * was reset to nothing) is the same case taken further. Each test has a chain of its own.
 */
class ChainReorganisationIT {

    private static final Hash32 ISSUER = TestRegistry.HK_ISSUER;

    private static TestDatabase database;
    private TestRegistry registry;

    @BeforeAll
    static void database() {
        database = TestDatabase.start();
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void chain() {
        registry = TestRegistry.start();
    }

    @AfterEach
    void stopChain() {
        registry.close();
    }

    @Test
    void aReorganisationDeeperThanTheConfirmationsIsRolledBackToTheForkAndTheNewBranchFollowed() throws IOException {
        List<Hash32> leaves = List.of(TestRegistry.randomHash(), TestRegistry.randomHash());
        MerkleTree kept = MerkleTree.of(leaves);
        registry.hk.anchorRoot(ISSUER, kept.root(), kept.size());
        long fork = registry.anvil.latestBlockNumber();
        try (TestReadModel model = TestReadModel.on(registry.sz, database.create(), TestReadModel.settings(1, 0))) {
            registry.hk.revokeLeaf(ISSUER, kept.root(), leaves.get(0), kept.proof(0));
            Hash32 abandoned = TestRegistry.randomHash();
            registry.hk.anchorRoot(ISSUER, abandoned, 1);
            registry.anvil.mine(1);
            model.catchUp();
            assertThat(model.block()).isEqualTo(fork + 2);
            assertThat(revokedLeaves(model)).isEqualTo(1);
            assertThat(anchors(model)).contains(abandoned.hex());

            // three blocks replaced, one more than the confirmations: the new first one anchors another root
            Hash32 onTheNewBranch = TestRegistry.randomHash();
            registry.anvil.reorg(3, List.of(anchorRootFromHongKong(onTheNewBranch)));

            assertThat(model.follower.followOnce()).isEqualTo(ChainFollower.Round.ROLLED_BACK);
            Checkpoint rolledBack = model.store.checkpoint().orElseThrow();
            assertThat(rolledBack.block()).as("the newest followed block the chain still holds").isEqualTo(fork);
            assertThat(rolledBack.hash()).contains(registry.anvil.blockHash(fork));
            assertThat(revokedLeaves(model)).isZero();
            assertThat(anchors(model)).doesNotContain(abandoned.hex());
            assertThat(rolledBack.lastRollback()).hasValueSatisfying(rollback -> {
                assertThat(rollback.from()).isEqualTo(fork + 2);
                assertThat(rollback.to()).isEqualTo(fork);
            });

            assertThat(model.catchUp()).isEqualTo(ChainFollower.Round.CAUGHT_UP);
            assertThat(anchors(model)).contains(kept.root().hex(), onTheNewBranch.hex()).doesNotContain(abandoned.hex());
            assertThat(model.store.checkpoint().orElseThrow().hash()).contains(registry.anvil.blockHash(fork + 2));
            assertThat(model.store.checkpoint().orElseThrow().rollbacks()).isEqualTo(1);
            ChainFollowerIT.assertTablesMatch(model, registry, database);
        }
    }

    @Test
    void aResidentsKeyChangedOnAnAbandonedBranchIsAsTheNewBranchChangedIt() throws IOException {
        Hash32 binding = TestRegistry.randomHash();
        TestPasskey first = TestPasskey.generate();
        TestPasskey second = TestPasskey.generate();
        TestPasskey third = TestPasskey.generate();
        registry.hk.bindResidentKey(binding, first.keyHash());
        long fork = registry.anvil.latestBlockNumber();
        try (TestReadModel model = TestReadModel.on(registry.sz, database.create(), TestReadModel.settings(1, 0))) {
            registry.hk.replaceResidentKey("HK", binding, second.keyHash(),
                    first.approve(registry.replacementChallenge("HK", binding, second.keyHash(), 1)));
            registry.hk.startResidentKeyRecovery(binding, third.keyHash());
            registry.anvil.mine(1);
            model.catchUp();
            assertThat(residentKey(model, binding)).hasValueSatisfying(key -> {
                assertThat(key.keyHash()).isEqualTo(second.keyHash());
                assertThat(key.pendingKey()).contains(third.keyHash());
                assertThat(key.nonce()).isEqualTo(3);
            });

            // on the new branch the first key approved the third instead
            ResidentApproval toThird = first.approve(registry.replacementChallenge("HK", binding, third.keyHash(), 1));
            registry.anvil.reorg(3, List.of(Map.of("from", DevAccounts.hkOperator().address(), "to", registry.sz.registryAddress(),
                    "data", registry.replaceResidentKeyCall("HK", binding, third.keyHash(), toThird, toThird.rawSignature()).data(),
                    "gas", "0x100000")));

            assertThat(model.follower.followOnce()).isEqualTo(ChainFollower.Round.ROLLED_BACK);
            assertThat(model.block()).isEqualTo(fork);
            assertThat(residentKey(model, binding)).hasValueSatisfying(key -> {
                assertThat(key.keyHash()).isEqualTo(first.keyHash());
                assertThat(key.pendingKey()).isEmpty();
                assertThat(key.nonce()).isOne();
            });
            assertThat(model.catchUp()).isEqualTo(ChainFollower.Round.CAUGHT_UP);
            assertThat(residentKey(model, binding)).isEqualTo(registry.sz.residentKey("HK", binding))
                    .hasValueSatisfying(key -> {
                        assertThat(key.keyHash()).isEqualTo(third.keyHash());
                        assertThat(key.how()).isEqualTo(ResidentKeyOnChain.REPLACED);
                        assertThat(key.pendingKey()).isEmpty();
                        assertThat(key.nonce()).isEqualTo(2);
                    });
            ChainFollowerIT.assertTablesMatch(model, registry, database);
        }
    }

    @Test
    void aReorganisationWithinTheConfirmationsIsNeverFollowed() throws IOException {
        try (TestReadModel model = TestReadModel.on(registry.sz, database.create(), TestReadModel.settings(2, 0))) {
            Hash32 root = TestRegistry.randomHash();
            registry.hk.anchorRoot(ISSUER, root, 1);
            registry.anvil.mine(1);
            model.catchUp();
            assertThat(anchors(model)).as("one block on top: not final with two confirmations").doesNotContain(root.hex());

            registry.anvil.reorg(2, List.of());
            registry.anvil.mine(2);

            assertThat(model.catchUp()).isEqualTo(ChainFollower.Round.CAUGHT_UP);
            assertThat(model.store.checkpoint().orElseThrow().rollbacks()).isZero();
            assertThat(anchors(model)).doesNotContain(root.hex());
        }
    }

    @Test
    void aChainThatWentBackBelowTheCheckpointIsRolledBackToWhatItStillHolds() throws IOException {
        Hash32 kept = TestRegistry.randomHash();
        registry.hk.anchorRoot(ISSUER, kept, 1);
        long fork = registry.anvil.latestBlockNumber();
        try (TestReadModel model = TestReadModel.on(registry.sz, database.create(), TestReadModel.settings(0, 0))) {
            Hash32 lost = TestRegistry.randomHash();
            registry.hk.anchorRoot(ISSUER, lost, 1);
            registry.anvil.mine(3);
            model.catchUp();
            assertThat(anchors(model)).contains(kept.hex(), lost.hex());

            registry.anvil.rollback(4);

            assertThat(model.catchUp()).isEqualTo(ChainFollower.Round.CAUGHT_UP);
            assertThat(model.block()).isEqualTo(fork);
            assertThat(anchors(model)).contains(kept.hex()).doesNotContain(lost.hex());
            ChainFollowerIT.assertTablesMatch(model, registry, database);
        }
    }

    @Test
    void aChainResetToNothingEmptiesTheReadModelWhichThenFollowsTheRegistryDeployedAgain() throws IOException {
        try (TestReadModel model = TestReadModel.on(registry.sz, database.create(), TestReadModel.settings(0, 0))) {
            RegistryWrites.oneOfEach(registry);
            model.catchUp();
            assertThat(ChainFollowerIT.rows(model).get("chain_anchor")).isPositive();

            registry.anvil.rollback((int) registry.anvil.latestBlockNumber());
            assertThat(model.catchUp()).isEqualTo(ChainFollower.Round.UNAVAILABLE);
            assertThat(model.block()).isEqualTo(-1);
            assertThat(ChainFollowerIT.rows(model).values()).as("no row of the old chain left").containsOnly(0L);

            String deployedAgain = DevRegistry.deploy(registry.chain.rpcUrl()).registry();
            assertThat(deployedAgain).isEqualToIgnoringCase(registry.sz.registryAddress());
            assertThat(model.catchUp()).isEqualTo(ChainFollower.Round.CAUGHT_UP);
            Map<String, Long> rows = ChainFollowerIT.rows(model);
            assertThat(rows.get("chain_jurisdiction")).isEqualTo(2);
            assertThat(rows.get("chain_anchor")).isZero();
            ChainFollowerIT.assertTablesMatch(model, registry, database);
        }
    }

    private Map<String, String> anchorRootFromHongKong(Hash32 root) {
        return Map.of("from", DevAccounts.hkOperator().address(), "to", registry.sz.registryAddress(),
                "data", registry.anchorRootCall(ISSUER, root, 1).data(), "gas", "0x100000");
    }

    /** The binding as the read model's rows hold it, whether or not it is far enough behind to be read. */
    private static Optional<ResidentKeyOnChain> residentKey(TestReadModel model, Hash32 binding) {
        return new SnapshotReads(model.jdbc, model.block()).residentKey("HK", binding);
    }

    private static List<String> anchors(TestReadModel model) {
        return model.jdbc.queryForList("select root from chain_anchor", String.class);
    }

    private static long revokedLeaves(TestReadModel model) {
        return model.jdbc.queryForObject("select count(*) from chain_leaf_revocation", Long.class);
    }
}
