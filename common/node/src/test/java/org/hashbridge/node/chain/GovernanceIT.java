package org.hashbridge.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.node.chain.TestRegistry.HK_ISSUER;
import static org.hashbridge.node.chain.TestRegistry.assertRejected;
import static org.hashbridge.node.chain.TestRegistry.randomAccount;
import static org.hashbridge.node.chain.TestRegistry.randomHash;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hashbridge.node.chain.RegistryGovernance.Call;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;

/**
 * Governance of the registry on the real contract and Safe: nothing passes with one jurisdiction's
 * governance key alone, and some things pass with neither. The Safe itself reports a refused inner call
 * only as {@code GS013}; {@link RegistryGovernance} simulates each call from the Safe first, so the
 * registry's own reason is what an operator sees, and {@link TestRegistry#refusalFor} confirms it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GovernanceIT {

    private static final String NO_ACCOUNT = "0x0000000000000000000000000000000000000000";

    private static TestRegistry registry;
    private static RegistryGovernance hkGovernance;
    private static RegistryGovernance szGovernance;
    private static String safe;

    @BeforeAll
    static void deployRegistryGovernedByBothJurisdictions() {
        registry = TestRegistry.start();
        String rpcUrl = registry.chain.rpcUrl();
        hkGovernance = RegistryGovernance.connect(rpcUrl, registry.deployment.registry(), DevAccounts.hkGovernance());
        szGovernance = RegistryGovernance.connect(rpcUrl, registry.deployment.registry(), DevAccounts.szGovernance());
        safe = registry.deployment.governance();
    }

    @AfterAll
    static void stopChain() {
        if (hkGovernance != null) {
            hkGovernance.close();
        }
        if (szGovernance != null) {
            szGovernance.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void theRegistryIsOwnedByASafeThatNeedsBothGovernanceAccounts() {
        assertThat(registry.owner()).isEqualTo(safe);
        assertThat(hkGovernance.safeAddress()).isEqualTo(safe);
        assertThat(hkGovernance.registryAddress()).isEqualTo(registry.deployment.registry());
        assertThat(szGovernance.approvers()).containsExactlyInAnyOrder(
                DevAccounts.hkGovernance().address(), DevAccounts.szGovernance().address());
    }

    @Test
    void oneGovernanceKeyAloneCannotAdmitAnOperatorButBothCan() {
        String outsider = DevAccounts.outsider().address();
        Call admit = Call.registerOperator(outsider, DevRegistry.HK);

        assertRejected(() -> hkGovernance.execute(admit), "GS025");
        assertRejected(() -> szGovernance.execute(admit), "GS025");
        hkGovernance.approve(admit);
        assertRejected(() -> hkGovernance.execute(admit), "GS025");
        assertRejected(() -> registry.sendAs(DevAccounts.hkGovernance(), admit), "OwnableUnauthorizedAccount");
        assertRejected(() -> registry.sendAs(DevAccounts.szGovernance(), admit), "OwnableUnauthorizedAccount");
        assertThat(registry.hk.finalState().operator(outsider)).isEmpty();
        assertRejected(() -> registry.outsider.anchorRoot(HK_ISSUER, randomHash(), 1), "NotAnOperator");

        szGovernance.approve(admit);
        hkGovernance.execute(admit);

        assertThat(registry.hk.finalState().operator(outsider)).contains(new OperatorOnChain("HK", true));
        registry.outsider.anchorRoot(HK_ISSUER, randomHash(), 1);
    }

    @Test
    void aStolenGovernanceKeyCannotCutOffTheOtherSidesOperator() {
        String szOperator = DevAccounts.szOperator().address();
        Call cutOff = Call.deactivateOperator(szOperator);

        assertRejected(() -> hkGovernance.execute(cutOff), "GS025");
        assertRejected(() -> registry.sendAs(DevAccounts.hkGovernance(), cutOff), "NotAnOperator");
        try (Web3jRegistryChain asOperator = Web3jRegistryChain.connect(ChainSettings.anvil(
                registry.chain.rpcUrl(), registry.deployment.registry(), DevAccounts.hkGovernance()))) {
            assertRejected(() -> asOperator.deactivateOperator(szOperator), "NotAnOperator");
            assertRejected(() -> asOperator.anchorRoot(HK_ISSUER, randomHash(), 1), "NotAnOperator");
        }

        assertThat(registry.hk.finalState().operator(szOperator)).contains(new OperatorOnChain("SZ", true));
    }

    @Test
    void governanceCannotBeRenouncedEvenWithBothApprovals() {
        Call renounce = Call.renounceGovernance();

        assertRejected(() -> szGovernance.approve(renounce), "GovernanceCannotBeRenounced");
        assertRejected(() -> hkGovernance.execute(renounce), "GovernanceCannotBeRenounced");
        assertRejected(() -> registry.sendAs(DevAccounts.hkGovernance(), renounce), "OwnableUnauthorizedAccount");

        assertThat(registry.owner()).isEqualTo(safe);
        assertThat(registry.refusalFor(safe, renounce)).contains("GovernanceCannotBeRenounced");
    }

    @Test
    void governanceCannotMoveAnOperatorAccountToTheOtherJurisdiction() {
        String hkOperator = DevAccounts.hkOperator().address();
        Call move = Call.registerOperator(hkOperator, DevRegistry.SZ);

        assertRejected(() -> DevRegistry.enact(registry.chain.rpcUrl(), registry.deployment.registry(), move), "OperatorOfAnotherJurisdiction");

        assertThat(registry.sz.finalState().operator(hkOperator)).contains(new OperatorOnChain("HK", true));
        assertThat(registry.refusalFor(safe, move)).contains("OperatorOfAnotherJurisdiction");
    }

    @Test
    void aDeactivatedOperatorIsReactivatedByGovernanceInItsOwnJurisdictionOnly() {
        try (Web3jRegistryChain second = registry.newOperator(DevRegistry.HK)) {
            String account = second.operatorAddress();
            enact(Call.deactivateOperator(account));
            assertThat(registry.hk.finalState().operator(account)).contains(new OperatorOnChain("HK", false));
            assertRejected(() -> second.anchorRoot(HK_ISSUER, randomHash(), 1), "NotAnOperator");

            assertRejected(() -> enact(Call.registerOperator(account, DevRegistry.SZ)), "OperatorOfAnotherJurisdiction");
            assertThat(registry.hk.finalState().operator(account)).contains(new OperatorOnChain("HK", false));

            enact(Call.registerOperator(account, DevRegistry.HK));
            assertThat(registry.hk.finalState().operator(account)).contains(new OperatorOnChain("HK", true));
            second.anchorRoot(HK_ISSUER, randomHash(), 1);
        }
    }

    @Test
    void aJurisdictionIsAdmittedOnceWithOneNamespaceForGood() {
        Call again = Call.admitJurisdiction(DevRegistry.HK, "hk");
        Call takeItsNamespace = Call.admitJurisdiction("MO", "hk");
        Call changeItsNamespace = Call.admitJurisdiction(DevRegistry.HK, "mo");

        assertRejected(() -> enact(again), "JurisdictionAlreadyAdmitted");
        assertRejected(() -> enact(takeItsNamespace), "JurisdictionAlreadyAdmitted");
        assertRejected(() -> enact(changeItsNamespace), "JurisdictionAlreadyAdmitted");

        RegistryState state = registry.hk.finalState();
        assertThat(state.namespace("HK")).contains("hk");
        assertThat(state.namespace("MO")).isEmpty();
        assertThat(List.of(again, takeItsNamespace, changeItsNamespace))
                .allSatisfy(call -> assertThat(registry.refusalFor(safe, call)).contains("JurisdictionAlreadyAdmitted"));
    }

    @Test
    void anOperatorNeedsAnAdmittedJurisdiction() {
        String account = randomAccount().address();
        Call admitToTaiwan = Call.registerOperator(account, "TW");

        assertRejected(() -> enact(admitToTaiwan), "UnknownJurisdiction");
        assertThat(registry.refusalFor(safe, admitToTaiwan)).contains("UnknownJurisdiction");
        assertThat(registry.hk.finalState().operator(account)).isEmpty();

        enact(Call.admitJurisdiction("TW", "tw"));
        enact(admitToTaiwan);

        assertThat(registry.hk.finalState().namespace("TW")).contains("tw");
        assertThat(registry.hk.finalState().operator(account)).contains(new OperatorOnChain("TW", true));
    }

    @Test
    void handingGovernanceOverTakesBothApprovalsAndTheNewOwnersAcceptance() {
        AccountKey successor = randomAccount();
        Call handOver = Call.transferGovernance(successor.address());
        Call accept = new Call("acceptOwnership",
                FunctionEncoder.encode(new Function("acceptOwnership", List.of(), List.of())));

        assertRejected(() -> szGovernance.execute(handOver), "GS025");
        assertThat(registry.pendingOwner()).isEqualTo(NO_ACCOUNT);

        enact(handOver);

        assertThat(registry.pendingOwner()).isEqualTo(successor.address());
        assertThat(registry.owner()).isEqualTo(safe);
        assertRejected(() -> registry.sendAs(DevAccounts.hkGovernance(), accept), "OwnableUnauthorizedAccount");
        assertThat(registry.refusalFor(successor.address(), accept)).isEmpty();
        assertThat(registry.owner()).isEqualTo(safe);
    }

    private static void enact(Call call) {
        DevRegistry.enact(registry.chain.rpcUrl(), registry.deployment.registry(), call);
    }
}
