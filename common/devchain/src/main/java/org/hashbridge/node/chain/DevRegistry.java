package org.hashbridge.node.chain;

import java.util.List;

/**
 * A registry set up on a development chain the way the two jurisdictions would set one up for real,
 * but with {@link DevAccounts}' published keys: a Safe of the two governance accounts needing both,
 * the registry governed by it, Hong Kong admitted with the namespace {@code hk} and Shenzhen with
 * {@code cn}, and one operator account each, every governance call approved by both sides. For the
 * sandbox and tests only.
 */
public final class DevRegistry {

    public static final String HK = "HK";
    public static final String SZ = "SZ";

    private DevRegistry() {
    }

    /** Deploys and sets up the registry; returns where it and its governing Safe are. */
    public static RegistryGovernance.Deployment deploy(String rpcUrl) {
        RegistryGovernance.Deployment deployment = RegistryGovernance.deploy(rpcUrl, DevAccounts.hkGovernance(),
                List.of(DevAccounts.hkGovernance().address(), DevAccounts.szGovernance().address()));
        enact(rpcUrl, deployment.registry(),
                RegistryGovernance.Call.admitJurisdiction(HK, "hk"),
                RegistryGovernance.Call.admitJurisdiction(SZ, "cn"),
                RegistryGovernance.Call.registerOperator(DevAccounts.hkOperator().address(), HK),
                RegistryGovernance.Call.registerOperator(DevAccounts.szOperator().address(), SZ));
        return deployment;
    }

    /** Runs each call with both jurisdictions' approval: Shenzhen approves, Hong Kong executes. */
    public static void enact(String rpcUrl, String registry, RegistryGovernance.Call... calls) {
        try (RegistryGovernance hk = RegistryGovernance.connect(rpcUrl, registry, DevAccounts.hkGovernance());
             RegistryGovernance sz = RegistryGovernance.connect(rpcUrl, registry, DevAccounts.szGovernance())) {
            for (RegistryGovernance.Call call : calls) {
                sz.approve(call);
                hk.execute(call);
            }
        }
    }
}
