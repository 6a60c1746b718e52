package org.hashbridge.node.chain;

import java.security.SecureRandom;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;

/**
 * A fresh anvil with the registry deployed and governed by a 2-of-2 Safe of the two dev governance
 * accounts ({@link DevRegistry}), the HK and SZ operator accounts registered, each with one issuer of
 * its own, and a client per account.
 */
public final class TestRegistry implements AutoCloseable {

    public static final InstitutionId HK_ISSUER_ID = new InstitutionId("hk.transunion");
    public static final InstitutionId SZ_ISSUER_ID = new InstitutionId("cn.baihang");
    public static final Hash32 HK_ISSUER = HK_ISSUER_ID.key();
    public static final Hash32 SZ_ISSUER = SZ_ISSUER_ID.key();
    private static final SecureRandom RANDOM = new SecureRandom();

    public final LocalChain chain;
    public final RegistryGovernance.Deployment deployment;
    public final AnvilControl anvil;
    public final ChainSettings hkSettings;
    public final Web3jRegistryChain hk;
    public final Web3jRegistryChain sz;
    public final Web3jRegistryChain outsider;

    private TestRegistry(LocalChain chain, RegistryGovernance.Deployment deployment) {
        String registry = deployment.registry();
        this.chain = chain;
        this.deployment = deployment;
        this.anvil = new AnvilControl(chain.rpcUrl());
        this.hkSettings = ChainSettings.anvil(chain.rpcUrl(), registry, DevAccounts.hkOperator());
        this.hk = Web3jRegistryChain.connect(hkSettings);
        this.sz = Web3jRegistryChain.connect(ChainSettings.anvil(chain.rpcUrl(), registry, DevAccounts.szOperator()));
        this.outsider = Web3jRegistryChain.connect(ChainSettings.anvil(chain.rpcUrl(), registry, DevAccounts.outsider()));
    }

    public static TestRegistry start() {
        LocalChain chain = LocalChain.start();
        RegistryGovernance.Deployment deployment = DevRegistry.deploy(chain.rpcUrl());
        TestRegistry registryOnChain = new TestRegistry(chain, deployment);
        registryOnChain.hk.registerIssuer(HK_ISSUER_ID);
        registryOnChain.sz.registerIssuer(SZ_ISSUER_ID);
        return registryOnChain;
    }

    public static Hash32 randomHash() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Hash32.of(bytes);
    }

    @Override
    public void close() {
        hk.close();
        sz.close();
        outsider.close();
        anvil.close();
        chain.close();
    }
}
