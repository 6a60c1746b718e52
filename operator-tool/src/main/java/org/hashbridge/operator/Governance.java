package org.hashbridge.operator;

import java.util.List;
import org.hashbridge.node.chain.AccountKey;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.RegistryGovernance;

/** Connecting to a registry's governance as one account, which must be one of the Safe's owners. */
final class Governance {

    private Governance() {
    }

    /**
     * The registry's governance acting as {@code key}; close it when done.
     *
     * @throws ToolFailure {@code BAD_INPUT} when {@code key} is not among the accounts that govern the registry,
     *                     {@code UNREACHABLE} when no registry can be read at {@code registry}
     */
    static RegistryGovernance connect(String rpcUrl, String registry, AccountKey key) {
        RegistryGovernance governance;
        try {
            governance = RegistryGovernance.connect(rpcUrl, registry, key);
        } catch (ChainUnavailable e) {
            throw ToolFailure.unreachable("cannot read a HashBridge registry at " + registry + ": " + e.getMessage());
        }
        List<String> approvers = governance.approvers();
        if (!approvers.contains(key.address())) {
            governance.close();
            throw ToolFailure.badInput(key.address() + " is not a governance account of the registry " + registry
                    + " (its Safe " + governance.safeAddress() + " is owned by " + String.join(", ", approvers) + ")");
        }
        return governance;
    }
}
