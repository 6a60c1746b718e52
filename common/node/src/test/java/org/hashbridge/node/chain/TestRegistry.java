package org.hashbridge.node.chain;

import java.security.SecureRandom;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;

/**
 * A fresh anvil with the registry deployed by the governance dev account, the HK and SZ operator
 * accounts registered, each with one issuer of its own, and a client per account.
 */
final class TestRegistry implements AutoCloseable {

    static final Hash32 HK_ISSUER = new InstitutionId("hk.transunion").key();
    static final Hash32 SZ_ISSUER = new InstitutionId("cn.baihang").key();
    private static final SecureRandom RANDOM = new SecureRandom();

    final LocalChain chain;
    final AnvilControl anvil;
    final ChainSettings hkSettings;
    final Web3jRegistryChain hk;
    final Web3jRegistryChain sz;
    final Web3jRegistryChain outsider;

    private TestRegistry(LocalChain chain, String registry) {
        this.chain = chain;
        this.anvil = new AnvilControl(chain.rpcUrl());
        this.hkSettings = ChainSettings.anvil(chain.rpcUrl(), registry, DevAccounts.hkOperator());
        this.hk = Web3jRegistryChain.connect(hkSettings);
        this.sz = Web3jRegistryChain.connect(ChainSettings.anvil(chain.rpcUrl(), registry, DevAccounts.szOperator()));
        this.outsider = Web3jRegistryChain.connect(ChainSettings.anvil(chain.rpcUrl(), registry, DevAccounts.outsider()));
    }

    static TestRegistry start() {
        LocalChain chain = LocalChain.start();
        String registry = RegistryGovernance.deploy(chain.rpcUrl(), DevAccounts.governance());
        try (RegistryGovernance governance = RegistryGovernance.connect(chain.rpcUrl(), registry, DevAccounts.governance())) {
            governance.registerOperator(DevAccounts.hkOperator().address(), "HK");
            governance.registerOperator(DevAccounts.szOperator().address(), "SZ");
        }
        TestRegistry registryOnChain = new TestRegistry(chain, registry);
        registryOnChain.hk.registerIssuer(HK_ISSUER);
        registryOnChain.sz.registerIssuer(SZ_ISSUER);
        return registryOnChain;
    }

    static Hash32 randomHash() {
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
