package org.hashbridge.node.startup;

import java.nio.file.Path;
import java.util.List;

/**
 * The node cannot start as configured: what is wrong and what the operator does about it, reported by
 * {@link StartRefusedFailureAnalyzer} as Spring Boot's "Description / Action" without a stack trace. Messages name
 * settings as docs/operations.md does ({@code hashbridge.chain.rpc-url}), and never hold a key or a password.
 */
public final class StartRefused extends RuntimeException {

    private final String action;

    private StartRefused(String description, String action) {
        super(description, null, false, false);
        this.action = action;
    }

    /** What the operator should do. */
    public String action() {
        return action;
    }

    /** @param missing each missing setting, with the alternatives that would do instead */
    public static StartRefused missingSettings(List<String> missing) {
        return new StartRefused("Settings this node needs are not set:\n  " + String.join("\n  ", missing),
                "Set them in the environment (HASHBRIDGE_CHAIN_RPC_URL for hashbridge.chain.rpc-url), as --name=value "
                        + "arguments or in a file of /run/secrets/ (docs/operations.md, Settings; java -jar <node>.jar --help).");
    }

    public static StartRefused chainIdMismatch(long configured, long found, String rpcUrl) {
        return new StartRefused("The chain at " + rpcUrl + " answers eth_chainId " + found
                        + " but hashbridge.chain.chain-id is " + configured + ".",
                "Point hashbridge.chain.rpc-url at the consortium's chain, or set hashbridge.chain.chain-id to "
                        + "its id: both nodes must use the same chain.");
    }

    public static StartRefused noRegistry(String registry, String rpcUrl, String reason) {
        return new StartRefused("No HashBridge registry can be read at hashbridge.chain.registry-address " + registry
                        + " on the chain at " + rpcUrl + " (" + reason + ").",
                "Set hashbridge.chain.registry-address to the address the deployment printed (registry=0x...), "
                        + "on the chain it was deployed to.");
    }

    public static StartRefused registryVersion(String reason) {
        return new StartRefused(reason + ".", "Point hashbridge.chain.registry-address at a registry of the version "
                + "this node needs, or run the node version that matches the registry (docs/operations.md, upgrading "
                + "the registry).");
    }

    /** @param found what the registry holds for the account: "no operator", "an inactive operator of SZ", ... */
    public static StartRefused notAnOperator(String account, String jurisdiction, String found) {
        return new StartRefused("The operator account " + account + " (hashbridge.chain.operator-key-file) is " + found
                        + " on the registry, not an active operator of jurisdiction " + jurisdiction + ".",
                "Have governance register the account for " + jurisdiction + " (hashbridge-operator govern ... "
                        + "register-operator " + account + " " + jurisdiction + "), or start the node with the key "
                        + "file of its registered account.");
    }

    /** A key or password file that cannot be read, or a key that its password does not open. */
    public static StartRefused keyFile(String setting, Path file, String problem) {
        return new StartRefused("The " + setting + " " + file + " " + problem + ".",
                "Check the file named by " + setting + " (it must be readable by the node's user) and its password ("
                        + setting + "-password or " + setting + "-password-file).");
    }

    /** Any other refusal with its own description and action. */
    public static StartRefused of(String description, String action) {
        return new StartRefused(description, action);
    }
}
