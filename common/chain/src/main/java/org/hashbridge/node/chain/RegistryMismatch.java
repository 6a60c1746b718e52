package org.hashbridge.node.chain;

/**
 * The chain answers, but it is not the one this node is configured for: another chain id, or a registry
 * of another version at the configured address. Waiting does not help; the operator must fix the
 * configuration or the deployment (see docs/operations.md, upgrading the registry).
 */
public final class RegistryMismatch extends IllegalStateException {

    private RegistryMismatch(String message) {
        super(message);
    }

    public static RegistryMismatch chainId(long configured, long found) {
        return new RegistryMismatch("the chain answers with chain id " + found + "; this node is configured for "
                + configured);
    }

    public static RegistryMismatch version(String registry, long found) {
        return new RegistryMismatch("the registry at " + registry + " is version " + found + "; this node needs version "
                + RegistryChain.REGISTRY_VERSION + " (see docs/operations.md, upgrading the registry)");
    }
}
