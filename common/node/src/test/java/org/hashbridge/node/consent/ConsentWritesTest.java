package org.hashbridge.node.consent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.hashbridge.node.DocumentScope;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.config.OutboxProperties;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SubjectReference;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A consent goes on chain only once the revoked documents of its scope whose revocation the chain lost are revoked
 * there again; one the chain lost that reached its end meanwhile is lost for good, never failed.
 */
class ConsentWritesTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");
    private static final String REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static final ChainWrite MINED = new ChainWrite("0xabc", 42, NOW);

    private final ConsentRepository consents = mock(ConsentRepository.class);
    private final RegistryChain chain = mock(RegistryChain.class);
    private final DocumentScope.Revocations revocations = mock(DocumentScope.Revocations.class);
    private final ConsentWrites writes = new ConsentWrites(consents, chain, revocations,
            new OutboxProperties(null, null, null, null), new TransactionTemplate(mock(PlatformTransactionManager.class)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aConsentWaitsWhileARevokedDocumentOfItsScopeIsNotRevokedOnChain() {
        Consent consent = stored(NOW.plus(Duration.ofDays(30)));
        when(revocations.revokedOnChain(consent.scope())).thenReturn(false);

        assertThat(writes.record(consent.id())).isEqualTo(ConsentStatus.PENDING);
        verify(chain, never()).recordConsent(any(), any(), any(), any());

        when(revocations.revokedOnChain(consent.scope())).thenReturn(true);
        when(chain.recordConsent(any(), any(), any(), any())).thenReturn(MINED);
        when(chain.registryAddress()).thenReturn(REGISTRY);
        assertThat(writes.record(consent.id())).isEqualTo(ConsentStatus.AUTHORISED);
    }

    @Test
    void aRevokedConsentTheChainLostIsRecordedAgainOnlyOnceTheRevocationsOfItsScopeAreBack() {
        Consent consent = stored(NOW.plus(Duration.ofDays(30)));
        consent.authorised(31337, REGISTRY, MINED);
        consent.requestRevocation(NOW);
        consent.revoked(NOW);
        consent.lost(NOW);
        when(revocations.revokedOnChain(consent.scope())).thenReturn(false);

        assertThat(writes.revoke(consent.id())).isEqualTo(ConsentStatus.REVOKING);
        verify(chain, never()).recordConsent(any(), any(), any(), any());
        verify(chain, never()).revokeConsent(any());
    }

    @Test
    void aRevokedConsentTheChainLostIsRecordedAndRevokedAgainAndIsThenWhereItsRecordingIs() {
        Consent consent = stored(NOW.plus(Duration.ofDays(30)));
        consent.authorised(31337, REGISTRY, new ChainWrite("0x01", 900, NOW));
        consent.requestRevocation(NOW);
        consent.revoked(NOW);
        consent.lost(NOW);
        when(revocations.revokedOnChain(consent.scope())).thenReturn(true);
        when(chain.registryAddress()).thenReturn(REGISTRY);
        when(chain.recordConsent(any(), any(), any(), any())).thenReturn(new ChainWrite("0x07", 7, NOW));
        when(chain.revokeConsent(any())).thenReturn(new ChainWrite("0x08", 8, NOW.plusSeconds(1)));

        assertThat(writes.revoke(consent.id())).isEqualTo(ConsentStatus.REVOKED);
        assertThat(consent.lostByChain()).isFalse();
        assertThat(consent.blockNumber()).as("the audit reads it where the chain holds it now, not before the loss")
                .contains(7L);
    }

    @Test
    void aConsentTheChainLostThatReachedItsEndIsLostForGoodNotFailed() {
        Consent consent = stored(NOW.minusSeconds(1));
        consent.authorised(31337, REGISTRY, MINED);
        consent.lost(NOW.minusSeconds(30));

        assertThat(writes.record(consent.id())).isEqualTo(ConsentStatus.AUTHORISED);
        assertThat(consent.lostForGood()).isTrue();
        verify(chain, never()).recordConsent(any(), any(), any(), any());
    }

    private Consent stored(Instant until) {
        ConsentToken token = ConsentToken.of(new ConsentRecord(ConsentRecord.VERSION_1, UUID.randomUUID().toString(),
                SubjectReference.derive("hk-node subject key, for unit tests only".getBytes(UTF_8), "HK-A1234567").hex(),
                "hk.transunion", "cn.abc-shenzhen", "credit-report", "consumer loan application",
                NOW.minus(Duration.ofDays(1)).getEpochSecond(), until.getEpochSecond(), "HK"), Salt.random());
        Consent consent = new Consent("HK-A1234567", token, NOW);
        when(consents.findById(consent.id())).thenReturn(Optional.of(consent));
        return consent;
    }
}
