package org.hashbridge.node.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.ConsentOnChain;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.RegistryState;
import org.hashbridge.node.chain.WriteOutcome;
import org.hashbridge.node.config.OutboxProperties;
import org.hashbridge.protocol.Check;
import org.hashbridge.protocol.CheckType;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.Receipt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An access needs its consent on chain: one whose consent is not there waits for it without holding up the others,
 * and is given up only once the consent can no longer come.
 */
class AccessRecorderTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");
    private static final String REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static final OutboxProperties OUTBOX = new OutboxProperties(null, Duration.ofSeconds(75), null, Duration.ofSeconds(30));
    private static final String ON_CHAIN = "c1".repeat(32);
    private static final String BEING_WRITTEN_AGAIN = "c2".repeat(32);
    private static final String NEVER_RECORDED = "c3".repeat(32);
    private static final String ENDED = "c4".repeat(32);

    private final VerificationRepository verifications = mock(VerificationRepository.class);
    private static final int FULL_ROUND = AccessRecorder.WRITES_PER_ROUND * RegistryChain.MAX_ACCESSES_PER_WRITE;

    private final RegistryChain chain = mock(RegistryChain.class);
    private final RegistryState state = mock(RegistryState.class);
    private final Map<UUID, Verification> rows = new HashMap<>();
    private final AccessRecorder recorder = new AccessRecorder(verifications, chain, OUTBOX,
            new TransactionTemplate(mock(PlatformTransactionManager.class)), Clock.fixed(NOW, ZoneOffset.UTC));

    private final Verification fresh = stored(ON_CHAIN, NOW.plus(Duration.ofDays(30)), "OK");
    private final Verification lost = recordedThenLost(BEING_WRITTEN_AGAIN, NOW.plus(Duration.ofDays(30)));
    private final Verification forged = stored(NEVER_RECORDED, NOW.plus(Duration.ofDays(30)), "CONSENT_NOT_FOUND");
    private final Verification lostPastItsEnd = recordedThenLost(ENDED, NOW.minus(Duration.ofDays(1)));

    @BeforeEach
    void oneRoundOfFourAccessesOnlyOneOfWhoseConsentsIsOnChain() {
        when(chain.chainId()).thenReturn(31337L);
        when(chain.registryAddress()).thenReturn(REGISTRY);
        when(chain.finalState()).thenReturn(state);
        when(verifications.findAllById(any())).thenAnswer(call -> {
            Iterable<UUID> ids = call.getArgument(0);
            return StreamSupport.stream(ids.spliterator(), false).map(rows::get).filter(Objects::nonNull).toList();
        });
        when(state.consent(any())).thenReturn(Optional.empty());
        when(state.consent(Hash32.fromHex(ON_CHAIN))).thenReturn(Optional.of(new ConsentOnChain(Hash32.fromHex("0d".repeat(32)),
                Hash32.fromHex("0e".repeat(32)), "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", NOW.plus(Duration.ofDays(30)),
                NOW, ConsentOnChain.Status.AUTHORISED)));
        when(verifications.claimPendingAccesses(any(), anyInt())).thenReturn(List.of(lostPastItsEnd, lost, fresh, forged));
        when(chain.recordAccesses(argThat(accesses -> accesses != null && accesses.size() > 1)))
                .thenThrow(ChainRejected.beforeSending("recordAccesses", "UnknownConsent"));
        when(chain.recordAccesses(argThat(accesses -> accesses != null && accesses.size() == 1)))
                .thenReturn(new ChainWrite("0xabc", 50, NOW));
    }

    @Test
    void theAccessesWhoseConsentIsOnChainAreRecordedAndTheOthersWaitOrAreGivenUp() {
        recorder.recordPending();

        assertThat(fresh.accessStatus()).isEqualTo(Verification.AccessStatus.RECORDED);
        assertThat(lost.accessStatus()).as("its consent is being written again").isEqualTo(Verification.AccessStatus.PENDING);
        assertThat(lost.accessLeaseUntil()).as("tried again at the next audit").contains(NOW.plus(OUTBOX.auditInterval()));
        assertThat(forged.accessStatus()).as("the verification did not find it either: a token never recorded")
                .isEqualTo(Verification.AccessStatus.SKIPPED);
        assertThat(lostPastItsEnd.lostForGood()).as("the registry records no consent past its end").isTrue();
    }

    @Test
    void anAccessWhoseVerificationReadItsConsentOnChainWaitsForItEvenIfNeverRecordedBefore() {
        Verification beforeTheLoss = stored(BEING_WRITTEN_AGAIN, NOW.plus(Duration.ofDays(30)), "OK");
        when(verifications.claimPendingAccesses(any(), anyInt())).thenReturn(List.of(beforeTheLoss, fresh));

        recorder.recordPending();

        assertThat(beforeTheLoss.accessStatus()).isEqualTo(Verification.AccessStatus.PENDING);
        assertThat(fresh.accessStatus()).isEqualTo(Verification.AccessStatus.RECORDED);
    }

    @Test
    void aFullRoundThatWentOutIsFollowedAtOnceByTheNextSoABacklogIsWrittenAtTheChainsPace() {
        List<Verification> full = onChain(FULL_ROUND);
        List<Verification> rest = onChain(3);
        when(verifications.claimPendingAccesses(any(), anyInt())).thenReturn(full, rest, List.of());
        when(chain.recordAccessBatches(any())).thenAnswer(sent -> writtenEach(sent.getArgument(0)));
        when(chain.recordAccesses(any())).thenReturn(new ChainWrite("0xabc", 50, NOW));

        recorder.recordPending();

        verify(chain, times(1)).recordAccessBatches(argThat(batches -> batches.size() == AccessRecorder.WRITES_PER_ROUND
                && batches.stream().allMatch(b -> b.size() == RegistryChain.MAX_ACCESSES_PER_WRITE)));
        verify(chain, times(1)).recordAccesses(any());
        assertThat(full).allSatisfy(v -> assertThat(v.accessStatus()).isEqualTo(Verification.AccessStatus.RECORDED));
        assertThat(rest).allSatisfy(v -> assertThat(v.accessStatus()).isEqualTo(Verification.AccessStatus.RECORDED));
    }

    @Test
    void aFullRoundTheChainCouldNotTakeWaitsForTheNextInterval() {
        List<Verification> full = onChain(FULL_ROUND);
        when(verifications.claimPendingAccesses(any(), anyInt())).thenReturn(full);
        when(chain.recordAccessBatches(any())).thenThrow(ChainUnavailable.timedOut("recordAccesses", Duration.ofSeconds(30)));

        recorder.recordPending();

        verify(verifications, times(1)).claimPendingAccesses(any(), anyInt());
        assertThat(full).allSatisfy(v -> assertThat(v.accessStatus()).isEqualTo(Verification.AccessStatus.PENDING));
    }

    @Test
    void eachTransactionOfARoundHasItsOwnOutcomeAndARefusedOneIsSentAgainAsARoundOfItsOwn() {
        List<Verification> full = onChain(FULL_ROUND);
        when(verifications.claimPendingAccesses(any(), anyInt())).thenReturn(full, List.of());
        when(chain.recordAccessBatches(any())).thenReturn(List.of(
                WriteOutcome.written(new ChainWrite("0x01", 50, NOW)),
                WriteOutcome.failed(ChainRejected.inBlock("recordAccesses", "AccessLimitReached", "0x02")),
                WriteOutcome.failed(ChainUnavailable.timedOut("recordAccesses", Duration.ofSeconds(30))),
                WriteOutcome.written(new ChainWrite("0x04", 50, NOW))));
        when(chain.recordAccesses(any())).thenReturn(new ChainWrite("0x02", 51, NOW));

        recorder.recordPending();

        int size = RegistryChain.MAX_ACCESSES_PER_WRITE;
        verify(chain).recordAccesses(argThat(accesses -> accesses.size() == size)); // the refused one, sent again alone
        assertThat(full.subList(0, 2 * size)).allSatisfy(v -> assertThat(v.accessStatus()).isEqualTo(Verification.AccessStatus.RECORDED));
        assertThat(full.subList(2 * size, 3 * size)).allSatisfy(v -> assertThat(v.accessStatus()).isEqualTo(Verification.AccessStatus.PENDING));
        assertThat(full.subList(3 * size, 4 * size)).allSatisfy(v -> assertThat(v.accessStatus()).isEqualTo(Verification.AccessStatus.RECORDED));
        verify(verifications, times(1)).claimPendingAccesses(any(), anyInt()); // a round not written whole ends the run
    }

    private static List<WriteOutcome> writtenEach(List<?> batches) {
        return batches.stream().map(b -> WriteOutcome.written(new ChainWrite("0xabc", 50, NOW))).toList();
    }

    private List<Verification> onChain(int count) {
        return IntStream.range(0, count).mapToObj(i -> stored(ON_CHAIN, NOW.plus(Duration.ofDays(30)), "OK")).toList();
    }

    private Verification stored(String commitment, Instant consentEnds, String consentCheck) {
        Check consent = consentCheck.equals("OK") ? Check.valid(CheckType.CONSENT, "authorised")
                : Check.invalid(CheckType.CONSENT, consentCheck, "no such consent on chain");
        Receipt receipt = new Receipt(Receipt.VERSION, UUID.randomUUID().toString(), "sz", "cn.abc-shenzhen", "VERIFIED",
                List.of(consent), "sha-256", "ab".repeat(32), "hk.transunion", "credit-report", "cd".repeat(32),
                "ef".repeat(32), commitment, 31337, REGISTRY, 42, NOW.toString());
        Verification verification = new Verification(receipt, "h." + UUID.randomUUID() + ".s", "[]",
                NOW.minus(Duration.ofDays(2)), consentEnds);
        when(verifications.findById(verification.id())).thenReturn(Optional.of(verification));
        rows.put(verification.id(), verification);
        return verification;
    }

    private Verification recordedThenLost(String commitment, Instant consentEnds) {
        Verification verification = stored(commitment, consentEnds, "OK");
        verification.accessRecorded(31337, REGISTRY, new ChainWrite("0x01", 40, NOW.minus(Duration.ofDays(2))));
        verification.accessLost(NOW.minusSeconds(30));
        return verification;
    }
}
