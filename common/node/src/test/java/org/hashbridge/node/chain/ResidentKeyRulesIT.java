package org.hashbridge.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hashbridge.node.chain.TestRegistry.assertRejected;
import static org.hashbridge.node.chain.TestRegistry.randomHash;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.ResidentApproval;
import org.hashbridge.protocol.ResidentChallenges;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The registry's resident-key rules attacked on the real contract, its WebAuthn approvals verified on chain by
 * OpenZeppelin's library: by the other side's operator, by a home operator without the resident's key, by an account
 * that is no operator, and with approvals signed by another key, for another change, replayed, malleated or malformed.
 * Each attack is refused with the rule's error, and reading the binding back shows it changed nothing. The chain runs
 * the production network's hardfork, without a P-256 precompile, so the library's Solidity verifier is what is attacked.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ResidentKeyRulesIT {

    private static final Duration RECOVERY_DELAY = Duration.ofDays(7);

    private static TestRegistry registry;
    private static Web3jRegistryChain hk;
    private static Web3jRegistryChain sz;
    private static Web3jRegistryChain outsider;

    private final Hash32 binding = randomHash();
    private final TestPasskey resident = TestPasskey.generate();
    private final TestPasskey other = TestPasskey.generate();

    @BeforeAll
    static void deployRegistry() {
        registry = TestRegistry.startOnCancun();
        hk = registry.hk;
        sz = registry.sz;
        outsider = registry.outsider;
    }

    @AfterAll
    static void stopChain() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void theShenzhenOperatorBindsOnlyInItsOwnNamespaceWhichHongKongsChecksNeverRead() {
        sz.bindResidentKey(binding, other.keyHash());

        assertThat(hk.residentKey("HK", binding)).isEmpty();
        assertThat(hk.residentKey("SZ", binding)).hasValueSatisfying(key -> assertThat(key.keyHash()).isEqualTo(other.keyHash()));
        hk.bindResidentKey(binding, resident.keyHash());
        assertThat(sz.residentKey("HK", binding)).hasValueSatisfying(key -> {
            assertThat(key.keyHash()).isEqualTo(resident.keyHash());
            assertThat(key.how()).isEqualTo(ResidentKeyOnChain.BOUND);
            assertThat(key.nonce()).isOne();
            assertThat(key.pendingKey()).isEmpty();
            assertThat(key.recoverableAt()).isEmpty();
        });

        // nor can it start or complete a recovery of Hong Kong's resident: it acts in its own namespace only
        Hash32 hongKongOnly = randomHash();
        hk.bindResidentKey(hongKongOnly, resident.keyHash());
        assertRejected(() -> sz.startResidentKeyRecovery(hongKongOnly, other.keyHash()), "ResidentKeyNotBound");
        assertRejected(() -> sz.completeResidentKeyRecovery(hongKongOnly), "ResidentKeyNotBound");
        assertThat(hk.residentKey("HK", hongKongOnly)).map(ResidentKeyOnChain::pendingKey).contains(Optional.empty());
        assertThat(hk.residentKey("SZ", hongKongOnly)).isEmpty();
    }

    @Test
    void aKeyIsBoundOnceAndThenChangedOnlyByReplacementOrRecovery() {
        ResidentKeyOnChain bound = bind(resident);

        assertRejected(() -> hk.bindResidentKey(binding, other.keyHash()), "ResidentKeyAlreadyBound");
        assertRejected(() -> hk.bindResidentKey(binding, resident.keyHash()), "ResidentKeyAlreadyBound");
        assertRejected(() -> hk.bindResidentKey(randomHash(), Hash32.of(new byte[32])), "InvalidArgument");
        assertThat(hk.residentKey("HK", binding)).contains(bound);
    }

    @Test
    void aReplacementSignedByAnotherKeyIsRefusedAndChangesNothing() {
        ResidentKeyOnChain bound = bind(resident);
        Hash32 challenge = registry.replacementChallenge("HK", binding, other.keyHash(), bound.nonce());

        // the other key's own approval: not by the key bound
        assertRejected(() -> hk.replaceResidentKey("HK", binding, other.keyHash(), other.approve(challenge)),
                "ResidentKeyMismatch");
        // the bound key named, the other key's signature over the very same bytes
        ResidentApproval forged = TestPasskey.withSignature(resident.approve(challenge), other.approve(challenge).signature());
        assertRejected(() -> hk.replaceResidentKey("HK", binding, other.keyHash(), forged), "ResidentApprovalInvalid");

        assertThat(hk.residentKey("HK", binding)).contains(bound);
    }

    @Test
    void aReplacementApprovedForAnotherKeyJurisdictionOrRegistryIsRefused() {
        ResidentKeyOnChain bound = bind(resident);
        Hash32 mine = TestPasskey.generate().keyHash();
        ResidentApproval forMine = resident.approve(registry.replacementChallenge("HK", binding, mine, bound.nonce()));
        ResidentApproval inShenzhen = resident.approve(registry.replacementChallenge("SZ", binding, other.keyHash(), bound.nonce()));
        ResidentApproval elsewhere = resident.approve(ResidentChallenges.keyReplacement(
                ChainSettings.ANVIL_CHAIN_ID, new byte[20], Jurisdictions.encode("HK"), binding, other.keyHash(), bound.nonce()));

        assertRejected(() -> hk.replaceResidentKey("HK", binding, other.keyHash(), forMine), "ResidentApprovalInvalid");
        assertRejected(() -> hk.replaceResidentKey("HK", binding, other.keyHash(), inShenzhen), "ResidentApprovalInvalid");
        assertRejected(() -> hk.replaceResidentKey("HK", binding, other.keyHash(), elsewhere), "ResidentApprovalInvalid");
        assertThat(hk.residentKey("HK", binding)).contains(bound);
    }

    @Test
    void aGoodReplacementWorksOnceAndItsApprovalNeverAgain() {
        bind(resident);
        ResidentApproval toOther = resident.approve(registry.replacementChallenge("HK", binding, other.keyHash(), 1));

        ChainWrite replaced = hk.replaceResidentKey("HK", binding, other.keyHash(), toOther);

        ResidentKeyOnChain afterwards = hk.residentKey("HK", binding).orElseThrow();
        assertThat(afterwards.keyHash()).isEqualTo(other.keyHash());
        assertThat(afterwards.how()).isEqualTo(ResidentKeyOnChain.REPLACED);
        assertThat(afterwards.nonce()).isEqualTo(2);
        assertThat(afterwards.changedAt()).isEqualTo(replaced.blockTime());
        assertRejected(() -> hk.replaceResidentKey("HK", binding, other.keyHash(), toOther), "ResidentKeyMismatch");

        // back to the first key, approved by the second: the first key's old approval now names a used nonce
        hk.replaceResidentKey("HK", binding, resident.keyHash(),
                other.approve(registry.replacementChallenge("HK", binding, resident.keyHash(), 2)));
        ResidentKeyOnChain back = hk.residentKey("HK", binding).orElseThrow();
        assertThat(back.keyHash()).isEqualTo(resident.keyHash());
        assertThat(back.nonce()).isEqualTo(3);
        assertRejected(() -> hk.replaceResidentKey("HK", binding, other.keyHash(), toOther), "ResidentApprovalInvalid");
        ResidentApproval atAnOldNonce = resident.approve(registry.replacementChallenge("HK", binding, other.keyHash(), 2));
        assertRejected(() -> hk.replaceResidentKey("HK", binding, other.keyHash(), atAnOldNonce), "ResidentApprovalInvalid");
        assertThat(hk.residentKey("HK", binding)).contains(back);
    }

    @Test
    void theResidentsApprovalIsTheAuthoritySoEitherSidesOperatorMaySendIt() {
        bind(resident);

        sz.replaceResidentKey("HK", binding, other.keyHash(),
                resident.approve(registry.replacementChallenge("HK", binding, other.keyHash(), 1)));

        assertThat(hk.residentKey("HK", binding).orElseThrow().keyHash()).isEqualTo(other.keyHash());
        assertThat(hk.residentKey("SZ", binding)).isEmpty();
    }

    @Test
    void aHighSSignatureIsRefusedOnChainThoughItVerifiesTheSameBytes() {
        ResidentKeyOnChain bound = bind(resident);
        ResidentApproval approval = resident.approve(registry.replacementChallenge("HK", binding, other.keyHash(), 1));
        byte[] highS = TestPasskey.highS(approval);
        assertThat(highS).isNotEqualTo(approval.rawSignature());

        assertRejected(() -> registry.sendAs(DevAccounts.hkOperator(),
                registry.replaceResidentKeyCall("HK", binding, other.keyHash(), approval, highS)), "ResidentApprovalInvalid");
        assertThat(hk.residentKey("HK", binding)).contains(bound);

        registry.sendAs(DevAccounts.hkOperator(),
                registry.replaceResidentKeyCall("HK", binding, other.keyHash(), approval, approval.rawSignature()));
        assertThat(hk.residentKey("HK", binding).orElseThrow().keyHash()).isEqualTo(other.keyHash());
    }

    @Test
    void malformedAssertionsAreRefusedAndChangeNothing() {
        ResidentKeyOnChain bound = bind(resident);
        Hash32 challenge = registry.replacementChallenge("HK", binding, other.keyHash(), 1);
        byte[] present = TestPasskey.authenticatorData(TestPasskey.USER_PRESENT);
        String create = TestPasskey.clientData("webauthn.create", challenge);
        String hexChallenge = TestPasskey.clientData("webauthn.get", challenge).replaceFirst("\"challenge\":\"[^\"]+\"",
                "\"challenge\":\"" + challenge.hex() + "\"");

        assertRejected(() -> replace(resident.sign(present, create)), "ResidentApprovalInvalid");
        assertRejected(() -> replace(resident.sign(present, hexChallenge)), "ResidentApprovalInvalid");
        assertRejected(() -> replace(resident.sign(TestPasskey.authenticatorData(0x04),
                TestPasskey.clientData("webauthn.get", challenge))), "ResidentApprovalInvalid");
        // backed up but not eligible for backup: a state no authenticator reports
        assertRejected(() -> replace(resident.sign(TestPasskey.authenticatorData(0x11),
                TestPasskey.clientData("webauthn.get", challenge))), "ResidentApprovalInvalid");
        // what cannot even be put in the registry's form is refused before anything is sent
        assertMalformed(() -> replace(resident.sign(present, "{\"type\":\"webauthn.get\"}")));
        assertMalformed(() -> replace(TestPasskey.withSignature(resident.approve(challenge), "bm90LWRlcg")));

        assertThat(hk.residentKey("HK", binding)).contains(bound);
    }

    @Test
    void aBrowsersPasskeyApprovalCountsWithTheUserPresentThoughNotVerified() {
        bind(resident);
        ResidentApproval approval = resident.approveInBrowser(registry.replacementChallenge("HK", binding, other.keyHash(), 1));
        approval.verify(registry.replacementChallenge("HK", binding, other.keyHash(), 1));

        replace(approval);

        assertThat(hk.residentKey("HK", binding).orElseThrow().keyHash()).isEqualTo(other.keyHash());
    }

    @Test
    void aRecoveryCompletesOnlyAfterSevenDaysDuringWhichTheBoundKeyCanCancelIt() throws IOException {
        bind(resident);
        TestPasskey recovered = TestPasskey.generate();

        ChainWrite started = hk.startResidentKeyRecovery(binding, recovered.keyHash());
        ResidentKeyOnChain pending = hk.residentKey("HK", binding).orElseThrow();
        assertThat(pending.keyHash()).isEqualTo(resident.keyHash());
        assertThat(pending.pendingKey()).contains(recovered.keyHash());
        assertThat(pending.recoverableAt()).contains(started.blockTime().plus(RECOVERY_DELAY));
        assertThat(pending.nonce()).isEqualTo(2);
        assertRejected(() -> hk.completeResidentKeyRecovery(binding), "RecoveryNotDue");

        // cancelled by the bound key alone, through either operator
        Hash32 cancellation = registry.cancellationChallenge("HK", binding, 2);
        assertRejected(() -> sz.cancelResidentKeyRecovery("HK", binding, other.approve(cancellation)), "ResidentKeyMismatch");
        assertRejected(() -> sz.cancelResidentKeyRecovery("HK", binding,
                resident.approve(registry.cancellationChallenge("HK", binding, 1))), "ResidentApprovalInvalid");
        assertRejected(() -> sz.cancelResidentKeyRecovery("HK", binding,
                resident.approve(registry.replacementChallenge("HK", binding, recovered.keyHash(), 2))), "ResidentApprovalInvalid");
        assertThat(hk.residentKey("HK", binding)).contains(pending);
        ResidentApproval cancel = resident.approve(cancellation);
        sz.cancelResidentKeyRecovery("HK", binding, cancel);
        ResidentKeyOnChain cancelled = hk.residentKey("HK", binding).orElseThrow();
        assertThat(cancelled.pendingKey()).isEmpty();
        assertThat(cancelled.recoverableAt()).isEmpty();
        assertThat(cancelled.nonce()).isEqualTo(3);
        assertRejected(() -> sz.cancelResidentKeyRecovery("HK", binding, cancel), "NoResidentKeyRecovery");
        assertRejected(() -> hk.completeResidentKeyRecovery(binding), "NoResidentKeyRecovery");

        hk.startResidentKeyRecovery(binding, recovered.keyHash());
        assertRejected(() -> sz.cancelResidentKeyRecovery("HK", binding, cancel), "ResidentApprovalInvalid");
        registry.anvil.increaseTime(RECOVERY_DELAY.minusMinutes(1).toSeconds());
        assertRejected(() -> hk.completeResidentKeyRecovery(binding), "RecoveryNotDue");
        registry.anvil.increaseTime(Duration.ofMinutes(2).toSeconds());
        assertRejected(() -> sz.completeResidentKeyRecovery(binding), "ResidentKeyNotBound");
        ChainWrite completed = hk.completeResidentKeyRecovery(binding);

        ResidentKeyOnChain afterwards = hk.residentKey("HK", binding).orElseThrow();
        assertThat(afterwards).isEqualTo(new ResidentKeyOnChain(recovered.keyHash(), 5, Optional.empty(), Optional.empty(),
                completed.blockTime(), ResidentKeyOnChain.RECOVERED));
        assertRejected(() -> replace(resident.approve(registry.replacementChallenge("HK", binding, other.keyHash(), 5))),
                "ResidentKeyMismatch");
    }

    @Test
    void aReplacementByTheBoundKeyEndsAPendingRecovery() {
        bind(resident);
        hk.startResidentKeyRecovery(binding, TestPasskey.generate().keyHash());

        replace(resident.approve(registry.replacementChallenge("HK", binding, other.keyHash(), 2)));

        ResidentKeyOnChain replaced = hk.residentKey("HK", binding).orElseThrow();
        assertThat(replaced.keyHash()).isEqualTo(other.keyHash());
        assertThat(replaced.pendingKey()).isEmpty();
        assertThat(replaced.nonce()).isEqualTo(3);
        assertRejected(() -> hk.completeResidentKeyRecovery(binding), "NoResidentKeyRecovery");
    }

    @Test
    void anAccountThatIsNoOperatorOrNoLongerOneCanDoNothing() {
        ResidentKeyOnChain bound = bind(resident);
        hk.startResidentKeyRecovery(binding, other.keyHash());
        ResidentKeyOnChain pending = hk.residentKey("HK", binding).orElseThrow();
        ResidentApproval replacement = resident.approve(registry.replacementChallenge("HK", binding, other.keyHash(), 2));
        ResidentApproval cancellation = resident.approve(registry.cancellationChallenge("HK", binding, 2));

        try (Web3jRegistryChain cutOff = registry.newOperator("HK")) {
            hk.deactivateOperator(cutOff.operatorAddress());
            for (Web3jRegistryChain nobody : new Web3jRegistryChain[] {outsider, cutOff}) {
                assertRejected(() -> nobody.bindResidentKey(randomHash(), other.keyHash()), "NotAnOperator");
                assertRejected(() -> nobody.replaceResidentKey("HK", binding, other.keyHash(), replacement), "NotAnOperator");
                assertRejected(() -> nobody.startResidentKeyRecovery(binding, other.keyHash()), "NotAnOperator");
                assertRejected(() -> nobody.cancelResidentKeyRecovery("HK", binding, cancellation), "NotAnOperator");
                assertRejected(() -> nobody.completeResidentKeyRecovery(binding), "NotAnOperator");
            }
        }
        assertThat(hk.residentKey("HK", binding)).contains(pending);
        assertThat(pending.keyHash()).isEqualTo(bound.keyHash());
    }

    private ResidentKeyOnChain bind(TestPasskey key) {
        ChainWrite bound = hk.bindResidentKey(binding, key.keyHash());
        ResidentKeyOnChain onChain = hk.residentKey("HK", binding).orElseThrow();
        assertThat(onChain).isEqualTo(new ResidentKeyOnChain(key.keyHash(), 1, Optional.empty(), Optional.empty(),
                bound.blockTime(), ResidentKeyOnChain.BOUND));
        return onChain;
    }

    /** The bound key replaced by {@link #other}'s, with {@code approval}, through Hong Kong's client. */
    private ChainWrite replace(ResidentApproval approval) {
        return hk.replaceResidentKey("HK", binding, other.keyHash(), approval);
    }

    private static void assertMalformed(ThrowingCallable write) {
        assertThatThrownBy(write).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.code()).isEqualTo("MALFORMED_APPROVAL"));
    }
}
