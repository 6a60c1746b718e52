package org.hashbridge.node.consent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.hashbridge.node.NodeException;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SubjectReference;
import org.junit.jupiter.api.Test;

class ConsentTest {

    private static final Instant GRANTED = Instant.parse("2026-03-02T09:30:00Z");
    private static final Instant UNTIL = GRANTED.plus(Duration.ofDays(30));

    private final ConsentToken token = ConsentToken.of(new ConsentRecord(ConsentRecord.VERSION, UUID.randomUUID().toString(),
            SubjectReference.derive("hk-node subject key, for unit tests only".getBytes(UTF_8), "HK-A1234567").hex(),
            "hk.transunion", "cn.abc-shenzhen", "credit-report", "consumer loan application",
            GRANTED.getEpochSecond(), UNTIL.getEpochSecond(), "HK"), Salt.random());
    private final Consent consent = new Consent("HK-A1234567", token, "0xabc");

    @Test
    void aNewConsentIsAuthorisedAndKeepsTheTokenItWasGrantedWith() {
        assertThat(consent.status()).isEqualTo(ConsentStatus.AUTHORISED);
        assertThat(consent.id()).hasToString(token.record().consentId());
        assertThat(consent.commitment()).isEqualTo(token.commitment());
        assertThat(ConsentToken.decode(consent.token())).isEqualTo(token);
        assertThat(consent.issuedAt()).isEqualTo(GRANTED);
        assertThat(consent.validUntil()).isEqualTo(UNTIL);
        assertThat(consent.revokedAt()).isEmpty();
    }

    @Test
    void revokingAnAuthorisedConsentRecordsWhen() {
        Instant at = GRANTED.plus(Duration.ofDays(3));

        consent.revoke(at);

        assertThat(consent.status()).isEqualTo(ConsentStatus.REVOKED);
        assertThat(consent.revokedAt()).contains(at);
    }

    @Test
    void revokingTwiceIsRefusedAndKeepsTheFirstRevocation() {
        Instant first = GRANTED.plus(Duration.ofDays(3));
        consent.revoke(first);

        assertThatThrownBy(() -> consent.revoke(first.plusSeconds(10)))
                .isInstanceOfSatisfying(NodeException.class, e -> {
                    assertThat(e.code()).isEqualTo("CONSENT_ALREADY_REVOKED");
                    assertThat(e.kind()).isEqualTo(NodeException.Kind.CONFLICT);
                });
        assertThat(consent.revokedAt()).contains(first);
    }

    @Test
    void aConsentExpiresAtItsValidUntil() {
        assertThat(consent.expiredAt(UNTIL.minusMillis(1))).isFalse();
        assertThat(consent.expiredAt(UNTIL)).isTrue();
    }
}
