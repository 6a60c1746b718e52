package org.hashbridge.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hashbridge.protocol.Hash32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the resident-key writes cost in gas, measured from their receipts: on the production network's hardfork
 * (cancun, no P-256 precompile: OpenZeppelin's Solidity verifier) and on anvil's default (with the EIP-7951
 * precompile), which docs/chain.md reports. The two writes that carry an approval differ by the verifier only.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ResidentKeyGasIT {

    /** A bound well within a block of any network (anvil's hold 30 million gas, Besu's genesis sets no practical limit). */
    private static final long AT_MOST = 1_000_000;

    @Test
    void verifyingAnApprovalInSolidityCostsAFewHundredThousandGasMoreThanWithThePrecompile() {
        Map<String, Long> solidity = measure(TestRegistry.startOnCancun());
        Map<String, Long> precompile = measure(TestRegistry.start());
        System.out.printf("resident-key gas, Solidity P256 (cancun): %s%nresident-key gas, P256 precompile: %s%n",
                solidity, precompile);

        for (String write : new String[] {"replaceResidentKey", "cancelResidentKeyRecovery"}) {
            assertThat(solidity.get(write)).as(write).isBetween(precompile.get(write) + 150_000, AT_MOST / 2);
        }
        for (String write : new String[] {"bindResidentKey", "startResidentKeyRecovery", "completeResidentKeyRecovery"}) {
            assertThat(solidity.get(write)).as(write + " verifies nothing").isBetween(30_000L, 120_000L);
        }
    }

    /** Each resident-key write once, on a fresh chain that {@code registry} then stops: the gas its receipt shows. */
    private static Map<String, Long> measure(TestRegistry registry) {
        try (registry) {
            Web3jRegistryChain hk = registry.hk;
            Hash32 binding = TestRegistry.randomHash();
            TestPasskey first = TestPasskey.generate();
            TestPasskey second = TestPasskey.generate();
            Map<String, Long> gas = new LinkedHashMap<>();
            gas.put("bindResidentKey", gas(hk, hk.bindResidentKey(binding, first.keyHash())));
            gas.put("replaceResidentKey", gas(hk, hk.replaceResidentKey("HK", binding, second.keyHash(),
                    first.approve(registry.replacementChallenge("HK", binding, second.keyHash(), 1)))));
            gas.put("startResidentKeyRecovery", gas(hk, hk.startResidentKeyRecovery(binding, first.keyHash())));
            gas.put("cancelResidentKeyRecovery", gas(hk, hk.cancelResidentKeyRecovery("HK", binding,
                    second.approve(registry.cancellationChallenge("HK", binding, 3)))));
            hk.startResidentKeyRecovery(binding, first.keyHash());
            registry.anvil.increaseTime(7 * 24 * 3600);
            gas.put("completeResidentKeyRecovery", gas(hk, hk.completeResidentKeyRecovery(binding)));
            return gas;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long gas(Web3jRegistryChain chain, ChainWrite write) {
        return chain.receipt(write.txHash()).orElseThrow().gasUsed();
    }
}
