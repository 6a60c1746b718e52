package org.hashbridge.node.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hashbridge.node.chain.AccessHistory;
import org.hashbridge.node.chain.AccessOnChain;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.RegistryState;
import org.hashbridge.node.config.ChainProperties;
import org.hashbridge.protocol.Check;
import org.hashbridge.protocol.CheckType;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.Receipt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** When the audit decides the chain lost this node's accesses, and which it puts back in the outbox. */
class AccessesOnChainTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");
    private static final String REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static final String COMMITMENT = "c1".repeat(32);

    private final VerificationRepository verifications = mock(VerificationRepository.class);
    private final RegistryChain chain = mock(RegistryChain.class);
    private final RegistryState state = mock(RegistryState.class);
    private final AccessesOnChain audit = new AccessesOnChain(verifications, chain, new ChainProperties(
            "http://127.0.0.1:8545", REGISTRY, null, (Path) null, 31337, 0, null, Duration.ofSeconds(1)),
            new TransactionTemplate(mock(PlatformTransactionManager.class)), Clock.fixed(NOW, ZoneOffset.UTC));
    private final Verification older = recorded(40);
    private final Verification newer = recorded(41);

    @BeforeEach
    void twoAccessesRecordedOnTheConfiguredRegistry() {
        when(chain.chainId()).thenReturn(31337L);
        when(chain.registryAddress()).thenReturn(REGISTRY);
        when(chain.finalState()).thenReturn(state);
        when(verifications.findFirst2ByAccessStatusAndAccessChainIdAndAccessRegistryIgnoreCaseAndAccessBlockNotNullOrderByAccessBlockDesc(
                any(), anyLong(), anyString())).thenReturn(List.of(newer, older));
        when(verifications.findCommitmentsWith(any(), anyLong(), anyString())).thenReturn(List.of(COMMITMENT));
        when(verifications.findByConsentCommitmentAndAccessStatusAndAccessChainIdAndAccessRegistryIgnoreCase(eq(COMMITMENT),
                any(), anyLong(), anyString())).thenReturn(List.of(older, newer));
    }

    @Test
    void anIntactChainChangesNothing() {
        when(state.block()).thenReturn(100L);
        when(state.accessRecorded(key(), AccessRecorder.receiptHash(newer.receipt()))).thenReturn(true);

        audit.audit();

        assertThat(List.of(older.accessStatus(), newer.accessStatus())).containsOnly(Verification.AccessStatus.RECORDED);
    }

    @Test
    void whenTheNewestIsMissingEveryAccessMissingFromItsConsentsHistoryIsRecordedAgain() {
        when(state.block()).thenReturn(100L);
        when(state.accessRecorded(any(), any())).thenReturn(false);
        when(chain.accesses(Hash32.fromHex(COMMITMENT))).thenReturn(List.of(new AccessOnChain(key(),
                AccessRecorder.receiptHash(older.receipt()), true, NOW.minusSeconds(600), "0x01")));

        audit.audit();

        assertThat(newer.accessStatus()).isEqualTo(Verification.AccessStatus.PENDING);
        assertThat(newer.lostByChain()).isTrue();
        assertThat(older.accessStatus()).as("still on chain").isEqualTo(Verification.AccessStatus.RECORDED);
    }

    @Test
    void aChainBehindABlockThisNodeSawLostEveryAccessItDoesNotHold() {
        when(state.block()).thenReturn(12L); // a chain started again from nothing
        when(chain.accesses(any(Hash32.class), any(Integer.class), any(Integer.class))).thenReturn(new AccessHistory(List.of(), 0));
        when(chain.accesses(any(Hash32.class))).thenReturn(List.of());

        audit.audit();

        assertThat(List.of(older.accessStatus(), newer.accessStatus())).containsOnly(Verification.AccessStatus.PENDING);
    }

    @Test
    void healthIsOutOfServiceWhileAccessesAreMissingAndCountsThoseLostForGood() {
        when(verifications.countByAccessLostAtIsNotNullAndAccessStatus(Verification.AccessStatus.PENDING)).thenReturn(2L);
        assertThat(audit.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(audit.health().getDetails()).containsEntry("accessesMissing", 2L);

        when(verifications.countByAccessLostAtIsNotNullAndAccessStatus(Verification.AccessStatus.PENDING)).thenReturn(0L);
        when(verifications.countByAccessLostAtIsNotNullAndAccessStatus(Verification.AccessStatus.SKIPPED)).thenReturn(1L);
        when(verifications.countByAccessRewrittenAtIsNotNull()).thenReturn(5L);
        assertThat(audit.health().getStatus()).isEqualTo(Status.UP);
        assertThat(audit.health().getDetails()).containsEntry("accessesNotWritable", 1L)
                .containsEntry("accessesWrittenAgain", 5L).containsKey("notWritableReason");
    }

    private Verification recorded(long block) {
        Receipt receipt = new Receipt(Receipt.VERSION, UUID.randomUUID().toString(), "sz", "cn.abc-shenzhen", "VERIFIED",
                List.of(Check.valid(CheckType.CONSENT, "authorised")), "sha-256", "ab".repeat(32), "hk.transunion",
                "credit-report", "cd".repeat(32), "ef".repeat(32), COMMITMENT, 31337, REGISTRY, block, NOW.toString());
        Verification verification = new Verification(receipt, "h." + UUID.randomUUID() + ".s", "[]", NOW.minusSeconds(900),
                NOW.plus(Duration.ofDays(30)));
        verification.accessRecorded(31337, REGISTRY, new ChainWrite("0x0" + block, block, NOW.minusSeconds(600)));
        when(verifications.findById(verification.id())).thenReturn(Optional.of(verification));
        return verification;
    }

    private static Hash32 key() {
        return new InstitutionId("cn.abc-shenzhen").key();
    }
}
