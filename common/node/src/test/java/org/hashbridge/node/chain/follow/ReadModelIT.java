package org.hashbridge.node.chain.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.hashbridge.node.chain.AnchorOnChain;
import org.hashbridge.node.chain.ChainSettings;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.DevAccounts;
import org.hashbridge.node.chain.TestRegistry;
import org.hashbridge.node.chain.Web3jRegistryChain;
import org.hashbridge.protocol.Hash32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The lag rule and the health component on a real chain and database: a reader waits for the follower to reach
 * the head it saw; past {@code maxLag} blocks behind, or with the head unknown, the registry is not read and the
 * view says why; health shows the read model's block, the head and the lag.
 */
class ReadModelIT {

    @RegisterExtension
    static final ChainAndDatabase setup = new ChainAndDatabase();

    @Test
    void aReaderWakesTheFollowerAndWaitsUntilItHasFollowedTheHeadTheReaderSaw() {
        FollowSettings onlyWhenAsked = new FollowSettings(0, 2000, Duration.ofHours(1), Duration.ofSeconds(10), 0,
                Duration.ofSeconds(5));
        try (TestReadModel model = TestReadModel.on(setup.registry.sz, setup.database.create(), onlyWhenAsked).start()) {
            Hash32 root = TestRegistry.randomHash();
            ChainWrite anchored = setup.registry.hk.anchorRoot(TestRegistry.HK_ISSUER, root, 1);

            ReadModel.View view = model.readModel().read(v -> v);

            assertThat(view.code()).isNull();
            assertThat(view.block()).isGreaterThanOrEqualTo(anchored.blockNumber());
            Optional<AnchorOnChain> anchor = model.readModel().read(v -> v.registry().orElseThrow().anchor(TestRegistry.HK_ISSUER, root));
            assertThat(anchor).isPresent();
        }
    }

    @Test
    void pastMaxLagBlocksBehindTheRegistryIsNotReadAndTheViewSaysHowFar() throws IOException {
        try (TestReadModel model = TestReadModel.on(setup.registry.sz, setup.database.create(), behindAtMost(2))) {
            model.catchUp();
            long followed = model.block();

            setup.registry.anvil.mine(2);
            ReadModel.View twoBehind = model.readModel().read(v -> v);
            setup.registry.anvil.mine(1);
            ReadModel.View threeBehind = model.readModel().read(v -> v);

            assertThat(twoBehind.code()).isNull();
            assertThat(twoBehind.block()).as("answered as of the block it is at").isEqualTo(followed);
            assertThat(threeBehind.registry()).isEmpty();
            assertThat(threeBehind.code()).isEqualTo(ReadModel.READ_MODEL_BEHIND);
            assertThat(threeBehind.reason()).contains("3 blocks behind the chain's final block " + (followed + 3));
            assertThat(threeBehind.block()).isZero();
        }
    }

    @Test
    void theBlocksWithinTheConfirmationsAreNotLag() throws IOException {
        try (TestReadModel model = TestReadModel.on(setup.registry.sz, setup.database.create(), new FollowSettings(3, 2000,
                Duration.ofHours(1), Duration.ofSeconds(10), 0, Duration.ofMillis(300)))) {
            model.catchUp();
            long head = setup.registry.anvil.latestBlockNumber();

            ReadModel.View view = model.readModel().read(v -> v);

            assertThat(model.block()).isEqualTo(head - 3);
            assertThat(view.code()).as("three blocks behind the head is at the final block").isNull();
        }
    }

    @Test
    void whileTheHeadCannotBeReadTheRegistryIsNotReadAndHealthIsUnknown() throws IOException {
        try (Web3jRegistryChain down = unreachable();
             TestReadModel model = TestReadModel.on(down, setup.database.create(), TestReadModel.settings(0, 1_000_000))) {
            assertThat(model.follower.followOnce()).isEqualTo(ChainFollower.Round.UNAVAILABLE);

            ReadModel.View view = model.readModel().read(v -> v);
            Health health = model.readModel().health();

            assertThat(view.registry()).as("however much lag is allowed").isEmpty();
            assertThat(view.code()).isEqualTo(ReadModel.CHAIN_UNAVAILABLE);
            assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
            assertThat((String) health.getDetails().get("reason")).contains("chain unreachable");
        }
    }

    @Test
    void healthShowsTheBlockTheHeadAndTheLagAndIsOutOfServicePastMaxLag() throws IOException {
        FollowSettings oneBlockARound = new FollowSettings(0, 1, Duration.ofHours(1), Duration.ofSeconds(10), 1,
                Duration.ofMillis(300));
        try (TestReadModel model = TestReadModel.on(setup.registry.sz, setup.database.create(), oneBlockARound)) {
            long head = setup.registry.anvil.latestBlockNumber();
            model.follower.followOnce();

            Health behind = model.readModel().health();
            model.catchUp();
            Health caughtUp = model.readModel().health();

            assertThat(behind.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(behind.getDetails()).containsEntry("block", 0L).containsEntry("head", head).containsEntry("lag", head)
                    .containsEntry("maxLag", 1L);
            assertThat(caughtUp.getStatus()).isEqualTo(Status.UP);
            assertThat(caughtUp.getDetails()).containsEntry("block", head).containsEntry("head", head).containsEntry("lag", 0L)
                    .containsEntry("blockHash", setup.registry.anvil.blockHash(head)).containsKey("followedAt");
        }
    }

    private static FollowSettings behindAtMost(long blocks) {
        return new FollowSettings(0, 2000, Duration.ofHours(1), Duration.ofSeconds(10), blocks, Duration.ofMillis(300));
    }

    private static Web3jRegistryChain unreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        return Web3jRegistryChain.connect(new ChainSettings("http://127.0.0.1:" + closedPort, setup.registry.sz.registryAddress(),
                DevAccounts.szOperator(), ChainSettings.ANVIL_CHAIN_ID, 0, Duration.ofMillis(50), Duration.ofSeconds(2)));
    }
}
