package org.hashbridge.node.startup;

import java.util.Optional;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.OperatorOnChain;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.RegistryFeed;
import org.hashbridge.node.chain.RegistryMismatch;
import org.hashbridge.node.config.ChainProperties;
import org.hashbridge.node.config.NodeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Before the node does anything else on chain, checks that the chain answering at {@code hashbridge.chain.rpc-url}
 * is the one configured ({@code eth_chainId}), that a HashBridge registry of this node's version is at
 * {@code hashbridge.chain.registry-address}, and that the operator account is an active operator of this node's
 * jurisdiction; refuses to start ({@link StartRefused}) otherwise. A chain that does not answer at all does not stop
 * the start: the node checks again before every write and registration round, as docs/operations.md says.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ChainStartCheck implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ChainStartCheck.class);

    private final RegistryChain chain;
    private final RegistryFeed feed;
    private final String rpcUrl;
    private final String jurisdiction;

    ChainStartCheck(RegistryChain chain, RegistryFeed feed, ChainProperties settings, NodeProperties node) {
        this.chain = chain;
        this.feed = feed;
        this.rpcUrl = settings.rpcUrl();
        this.jurisdiction = node.jurisdiction();
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            feed.head();
        } catch (ChainUnavailable e) {
            log.warn("the chain at {} does not answer; its id, the registry and the operator account are checked once "
                    + "it does: {}", rpcUrl, e.getMessage());
            return;
        }
        requireRegistry();
        requireOperator();
    }

    private void requireRegistry() {
        try {
            chain.requireRegistry();
        } catch (RegistryMismatch e) {
            if (e.getMessage().contains("chain id")) {
                throw StartRefused.of("The chain at hashbridge.chain.rpc-url " + rpcUrl + " is not the one configured: "
                        + e.getMessage() + " (hashbridge.chain.chain-id).", "Point hashbridge.chain.rpc-url at the "
                        + "consortium's chain, or set hashbridge.chain.chain-id to its id: both nodes use the same chain.");
            }
            throw StartRefused.registryVersion("The registry at hashbridge.chain.registry-address is not the one this "
                    + "node needs: " + e.getMessage());
        } catch (ChainUnavailable e) {
            // the chain answered eth_blockNumber just now: an address that cannot be read is no registry
            throw StartRefused.noRegistry(chain.registryAddress(), rpcUrl, e.getMessage());
        }
    }

    private void requireOperator() {
        String account = chain.operatorAddress();
        Optional<OperatorOnChain> operator;
        try {
            operator = chain.finalState().operator(account);
        } catch (ChainUnavailable e) {
            log.warn("the operator account {} could not be checked at start: {}", account, e.getMessage());
            return;
        }
        if (operator.isEmpty()) {
            throw StartRefused.notAnOperator(account, jurisdiction, "no operator");
        }
        if (!operator.get().jurisdiction().equals(jurisdiction)) {
            throw StartRefused.notAnOperator(account, jurisdiction, "an operator of " + operator.get().jurisdiction());
        }
        if (!operator.get().active()) {
            throw StartRefused.notAnOperator(account, jurisdiction, "a deactivated operator of " + jurisdiction);
        }
        log.info("chain {} at {}: registry {} version {}, operator account {} of {}", chain.chainId(), rpcUrl,
                chain.registryAddress(), RegistryChain.REGISTRY_VERSION, account, jurisdiction);
    }
}
