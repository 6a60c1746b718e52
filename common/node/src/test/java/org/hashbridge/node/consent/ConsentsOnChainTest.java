package org.hashbridge.node.consent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
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
import org.hashbridge.node.DocumentScope;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.ConsentOnChain;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.RegistryState;
import org.hashbridge.node.config.ChainProperties;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SubjectReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When the audit decides the chain lost this node's consents, that they are then recorded again, or lost for good
 * past their end, and what it tells of a scope's consents on chain.
 */
class ConsentsOnChainTest {

    private static final String REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");

    private final ConsentRepository consents = mock(ConsentRepository.class);
    private final RegistryChain chain = mock(RegistryChain.class);
    private final RegistryState state = mock(RegistryState.class);
    private final Consent older = authorised(40);
    private final Consent newer = authorised(41);
    private final ConsentsOnChain audit = new ConsentsOnChain(consents, chain, new ChainProperties("http://127.0.0.1:8545",
            REGISTRY, null, (Path) null, 31337, 0, null, Duration.ofSeconds(1)),
            new TransactionTemplate(mock(PlatformTransactionManager.class)), Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void twoConsentsAuthorisedOnTheConfiguredRegistry() {
        when(chain.chainId()).thenReturn(31337L);
        when(chain.registryAddress()).thenReturn(REGISTRY);
        when(chain.finalState()).thenReturn(state);
        when(consents.findFirst2ByStatusInAndChainIdAndRegistryIgnoreCaseAndLostAtIsNullOrderByBlockNumberDesc(any(), anyLong(),
                anyString())).thenReturn(List.of(newer, older));
        when(consents.findByStatusInAndChainIdAndRegistryIgnoreCaseAndLostAtIsNull(any(), anyLong(), anyString()))
                .thenReturn(List.of(older, newer));
        when(consents.findById(older.id())).thenReturn(Optional.of(older));
        when(consents.findById(newer.id())).thenReturn(Optional.of(newer));
    }

    @Test
    void anIntactChainChangesNothing() {
        when(state.block()).thenReturn(100L);
        when(state.consent(newer.commitment())).thenReturn(Optional.of(onChain()));

        audit.audit();

        assertThat(List.of(older.status(), newer.status())).containsOnly(ConsentStatus.AUTHORISED);
    }

    @Test
    void consentsTheChainLostGoBackToTheOutboxTheRevokedOnesToBeRevokedAgain() {
        older.requestRevocation(NOW);
        older.revoked(NOW);
        when(state.block()).thenReturn(12L); // a chain started again from nothing
        when(state.consent(any())).thenReturn(Optional.empty());

        audit.audit();

        assertThat(newer.status()).isEqualTo(ConsentStatus.PENDING);
        assertThat(older.status()).isEqualTo(ConsentStatus.REVOKING);
        assertThat(older.lostByChain()).isTrue();
        when(consents.countByLostAtIsNotNullAndStatusIn(List.of(ConsentStatus.PENDING, ConsentStatus.REVOKING))).thenReturn(2L);
        assertThat(audit.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void aConsentTheChainLostPastItsEndCannotBeRecordedAgainAndHealthSaysHowManyAndWhy() {
        Consent ended = authorised(39, NOW.minusSeconds(60));
        when(consents.findByStatusInAndChainIdAndRegistryIgnoreCaseAndLostAtIsNull(any(), anyLong(), anyString()))
                .thenReturn(List.of(ended, older, newer));
        when(consents.findById(ended.id())).thenReturn(Optional.of(ended));
        when(state.block()).thenReturn(12L);
        when(state.consent(any())).thenReturn(Optional.empty());

        audit.audit();

        assertThat(ended.status()).as("the registry records no consent past its end").isEqualTo(ConsentStatus.AUTHORISED);
        assertThat(ended.lostForGood()).isTrue();
        assertThat(List.of(older.status(), newer.status())).containsOnly(ConsentStatus.PENDING);
        when(consents.countByLostAtIsNotNullAndStatusIn(List.of(ConsentStatus.AUTHORISED, ConsentStatus.REVOKED))).thenReturn(1L);
        assertThat(audit.health().getStatus()).isEqualTo(Status.UP);
        assertThat(audit.health().getDetails()).containsEntry("consentsNotWritable", 1L).containsKey("notWritableReason");
    }

    @Test
    void aConsentOfAScopeCountsAsAuthorisedOnlyWhenTheChainSaysSo() {
        DocumentScope scope = newer.scope();
        when(consents.findByIssuerAndDocumentTypeAndSubjectRefAndValidUntilAfter(scope.issuer(), scope.documentType(),
                scope.subjectRef(), NOW)).thenReturn(List.of(older, newer));
        when(state.consent(any())).thenReturn(Optional.empty());
        assertThat(audit.authorisedOnChain(scope)).as("the chain lost them").isFalse();

        when(state.consent(newer.commitment())).thenReturn(Optional.of(onChain(ConsentOnChain.Status.REVOKED)));
        assertThat(audit.authorisedOnChain(scope)).as("revoked on chain").isFalse();

        when(state.consent(older.commitment())).thenReturn(Optional.of(onChain()));
        assertThat(audit.authorisedOnChain(scope)).isTrue();
    }

    @Test
    void whenTheNewestIsThereTheOthersAreNotReadOneByOne() {
        when(state.block()).thenReturn(100L);
        when(state.consent(newer.commitment())).thenReturn(Optional.of(onChain()));
        when(state.consent(older.commitment())).thenReturn(Optional.empty());

        audit.audit();

        assertThat(older.status()).as("only a missing newest consent starts the full audit").isEqualTo(ConsentStatus.AUTHORISED);
    }

    private static Consent authorised(long block) {
        return authorised(block, NOW.plus(Duration.ofDays(30)));
    }

    private static Consent authorised(long block, Instant until) {
        ConsentToken token = ConsentToken.of(new ConsentRecord(ConsentRecord.VERSION_1, UUID.randomUUID().toString(),
                SubjectReference.derive("hk-node subject key, for unit tests only".getBytes(UTF_8), "HK-A1234567").hex(),
                "hk.transunion", "cn.abc-shenzhen", "credit-report", "consumer loan application",
                NOW.minus(Duration.ofDays(30)).getEpochSecond(), until.getEpochSecond(), "HK"), Salt.random());
        Consent consent = new Consent("HK-A1234567", token, NOW);
        consent.authorised(31337, REGISTRY, new ChainWrite("0x01", block, NOW));
        return consent;
    }

    private static ConsentOnChain onChain() {
        return onChain(ConsentOnChain.Status.AUTHORISED);
    }

    private static ConsentOnChain onChain(ConsentOnChain.Status status) {
        return new ConsentOnChain(Hash32.fromHex("0d".repeat(32)), Hash32.fromHex("0e".repeat(32)),
                "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", NOW.plus(Duration.ofDays(30)), NOW, status);
    }
}
