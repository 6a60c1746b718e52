package org.hashbridge.node.chain.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hashbridge.node.chain.RegistrySnapshot;
import org.hashbridge.node.chain.RegistryState;
import org.hashbridge.node.chain.ResidentKeyOnChain;
import org.hashbridge.node.chain.TestPasskey;
import org.hashbridge.node.chain.TestRegistry;
import org.hashbridge.node.chain.Web3jRegistryChain;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.MerkleTree;

/**
 * One write of every kind the read model follows, made through the registry client as the operators' nodes
 * make them, and the check that the read model answers for each of them what the chain answers.
 *
 * @param anchored       a root anchored for Hong Kong's issuer, with one of its leaves revoked
 * @param revokedLeaf    that leaf
 * @param revokedRoot    another root, anchored and then revoked as a whole
 * @param consent        a consent recorded for {@code bank}
 * @param revokedConsent a consent recorded and then revoked
 * @param suspended      an issuer registered and then suspended
 * @param bank           a verifier registered by Shenzhen
 * @param deactivated    an operator account admitted for Hong Kong and then deactivated
 * @param residents      Hong Kong residents' bindings: a key bound then replaced with its approval, a key with a recovery
 *                       pending, and a key whose recovery its approval cancelled
 */
record RegistryWrites(Hash32 anchored, Hash32 revokedLeaf, Hash32 revokedRoot, Hash32 consent, Hash32 revokedConsent,
                      InstitutionId suspended, InstitutionId bank, String deactivated, List<Hash32> residents) {

    private static final Hash32 ISSUER = TestRegistry.HK_ISSUER;

    /** Makes one write of every kind on {@code registry}. */
    static RegistryWrites oneOfEach(TestRegistry registry) {
        InstitutionId bank = TestRegistry.randomInstitution("cn");
        registry.sz.registerVerifier(bank);
        List<Hash32> leaves = List.of(TestRegistry.randomHash(), TestRegistry.randomHash(), TestRegistry.randomHash());
        MerkleTree batch = MerkleTree.of(leaves);
        registry.hk.anchorRoot(ISSUER, batch.root(), batch.size());
        registry.hk.revokeLeaf(ISSUER, batch.root(), leaves.get(1), batch.proof(1));
        Hash32 revokedRoot = TestRegistry.randomHash();
        registry.hk.anchorRoot(ISSUER, revokedRoot, 7);
        registry.hk.revokeRoot(ISSUER, revokedRoot);
        Instant until = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        Hash32 consent = TestRegistry.randomHash();
        registry.hk.recordConsent(consent, ISSUER, bank.key(), until);
        Hash32 revokedConsent = TestRegistry.randomHash();
        registry.hk.recordConsent(revokedConsent, ISSUER, bank.key(), until);
        registry.hk.revokeConsent(revokedConsent);
        InstitutionId suspended = TestRegistry.randomInstitution("hk");
        registry.hk.registerIssuer(suspended);
        registry.hk.setIssuerActive(suspended.key(), false);
        String deactivated;
        try (Web3jRegistryChain operator = registry.newOperator("HK")) {
            deactivated = operator.operatorAddress();
        }
        registry.hk.deactivateOperator(deactivated);
        return new RegistryWrites(batch.root(), leaves.get(1), revokedRoot, consent, revokedConsent, suspended, bank, deactivated,
                residentKeys(registry));
    }

    /** Seven changes of three bindings: bound and replaced, bound with a recovery pending, bound with one cancelled. */
    private static List<Hash32> residentKeys(TestRegistry registry) {
        TestPasskey first = TestPasskey.generate();
        TestPasskey second = TestPasskey.generate();
        List<Hash32> bindings = List.of(TestRegistry.randomHash(), TestRegistry.randomHash(), TestRegistry.randomHash());
        bindings.forEach(binding -> registry.hk.bindResidentKey(binding, first.keyHash()));
        registry.hk.replaceResidentKey("HK", bindings.get(0), second.keyHash(),
                first.approve(registry.replacementChallenge("HK", bindings.get(0), second.keyHash(), 1)));
        registry.hk.startResidentKeyRecovery(bindings.get(1), second.keyHash());
        registry.hk.startResidentKeyRecovery(bindings.get(2), second.keyHash());
        registry.sz.cancelResidentKeyRecovery("HK", bindings.get(2),
                first.approve(registry.cancellationChallenge("HK", bindings.get(2), 2)));
        return bindings;
    }

    /** The read model answers for each of these writes, and for what they did not write, what the chain answers. */
    void assertReadModelAgrees(RegistrySnapshot readModel, RegistryState chain) {
        assertThat(readModel.anchor(ISSUER, anchored)).isPresent().isEqualTo(chain.anchor(ISSUER, anchored));
        assertThat(readModel.anchor(ISSUER, revokedRoot)).isEqualTo(chain.anchor(ISSUER, revokedRoot))
                .hasValueSatisfying(anchor -> assertThat(anchor.revokedAt()).isPresent());
        assertThat(readModel.anchor(TestRegistry.SZ_ISSUER, anchored)).isEmpty().isEqualTo(chain.anchor(TestRegistry.SZ_ISSUER, anchored));
        assertThat(readModel.leafRevokedAt(ISSUER, anchored, revokedLeaf)).isPresent()
                .isEqualTo(chain.leafRevokedAt(ISSUER, anchored, revokedLeaf));
        assertThat(readModel.leafRevokedAt(ISSUER, revokedRoot, revokedLeaf)).isEmpty();
        assertThat(readModel.consent(consent)).isPresent().isEqualTo(chain.consent(consent));
        assertThat(readModel.consent(revokedConsent)).isPresent().isEqualTo(chain.consent(revokedConsent));
        assertThat(readModel.consent(TestRegistry.randomHash())).isEmpty();
        assertThat(readModel.issuer(suspended.key())).isPresent().isEqualTo(chain.issuer(suspended.key()));
        assertThat(readModel.issuer(ISSUER)).isPresent().isEqualTo(chain.issuer(ISSUER));
        assertThat(readModel.verifier(bank.key())).isPresent().isEqualTo(chain.verifier(bank.key()));
        assertThat(readModel.verifier(ISSUER)).isEmpty().isEqualTo(chain.verifier(ISSUER));
        assertThat(readModel.operator(deactivated)).isPresent().isEqualTo(chain.operator(deactivated));
        assertThat(readModel.operator(deactivated.toLowerCase())).isEqualTo(chain.operator(deactivated));
        assertThat(readModel.namespace("HK")).contains("hk").isEqualTo(chain.namespace("HK"));
        assertThat(readModel.namespace("SZ")).isEqualTo(chain.namespace("SZ"));
        assertThat(readModel.namespace("TW")).isEmpty();
        for (Hash32 resident : residents) {
            assertThat(readModel.residentKey("HK", resident)).isPresent().isEqualTo(chain.residentKey("HK", resident));
            assertThat(readModel.residentKey("SZ", resident)).isEmpty();
        }
        assertThat(readModel.residentKey("HK", residents.get(0))).hasValueSatisfying(key -> {
            assertThat(key.how()).isEqualTo(ResidentKeyOnChain.REPLACED);
            assertThat(key.nonce()).isEqualTo(2);
        });
        assertThat(readModel.residentKey("HK", residents.get(1))).hasValueSatisfying(key -> {
            assertThat(key.pendingKey()).isPresent();
            assertThat(key.nonce()).isEqualTo(2);
        });
        assertThat(readModel.residentKey("HK", residents.get(2))).hasValueSatisfying(key -> {
            assertThat(key.pendingKey()).isEmpty();
            assertThat(key.nonce()).isEqualTo(3);
        });
        assertThat(readModel.residentKey("HK", TestRegistry.randomHash())).isEmpty();
    }
}
