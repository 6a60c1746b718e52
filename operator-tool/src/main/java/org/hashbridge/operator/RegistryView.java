package org.hashbridge.operator;

import java.util.Optional;
import java.util.function.Function;
import org.hashbridge.node.chain.AccountKey;
import org.hashbridge.node.chain.ChainSettings;
import org.hashbridge.node.chain.OperatorOnChain;
import org.hashbridge.node.chain.RegistrySnapshot;
import org.hashbridge.node.chain.Web3jRegistryChain;

/** What the registry holds now, read the way a node reads it, so that setup does only what is left to do. */
final class RegistryView {

    private final String rpcUrl;
    private final String registry;
    private final long chainId;
    private final AccountKey reader;

    /** {@code reader} signs nothing: the chain client wants an account, and reads are made as it. */
    RegistryView(String rpcUrl, String registry, long chainId, AccountKey reader) {
        this.rpcUrl = rpcUrl;
        this.registry = registry;
        this.chainId = chainId;
        this.reader = reader;
    }

    Optional<String> namespace(String jurisdiction) {
        return read(state -> state.namespace(jurisdiction));
    }

    Optional<OperatorOnChain> operator(String account) {
        return read(state -> state.operator(account));
    }

    /** Refuses a registry whose version this tool's contract wrappers do not know. */
    void requireRegistry() {
        try (Web3jRegistryChain chain = connect()) {
            chain.requireRegistry();
        } catch (IllegalStateException mismatch) {
            throw ToolFailure.badInput(mismatch.getMessage());
        }
    }

    private <T> T read(Function<RegistrySnapshot, T> question) {
        try (Web3jRegistryChain chain = connect()) {
            return question.apply(chain.finalState());
        }
    }

    private Web3jRegistryChain connect() {
        return Web3jRegistryChain.connect(new ChainSettings(rpcUrl, registry, reader, chainId, 0,
                ChainSettings.DEFAULT_POLL_INTERVAL, ChainSettings.DEFAULT_TIMEOUT));
    }
}
