package org.hashbridge.node.chain.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.hashbridge.node.chain.AccountKey;
import org.hashbridge.node.chain.ChainSettings;
import org.hashbridge.node.chain.DevAccounts;
import org.hashbridge.node.chain.DevRegistry;
import org.hashbridge.node.chain.RegistryFeed;
import org.hashbridge.node.chain.TestRegistry;
import org.hashbridge.node.chain.Web3jRegistryChain;
import org.hashbridge.protocol.Hash32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The follower on a real chain and a real database: it follows every event from genesis (or from its
 * checkpoint) in bounded ranges into rows that answer what the chain answers, a restore from an empty database
 * ends in the same rows, and two followers on one database never apply a range twice.
 */
class ChainFollowerIT {

    @RegisterExtension
    static final ChainAndDatabase setup = new ChainAndDatabase();

    @Test
    void followsFromGenesisInBoundedRangesIntoRowsThatAnswerWhatTheChainAnswers() throws IOException {
        RegistryWrites writes = RegistryWrites.oneOfEach(setup.registry);
        long head = setup.registry.anvil.latestBlockNumber();
        try (TestReadModel model = TestReadModel.on(setup.registry.sz, setup.database.create(), rangesOf(3))) {
            List<ChainFollower.Round> rounds = new ArrayList<>();
            do {
                rounds.add(model.follower.followOnce());
            } while (rounds.get(rounds.size() - 1) == ChainFollower.Round.BEHIND);

            assertThat(rounds).as("rounds of at most 3 blocks").hasSize((int) ((head + 1 + 2) / 3))
                    .last().isEqualTo(ChainFollower.Round.CAUGHT_UP);
            Checkpoint checkpoint = model.store.checkpoint().orElseThrow();
            assertThat(checkpoint.block()).isEqualTo(head);
            assertThat(checkpoint.hash()).contains(setup.registry.anvil.blockHash(head));
            assertAgrees(model, writes);
        }
    }

    @Test
    void catchesUpFromItsCheckpointAfterBeingDownAndAppliesEachEventOnce() {
        RegistryWrites before = RegistryWrites.oneOfEach(setup.registry);
        try (TestReadModel model = TestReadModel.on(setup.registry.sz, setup.database.create(), TestReadModel.settings(0, 0))) {
            assertThat(model.catchUp()).isEqualTo(ChainFollower.Round.CAUGHT_UP);
            Map<String, Long> rowsBefore = rows(model);
            long followedBefore = model.block();

            RegistryWrites whileDown = RegistryWrites.oneOfEach(setup.registry);
            assertThat(model.catchUp()).isEqualTo(ChainFollower.Round.CAUGHT_UP);

            assertThat(model.block()).isGreaterThan(followedBefore);
            // each kind of write made once more while the follower was down: one more row of each per write
            Map<String, Long> rowsAfter = rows(model);
            assertThat(rowsAfter.get("chain_anchor") - rowsBefore.get("chain_anchor")).isEqualTo(2);
            assertThat(rowsAfter.get("chain_leaf_revocation") - rowsBefore.get("chain_leaf_revocation")).isEqualTo(1);
            assertThat(rowsAfter.get("chain_root_revocation") - rowsBefore.get("chain_root_revocation")).isEqualTo(1);
            assertThat(rowsAfter.get("chain_consent") - rowsBefore.get("chain_consent")).isEqualTo(2);
            assertThat(rowsAfter.get("chain_consent_revocation") - rowsBefore.get("chain_consent_revocation")).isEqualTo(1);
            assertThat(rowsAfter.get("chain_institution") - rowsBefore.get("chain_institution")).isEqualTo(2);
            assertThat(rowsAfter.get("chain_institution_status") - rowsBefore.get("chain_institution_status")).isEqualTo(1);
            assertThat(rowsAfter.get("chain_operator_change") - rowsBefore.get("chain_operator_change")).isEqualTo(2);
            assertThat(rowsAfter.get("chain_resident_key") - rowsBefore.get("chain_resident_key")).isEqualTo(7);
            assertAgrees(model, before);
            assertAgrees(model, whileDown);
        }
    }

