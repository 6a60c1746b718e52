package org.hashbridge.node.consent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SubjectReference;
import org.junit.jupiter.api.Test;

class ConsentTest {

    private static final Instant GRANTED = Instant.parse("2026-03-02T09:30:00Z");
    private static final Instant UNTIL = GRANTED.plus(Duration.ofDays(30));

    private final ConsentToken token = ConsentToken.of(new ConsentRecord(ConsentRecord.VERSION_1, UUID.randomUUID().toString(),
            SubjectReference.derive("hk-node subject key, for unit tests only".getBytes(UTF_8), "HK-A1234567").hex(),
            "hk.transunion", "cn.abc-shenzhen", "credit-report", "consumer loan application",
            GRANTED.getEpochSecond(), UNTIL.getEpochSecond(), "HK"), Salt.random());
    private static final ChainWrite RECORDED = new ChainWrite("0xabc", 42, GRANTED.plusSeconds(2));
    private static final String REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    private final Consent consent = new Consent("HK-A1234567", token, GRANTED.plusSeconds(75));

    @Test
    void aNewConsentIsPendingUntilTheChainHasItAndKeepsTheTokenItWasGrantedWith() {
        assertThat(consent.status()).isEqualTo(ConsentStatus.PENDING);
        assertThat(consent.id()).hasToString(token.record().consentId());
        assertThat(consent.commitment()).isEqualTo(token.commitment());
        assertThat(ConsentToken.decode(consent.token())).isEqualTo(token);
        assertThat(consent.issuedAt()).isEqualTo(GRANTED);
        assertThat(consent.validUntil()).isEqualTo(UNTIL);
        assertThat(consent.revokedAt()).isEmpty();
        assertThat(consent.wasAuthorised()).isFalse();
    }

