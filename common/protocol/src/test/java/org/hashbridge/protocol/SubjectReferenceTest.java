package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.hashbridge.protocol.ProtocolAssertions.assertRejected;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectReferenceTest {

    @Test
    void isHmacSha256OfTheTaggedIdentifier() throws Exception {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes("HashBridge/subject/v1".getBytes(StandardCharsets.US_ASCII));
        message.write(0);
        message.writeBytes(Fixtures.SUBJECT_ID.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Fixtures.subjectKey(), "HmacSHA256"));

        assertThat(Fixtures.subject().value().bytes()).isEqualTo(mac.doFinal(message.toByteArray()));
    }

    /** The identifier is normalised first (docs/protocol.md, "Subject reference"), so every spelling agrees. */
    @ParameterizedTest
    @ValueSource(strings = {"hk-a1234567", " HK-A1234567 ", "ＨＫ－Ａ１２３４５６７"})
    void everySpellingOfTheIdentifierGivesTheSameReference(String written) {
        assertThat(SubjectReference.derive(Fixtures.subjectKey(), written)).isEqualTo(Fixtures.subject());
        assertThat(SubjectReference.derive(Fixtures.subjectKey(), SubjectId.of(written))).isEqualTo(Fixtures.subject());
    }

    @Test
    void differsForAnotherResident() {
        assertThat(SubjectReference.derive(Fixtures.subjectKey(), "HK-A1234568")).isNotEqualTo(Fixtures.subject());
    }

    @Test
    void differsUnderAnotherNodesKey() {
        byte[] otherKey = Fixtures.subjectKey();
        otherKey[31] = 0x43;

        assertThat(SubjectReference.derive(otherKey, Fixtures.SUBJECT_ID)).isNotEqualTo(Fixtures.subject());
    }

    @Test
    void roundTripsThroughHex() {
        assertThat(SubjectReference.fromHex(Fixtures.subject().hex())).isEqualTo(Fixtures.subject());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t", "HK-A1234567\u0000", "HK-A1234567\nFORGED"})
    void rejectsABlankOrUnprintableIdentifier(String subjectId) {
        assertRejected(() -> SubjectReference.derive(Fixtures.subjectKey(), subjectId), "INVALID_SUBJECT");
    }

    @Test
    void acceptsUpTo128Characters() {
        assertThat(SubjectReference.derive(Fixtures.subjectKey(), "x".repeat(128))).isNotNull();
        assertRejected(() -> SubjectReference.derive(Fixtures.subjectKey(), "x".repeat(129)), "INVALID_SUBJECT");
    }

    @Test
    void refusesAKeyShorterThan32Bytes() {
        assertThatIllegalArgumentException().isThrownBy(() -> SubjectReference.derive(new byte[31], "HK-A1234567"));
        assertThatIllegalArgumentException().isThrownBy(() -> SubjectReference.derive(null, "HK-A1234567"));
    }

    @Test
    void aMalformedHexReferenceIsAnInvalidHash() {
        assertRejected(() -> SubjectReference.fromHex("HK-A1234567"), "INVALID_HASH");
    }
}
