package org.hashbridge.node.institution;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The random challenges this node hands out for WebAuthn ceremonies (a passkey's registration, a sign-in), kept in
 * its database so that any instance can take them: each is taken at most once, within {@link #VALID_FOR}, for the
 * resident and the ceremony it was issued for.
 */
@Component
class WebAuthnChallenges {

    static final Duration VALID_FOR = Duration.ofMinutes(5);

    enum Purpose { REGISTRATION, SIGN_IN }

    private final SecureRandom random = new SecureRandom();
    private final JdbcClient jdbc;
    private final Clock clock;

    WebAuthnChallenges(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A fresh challenge for {@code subjectId} (null for a sign-in, whose resident is not known yet). */
    byte[] issue(String subjectId, Purpose purpose) {
        byte[] challenge = new byte[32];
        random.nextBytes(challenge);
        Instant now = clock.instant();
        jdbc.sql("delete from webauthn_challenge where expires_at < ?").param(Timestamp.from(now)).update();
        jdbc.sql("insert into webauthn_challenge (challenge, subject_id, purpose, expires_at) values (?, ?, ?, ?)")
                .params(HexFormat.of().formatHex(challenge), subjectId, purpose.name(), Timestamp.from(now.plus(VALID_FOR)))
                .update();
        return challenge;
    }

    /**
     * Takes {@code challenge}: true when this node issued it for {@code subjectId} (null: a sign-in) and this ceremony,
     * it has not expired and nobody took it before. Taken either way: a challenge never counts twice.
     */
    boolean take(byte[] challenge, String subjectId, Purpose purpose) {
        if (challenge == null || challenge.length != 32) {
            return false;
        }
        return jdbc.sql("delete from webauthn_challenge where challenge = ? and purpose = ? and expires_at > ?"
                        + " and subject_id is not distinct from ?")
                .params(HexFormat.of().formatHex(challenge), purpose.name(), Timestamp.from(clock.instant()), subjectId)
                .update() == 1;
    }
}