    @Test
    void aRestoreFromAnEmptyDatabaseCatchesUpToTheSameRows() {
        RegistryWrites writes = RegistryWrites.oneOfEach(setup.registry);
        try (TestReadModel running = TestReadModel.on(setup.registry.sz, setup.database.create(), TestReadModel.settings(0, 0));
             TestReadModel restored = TestReadModel.on(setup.registry.sz, setup.database.create(), rangesOf(50))) {
            running.catchUp();
            assertThat(restored.block()).isEqualTo(-1);

            assertThat(restored.catchUp()).isEqualTo(ChainFollower.Round.CAUGHT_UP);

            assertThat(restored.block()).isEqualTo(running.block());
            for (String table : tables()) {
                String all = "select * from " + table + " order by 1, 2, 3";
                assertThat(restored.jdbc.queryForList(all)).as(table).isNotEmpty().isEqualTo(running.jdbc.queryForList(all));
            }
            assertAgrees(restored, writes);
        }
    }

    @Test
    void ofTwoFollowersThatReadTheSameRangeOnlyOneAppliesIt() throws InterruptedException {
        DataSource shared = setup.database.create();
        FollowSettings shortLease = new FollowSettings(0, 2000, Duration.ofMillis(100), Duration.ofMillis(1), 0, Duration.ofSeconds(5));
        try (TestReadModel first = TestReadModel.on(setup.registry.sz, shared, shortLease);
             TestReadModel second = TestReadModel.on(setup.registry.sz, shared, shortLease)) {
            Checkpoint firstSaw = first.store.claim("first", setup.registry.sz.chainId(), setup.registry.sz.registryAddress(),
                    Instant.now(), shortLease.lease()).orElseThrow();
            Thread.sleep(5); // the first one's lease runs out, as when an instance stalls mid-round
            Checkpoint secondSaw = second.store.claim("second", setup.registry.sz.chainId(), setup.registry.sz.registryAddress(),
                    Instant.now(), Duration.ofSeconds(10)).orElseThrow();
            RegistryFeed.Range range = setup.registry.sz.events(0, setup.registry.sz.head());
            assertThat(range.events()).isNotEmpty();

            assertThat(second.store.apply("second", secondSaw, range, range.last().number(), Instant.now())).isTrue();
            Map<String, Long> applied = rows(first);
            assertThat(first.store.apply("first", firstSaw, range, range.last().number(), Instant.now()))
                    .as("the lease is lost and the checkpoint moved").isFalse();
            assertThat(first.store.rollBack("first", firstSaw, -1, java.util.Optional.empty(), Instant.now())).isFalse();
            assertThat(second.store.apply("second", secondSaw, range, range.last().number(), Instant.now()))
                    .as("the checkpoint is no longer where this range starts").isFalse();

            assertThat(rows(first)).isEqualTo(applied);
            assertThat(applied.get("chain_jurisdiction")).isEqualTo(2);
        }
    }

    @Test
    void twoInstancesFollowingOneDatabaseTakeTurnsByTheLeaseAndAgreeWithTheChain() throws InterruptedException {
        DataSource shared = setup.database.create();
        FollowSettings settings = new FollowSettings(0, 1, Duration.ofMillis(20), Duration.ofMillis(500), 0, Duration.ofSeconds(5));
        TestReadModel first = TestReadModel.on(setup.registry.sz, shared, settings).start();
        try (TestReadModel second = TestReadModel.on(setup.registry.sz, shared, settings).start()) {
            RegistryWrites duringBoth = RegistryWrites.oneOfEach(setup.registry);
            awaitCaughtUp(second);
            assertThat(List.of(first.follower.followOnce(), second.follower.followOnce()))
                    .as("one holds the lease, the other waits").contains(ChainFollower.Round.NOT_LEASED);

            first.close(); // releases the lease: the other takes over
            RegistryWrites afterwards = RegistryWrites.oneOfEach(setup.registry);
            awaitCaughtUp(second);

            assertAgrees(second, duringBoth);
            assertAgrees(second, afterwards);
        } finally {
            first.close();
        }
    }