    @Test
    void aPendingConsentIsAuthorisedOnceOnChain() {
        consent.authorised(31337, REGISTRY, RECORDED);

        assertThat(consent.status()).isEqualTo(ConsentStatus.AUTHORISED);
        assertThat(consent.blockNumber()).contains(42L);
        assertThat(consent.wasAuthorised()).isTrue();
        assertThatThrownBy(() -> consent.authorised(31337, REGISTRY, RECORDED)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aConsentTheRegistryRefusedFailsWithItsReasonAndCannotBeRevoked() {
        consent.failed("VerifierSuspended");

        assertThat(consent.status()).isEqualTo(ConsentStatus.FAILED);
        assertThat(consent.failureReason()).contains("VerifierSuspended");
        assertThatThrownBy(() -> consent.requestRevocation(GRANTED))
                .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo("CONSENT_FAILED"));
    }

    @Test
    void aPendingConsentCannotBeRevokedYet() {
        assertThatThrownBy(() -> consent.requestRevocation(GRANTED))
                .isInstanceOfSatisfying(NodeException.class, e -> {
                    assertThat(e.code()).isEqualTo("CONSENT_PENDING");
                    assertThat(e.kind()).isEqualTo(NodeException.Kind.CONFLICT);
                });
    }

    @Test
    void revokingAnAuthorisedConsentIsUnderWayUntilTheChainHasIt() {
        consent.authorised(31337, REGISTRY, RECORDED);
        Instant at = GRANTED.plus(Duration.ofDays(3));

        consent.requestRevocation(at.plusSeconds(75));
        assertThat(consent.status()).isEqualTo(ConsentStatus.REVOKING);
        assertThat(consent.revokedAt()).isEmpty();
        consent.revoked(at);

        assertThat(consent.status()).isEqualTo(ConsentStatus.REVOKED);
        assertThat(consent.revokedAt()).contains(at);
    }

    @Test
    void revokingTwiceIsRefusedWhetherTheFirstRevocationIsUnderWayOrDone() {
        consent.authorised(31337, REGISTRY, RECORDED);
        consent.requestRevocation(GRANTED);

        assertThatThrownBy(() -> consent.requestRevocation(GRANTED))
                .isInstanceOfSatisfying(NodeException.class, e -> {
                    assertThat(e.code()).isEqualTo("CONSENT_ALREADY_REVOKED");
                    assertThat(e.kind()).isEqualTo(NodeException.Kind.CONFLICT);
                });
        Instant first = GRANTED.plus(Duration.ofDays(3));
        consent.revoked(first);
        assertThatThrownBy(() -> consent.requestRevocation(GRANTED)).isInstanceOf(NodeException.class);
        assertThat(consent.revokedAt()).contains(first);
    }

    @Test
    void aConsentTheChainLostIsPendingAgainAndNeverFailsWhileItIsRecordedAgain() {
        consent.authorised(31337, REGISTRY, RECORDED);

        consent.lost(GRANTED.plusSeconds(600));

        assertThat(consent.status()).isEqualTo(ConsentStatus.PENDING);
        assertThatThrownBy(() -> consent.failed("UnknownIssuer")).isInstanceOf(IllegalStateException.class);
        consent.authorised(31337, REGISTRY, new ChainWrite("0xdef", 7, GRANTED.plusSeconds(700)));
        assertThat(consent.status()).isEqualTo(ConsentStatus.AUTHORISED);
        assertThat(consent.blockNumber()).contains(7L);
    }

    @Test
    void aRevokedConsentTheChainLostIsRevokingAgainUntilTheChainHasItsRevocationAgain() {
        consent.authorised(31337, REGISTRY, RECORDED);
        consent.requestRevocation(GRANTED);
        consent.revoked(GRANTED.plusSeconds(60));

        consent.lost(GRANTED.plusSeconds(600));

        assertThat(consent.status()).isEqualTo(ConsentStatus.REVOKING);
        assertThat(consent.lostByChain()).isTrue();
        consent.revoked(GRANTED.plusSeconds(700));
        assertThat(consent.status()).isEqualTo(ConsentStatus.REVOKED);
        assertThat(consent.lostByChain()).isFalse();
        assertThatThrownBy(() -> new Consent("HK-A1234567", token, GRANTED).lost(GRANTED))
                .as("a consent never on chain cannot be lost").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aConsentThatRunsOutBeforeTheChainRecordsItFails() {
        consent.endedOffChain(UNTIL);

        assertThat(consent.status()).isEqualTo(ConsentStatus.FAILED);
        assertThat(consent.failureReason()).contains("Expired");
    }

    @Test
    void aConsentTheChainLostThatRunsOutBeforeItIsRecordedAgainIsAuthorisedAsBeforeAndLostForGood() {
        consent.authorised(31337, REGISTRY, RECORDED);
        consent.lost(GRANTED.plusSeconds(600));

        consent.endedOffChain(UNTIL);

        assertThat(consent.status()).as("it was authorised; it never failed").isEqualTo(ConsentStatus.AUTHORISED);
        assertThat(consent.failureReason()).isEmpty();
        assertThat(consent.lostForGood()).isTrue();
    }

    @Test
    void aRevokedConsentTheChainLostThatRunsOutBeforeItIsRevokedAgainStaysRevokedAndLostForGood() {
        consent.authorised(31337, REGISTRY, RECORDED);
        consent.requestRevocation(GRANTED);
        consent.revoked(GRANTED.plusSeconds(60));
        consent.lost(GRANTED.plusSeconds(600));

        consent.endedOffChain(UNTIL);

        assertThat(consent.status()).isEqualTo(ConsentStatus.REVOKED);
        assertThat(consent.revokedAt()).contains(GRANTED.plusSeconds(60));
        assertThat(consent.lostForGood()).isTrue();
        assertThatThrownBy(() -> consent.endedOffChain(UNTIL)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aConsentTheChainLostPastItsEndKeepsItsStatusAndIsLostForGood() {
        consent.authorised(31337, REGISTRY, RECORDED);

        consent.lostPastItsEnd(UNTIL.plusSeconds(1));

        assertThat(consent.status()).isEqualTo(ConsentStatus.AUTHORISED);
        assertThat(consent.lostForGood()).isTrue();
        assertThatThrownBy(() -> new Consent("HK-A1234567", token, GRANTED).lostPastItsEnd(UNTIL))
                .as("a consent never on chain cannot be lost").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aConsentExpiresAtItsValidUntil() {
        assertThat(consent.expiredAt(UNTIL.minusMillis(1))).isFalse();
        assertThat(consent.expiredAt(UNTIL)).isTrue();
    }
}
