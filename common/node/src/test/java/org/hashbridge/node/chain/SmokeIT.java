package org.hashbridge.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeIT {
    @Test
    void deploys() {
        try (TestRegistry r = TestRegistry.start()) {
            assertThat(r.sz.finalState().issuer(TestRegistry.HK_ISSUER)).contains(new InstitutionOnChain("HK", true));
            assertThat(r.sz.finalState().version()).isEqualTo(2);
            assertThat(r.sz.finalState().namespace("SZ")).contains("cn");
            org.hashbridge.protocol.Hash32 root = TestRegistry.randomHash();
            r.hk.anchorRoot(TestRegistry.HK_ISSUER, root, 1);
            r.hk.revokeLeaf(root, root, new org.hashbridge.protocol.MerkleProof(0, 1, java.util.List.of()));
            assertThat(r.sz.finalState().leafRevokedAt(root, root)).isPresent();
            try (RegistryGovernance g = RegistryGovernance.connect(r.chain.rpcUrl(), r.deployment.registry(), DevAccounts.hkGovernance())) {
                assertThat(g.approvers()).hasSize(2);
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> g.execute(RegistryGovernance.Call.registerOperator(DevAccounts.outsider().address(), "HK")))
                        .isInstanceOfSatisfying(ChainRejected.class, e -> assertThat(e.error()).isEqualTo("GS025"));
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.hk.registerIssuer(new org.hashbridge.protocol.InstitutionId("cn.evil")))
                        .isInstanceOfSatisfying(ChainRejected.class, e -> assertThat(e.error()).isEqualTo("ForeignNamespace"));
            }
        }
    }
}
