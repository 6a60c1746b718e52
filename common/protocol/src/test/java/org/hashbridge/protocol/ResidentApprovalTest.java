package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.protocol.ProtocolAssertions.assertRejected;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A resident's approval counts for its own challenge and key only; each way of making it count otherwise is refused. */
class ResidentApprovalTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final SoftwareAuthenticator RESIDENT = SoftwareAuthenticator.fromPem(Fixtures.RESIDENT_KEY_PEM);
    private static final Hash32 CHALLENGE = ResidentChallenges.consentApproval(Fixtures.consentToken().commitment());

    @Test
    void anApprovalVerifiesForItsChallengeAndKey() {
        ResidentApproval approval = RESIDENT.approve(CHALLENGE);
        approval.verify(CHALLENGE);
        assertThat(ResidentApproval.fromJson(approval.toJson())).isEqualTo(approval);
    }

    @Test
    void anApprovalOfAnotherConsentIsRefused() {
        Hash32 other = ResidentChallenges.consentApproval(Hash32.of(new byte[32]));
        assertRejected(() -> RESIDENT.approve(other).verify(CHALLENGE), "APPROVAL_CHALLENGE_MISMATCH");
    }

    @Test
    void aRevocationIsNotAnApprovalAndAnApprovalIsNotARevocation() {
        Hash32 commitment = Fixtures.consentToken().commitment();
        assertRejected(() -> RESIDENT.approve(ResidentChallenges.consentRevocation(commitment)).verify(CHALLENGE),
                "APPROVAL_CHALLENGE_MISMATCH");
        assertRejected(() -> RESIDENT.approve(CHALLENGE).verify(ResidentChallenges.consentRevocation(commitment)),
                "APPROVAL_CHALLENGE_MISMATCH");
    }

    @Test
    void anotherKeysSignatureUnderThisKeyIsRefused() {
        ResidentApproval byOther = SoftwareAuthenticator.generate().approve(CHALLENGE);
        ResidentApproval claimed = new ResidentApproval(RESIDENT.key(), byOther.authenticatorData(),
                byOther.clientDataJSON(), byOther.signature());
        assertRejected(() -> claimed.verify(CHALLENGE), "APPROVAL_SIGNATURE_INVALID");
    }

    @Test
    void editedClientDataOrAuthenticatorDataBreakTheSignature() {
        ResidentApproval approval = RESIDENT.approve(CHALLENGE);
        String client = approval.clientDataText().replace("hashbridge:software-key", "https://evil.example");
        assertRejected(() -> new ResidentApproval(approval.key(), approval.authenticatorData(),
                B64.encodeToString(client.getBytes(StandardCharsets.UTF_8)), approval.signature()).verify(CHALLENGE),
                "APPROVAL_SIGNATURE_INVALID");
        byte[] data = approval.authenticatorDataBytes();
        data[36] = 7; // the counter
        assertRejected(() -> new ResidentApproval(approval.key(), B64.encodeToString(data), approval.clientDataJSON(),
                approval.signature()).verify(CHALLENGE), "APPROVAL_SIGNATURE_INVALID");
    }

    @Test
    void withoutTheUserPresentFlagItIsRefusedEvenWhenSigned() throws Exception {
        ResidentApproval approval = RESIDENT.approve(CHALLENGE);
        byte[] data = approval.authenticatorDataBytes();
        data[32] = 0x04; // user verified, not present
        ResidentApproval absent = signed(data, approval.clientDataText().getBytes(StandardCharsets.UTF_8));
        assertRejected(() -> absent.verify(CHALLENGE), "APPROVAL_NOT_USER_PRESENT");
    }

    @Test
    void malformedApprovalsAreRefusedWithOneCode() {
        ResidentApproval approval = RESIDENT.approve(CHALLENGE);
        assertRejected(() -> new ResidentApproval(null, approval.authenticatorData(), approval.clientDataJSON(),
                approval.signature()), "MALFORMED_APPROVAL");
        assertRejected(() -> new ResidentApproval(approval.key(), "not base64url!", approval.clientDataJSON(),
                approval.signature()), "MALFORMED_APPROVAL");
        assertRejected(() -> new ResidentApproval(approval.key(), B64.encodeToString(new byte[36]), approval.clientDataJSON(),
                approval.signature()).verify(CHALLENGE), "MALFORMED_APPROVAL");
        String create = approval.clientDataText().replace("webauthn.get", "webauthn.create");
        assertRejected(() -> new ResidentApproval(approval.key(), approval.authenticatorData(),
                B64.encodeToString(create.getBytes(StandardCharsets.UTF_8)), approval.signature()).verify(CHALLENGE),
                "MALFORMED_APPROVAL");
        assertRejected(() -> new ResidentApproval(approval.key(), approval.authenticatorData(),
                B64.encodeToString("[1,2]".getBytes(StandardCharsets.UTF_8)), approval.signature()).verify(CHALLENGE),
                "MALFORMED_APPROVAL");
        assertRejected(() -> ResidentApproval.fromJson(approval.toJson().replace("}", ",\"extra\":1}")), "MALFORMED_APPROVAL");
        assertRejected(() -> new ResidentApproval(approval.key(), approval.authenticatorData(), approval.clientDataJSON(),
                B64.encodeToString(new byte[] {1, 2, 3})).verify(CHALLENGE), "APPROVAL_SIGNATURE_INVALID");
    }

    @Test
    void aKeyOffTheCurveIsNotAKey() {
        ResidentKey key = RESIDENT.key();
        byte[] y = key.yBytes();
        y[31] ^= 1;
        assertRejected(() -> new ResidentKey("EC", "P-256", key.x(), B64.encodeToString(y)), "MALFORMED_APPROVAL");
        assertRejected(() -> new ResidentKey("EC", "P-384", key.x(), key.y()), "MALFORMED_APPROVAL");
        assertRejected(() -> new ResidentKey("OKP", "P-256", key.x(), key.y()), "MALFORMED_APPROVAL");
    }

    @Test
    void theRawSignatureHasItsSInTheLowerHalfAndStillVerifies() throws Exception {
        BigInteger n = new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
        for (int i = 0; i < 16; i++) {
            ResidentApproval approval = RESIDENT.approve(ResidentChallenges.consentApproval(Hash32.of(new byte[] {
                    (byte) i, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
                    26, 27, 28, 29, 30, 31})));
            byte[] raw = approval.rawSignature();
            BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw, 32, 64));
            assertThat(s).isLessThanOrEqualTo(n.shiftRight(1));
            Signature p1363 = Signature.getInstance("SHA256withECDSAinP1363Format");
            p1363.initVerify(RESIDENT.key().publicKey());
            p1363.update(approval.authenticatorDataBytes());
            p1363.update(ResidentChallenges.sha256(approval.clientDataText().getBytes(StandardCharsets.UTF_8)));
            assertThat(p1363.verify(raw)).isTrue();
        }
    }

    @Test
    void theClientDataOffsetsAreThoseOfItsMembers() {
        ResidentApproval approval = RESIDENT.approve(CHALLENGE);
        assertThat(approval.clientDataText().substring(approval.typeIndex())).startsWith("\"type\":\"webauthn.get\"");
        assertThat(approval.clientDataText().substring(approval.challengeIndex())).startsWith("\"challenge\":\"");
    }

    @Test
    void aSoftwareKeySurvivesItsPemAndAForeignPemIsRefused() {
        SoftwareAuthenticator again = SoftwareAuthenticator.fromPem(RESIDENT.toPem());
        assertThat(again.key()).isEqualTo(RESIDENT.key());
        again.approve(CHALLENGE).verify(CHALLENGE);
        assertRejected(() -> SoftwareAuthenticator.fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"),
                "MALFORMED_RESIDENT_KEY");
        assertRejected(() -> SoftwareAuthenticator.fromPem("hello"), "MALFORMED_RESIDENT_KEY");
        assertThat(RESIDENT.toString()).doesNotContain(RESIDENT.toPem().substring(30, 60));
    }

    private static ResidentApproval signed(byte[] data, byte[] client) throws Exception {
        java.security.KeyFactory factory = java.security.KeyFactory.getInstance("EC");
        String pem = Fixtures.RESIDENT_KEY_PEM.replaceAll("-----[A-Z ]+-----|\\s", "");
        java.security.PrivateKey key = factory.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initSign(key);
        ecdsa.update(data);
        ecdsa.update(ResidentChallenges.sha256(client));
        return new ResidentApproval(RESIDENT.key(), B64.encodeToString(data), B64.encodeToString(client),
                B64.encodeToString(ecdsa.sign()));
    }
}
