package org.hashbridge.node.chain.follow;

import java.time.Clock;
import org.hashbridge.node.chain.RegistryFeed;
import org.hashbridge.node.config.ChainProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** The read model of the registry, the follower that fills it while the node runs, and its health component. */
@Configuration(proxyBeanMethods = false)
class ReadModelConfiguration {

    @Bean
    ReadModelStore readModelStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        return new ReadModelStore(jdbc, transactionManager);
    }

    @Bean
    ChainFollower chainFollower(RegistryFeed feed, ReadModelStore store, ChainProperties chain, Clock clock) {
        return new ChainFollower(feed, store, settings(chain), clock);
    }

    @Bean(name = "readModel", destroyMethod = "close")
    ReadModel readModel(RegistryFeed feed, ReadModelStore store, ChainFollower follower, ChainProperties chain,
                        JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        return new ReadModel(feed, store, follower, settings(chain), jdbc, transactionManager);
    }

    static FollowSettings settings(ChainProperties chain) {
        return new FollowSettings(chain.confirmations(), chain.logRange(), chain.followInterval(), chain.followLease(),
                chain.maxLag(), chain.readModelWait());
    }
}