    @Test
    void aCheckpointOfAnotherRegistryIsDroppedAndTheConfiguredRegistryFollowedFromNothing() {
        DataSource shared = setup.database.create();
        try (TestReadModel model = TestReadModel.on(setup.registry.sz, shared, TestReadModel.settings(0, 0))) {
            RegistryWrites.oneOfEach(setup.registry);
            model.catchUp();
            assertThat(rows(model).get("chain_anchor")).isPositive();
        }
        String otherAddress = DevRegistry.deploy(setup.registry.chain.rpcUrl()).registry();
        AccountKey key = DevAccounts.szOperator();
        try (Web3jRegistryChain other = Web3jRegistryChain.connect(ChainSettings.anvil(setup.registry.chain.rpcUrl(), otherAddress, key));
             TestReadModel moved = TestReadModel.on(other, shared, TestReadModel.settings(0, 0))) {
            assertThat(moved.follower.followOnce()).isEqualTo(ChainFollower.Round.RESTARTED);
            assertThat(moved.catchUp()).isEqualTo(ChainFollower.Round.CAUGHT_UP);

            Checkpoint checkpoint = moved.store.checkpoint().orElseThrow();
            assertThat(checkpoint.registry()).isEqualToIgnoringCase(otherAddress);
            Map<String, Long> rows = rows(moved);
            assertThat(rows.get("chain_anchor")).as("nothing anchored on the other registry").isZero();
            assertThat(rows.get("chain_jurisdiction")).as("its own two jurisdictions").isEqualTo(2);
        }
    }

    private static FollowSettings rangesOf(int blocks) {
        return new FollowSettings(0, blocks, Duration.ofMillis(100), Duration.ofSeconds(10), 0, Duration.ofSeconds(5));
    }

    static void assertAgrees(TestReadModel model, RegistryWrites writes) {
        model.readModel().read(view -> {
            assertThat(view.code()).as(view.reason()).isNull();
            writes.assertReadModelAgrees(view.registry().orElseThrow(), setup.registry.sz.finalState());
            return null;
        });
    }

    private static void awaitCaughtUp(TestReadModel model) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (model.block() < setup.registry.sz.head()) {
            assertThat(System.nanoTime() - deadline).as("caught up within 20 s").isNegative();
            Thread.sleep(20);
        }
    }

    /**
     * The read model holds exactly the rows a read model followed from nothing on the chain as it is now
     * holds, and every anchor it holds is the chain's.
     */
    static void assertTablesMatch(TestReadModel model, TestRegistry registry, TestDatabase database) {
        try (TestReadModel fromNothing = TestReadModel.on(registry.sz, database.create(), model.settings)) {
            fromNothing.catchUp();
            assertThat(fromNothing.block()).isEqualTo(model.block());
            for (String table : tables()) {
                String all = "select * from " + table + " order by 1, 2, 3";
                assertThat(model.jdbc.queryForList(all)).as(table).isEqualTo(fromNothing.jdbc.queryForList(all));
            }
        }
        for (Map<String, Object> anchor : model.jdbc.queryForList("select issuer, root, leaf_count from chain_anchor")) {
            assertThat(registry.sz.finalState().anchor(Hash32.fromHex((String) anchor.get("issuer")),
                    Hash32.fromHex((String) anchor.get("root")))).as("anchor %s on chain", anchor)
                    .hasValueSatisfying(onChain -> assertThat(onChain.leafCount()).isEqualTo(anchor.get("leaf_count")));
        }
    }

    static List<String> tables() {
        List<String> tables = new ArrayList<>(Projection.TABLES);
        tables.add("chain_block");
        return tables;
    }

    static Map<String, Long> rows(TestReadModel model) {
        Map<String, Long> rows = new java.util.TreeMap<>();
        for (String table : tables()) {
            rows.put(table, model.jdbc.queryForObject("select count(*) from " + table, Long.class));
        }
        return rows;
    }
}
