package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.protocol.ProtocolAssertions.assertRejected;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Version 2 consents (the terms PIPL Art. 39 and ISO/IEC TS 27560 ask for, and how the consent was collected), tokens
 * that carry the resident's approval, and the test vectors of docs/protocol.md for resident keys.
 */
class ResidentSignedConsentTest {

    static final SoftwareAuthenticator RESIDENT = SoftwareAuthenticator.fromPem(Fixtures.RESIDENT_KEY_PEM);
    static final ConsentRecord.Recipient ABC = new ConsentRecord.Recipient("Agricultural Bank of China, Shenzhen Branch",
            "privacy@abc-shenzhen.example", "SZ");

    static ConsentRecord signedRecord(String residentKey) {
        return new ConsentRecord(ConsentRecord.VERSION_2, "consent-0002", Fixtures.subject().hex(), "hk.transunion",
                "cn.abc-shenzhen", "credit-report", "consumer loan application", Fixtures.CONSENT_ISSUED_AT,
                Fixtures.CONSENT_VALID_UNTIL, "HK", ABC, List.of("credit report"),
                "the bank hashes the report and checks the hash; the report is not sent through the platform",
                "the verification record is kept 7 years", "revoke on the resident page of the Hong Kong node", "en",
                ConsentRecord.RESIDENT_SIGNED, residentKey);
    }

    @Test
    void aVersion2ConsentCarriesItsTermsAndHowItWasCollected() {
        ConsentRecord record = signedRecord(RESIDENT.key().hash().hex());
        assertThat(record.residentSigned()).isTrue();
        String canonical = new String(record.canonicalBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(canonical).contains("\"collection\":\"RESIDENT_SIGNED\"", "\"recipient\":{\"contact\":");
        ConsentToken token = ConsentToken.of(record, Fixtures.consentSalt());
        assertThat(ConsentToken.decode(token.encode())).isEqualTo(token);
    }

    @Test
    void aVersion2ConsentWithoutItsTermsIsRefused() {
        String key = RESIDENT.key().hash().hex();
        ConsentRecord ok = signedRecord(key);
        assertRejected(() -> new ConsentRecord(2, "c", ok.subject(), ok.issuer(), ok.verifier(), ok.documentType(),
                ok.purpose(), ok.issuedAt(), ok.validUntil(), "HK"), "INVALID_CONSENT_TERMS");
        assertRejected(() -> new ConsentRecord(2, "c", ok.subject(), ok.issuer(), ok.verifier(), ok.documentType(),
                ok.purpose(), ok.issuedAt(), ok.validUntil(), "HK", ABC, List.of(), ok.processing(), ok.retention(),
                ok.withdrawal(), "en", ConsentRecord.RESIDENT_SIGNED, key), "INVALID_CONSENT_TERMS");
        assertRejected(() -> new ConsentRecord(2, "c", ok.subject(), ok.issuer(), ok.verifier(), ok.documentType(),
                ok.purpose(), ok.issuedAt(), ok.validUntil(), "HK", ABC, ok.dataCategories(), ok.processing(),
                ok.retention(), ok.withdrawal(), "fr", ConsentRecord.RESIDENT_SIGNED, key), "INVALID_CONSENT_TERMS");
        assertRejected(() -> new ConsentRecord.Recipient("ABC", "x", "Shenzhen"), "INVALID_CONSENT_TERMS");
        assertRejected(() -> signedRecord(null), "INVALID_HASH");
        assertRejected(() -> new ConsentRecord(2, "c", ok.subject(), ok.issuer(), ok.verifier(), ok.documentType(),
                ok.purpose(), ok.issuedAt(), ok.validUntil(), "HK", ABC, ok.dataCategories(), ok.processing(),
                ok.retention(), ok.withdrawal(), "en", ConsentRecord.ASSISTED, key), "MALFORMED_CONSENT");
        assertRejected(() -> new ConsentRecord(2, "c", ok.subject(), ok.issuer(), ok.verifier(), ok.documentType(),
                ok.purpose(), ok.issuedAt(), ok.validUntil(), "HK", ABC, ok.dataCategories(), ok.processing(),
                ok.retention(), ok.withdrawal(), "en", "HOME_NODE", null), "MALFORMED_CONSENT");
    }

    @Test
    void aVersion1ConsentHasOnlyTheMembersOfVersion1() {
        ConsentRecord v1 = Fixtures.consentRecord();
        assertRejected(() -> new ConsentRecord(1, v1.consentId(), v1.subject(), v1.issuer(), v1.verifier(),
                v1.documentType(), v1.purpose(), v1.issuedAt(), v1.validUntil(), v1.jurisdiction(), null, null, null,
                null, null, null, ConsentRecord.ASSISTED, null), "MALFORMED_CONSENT");
    }

    @Test
    void theApprovalTravelsInTheTokenButIsNotPartOfTheCommitment() {
        ConsentToken token = ConsentToken.of(signedRecord(RESIDENT.key().hash().hex()), Fixtures.consentSalt());
        ConsentToken approved = token.withApproval(RESIDENT.approve(token.approvalChallenge()));
        assertThat(approved.commitment()).isEqualTo(token.commitment());
        ConsentToken decoded = ConsentToken.decode(approved.encode());
        assertThat(decoded).isEqualTo(approved);
        decoded.approval().verify(decoded.approvalChallenge());
        assertThat(approved.encode()).endsWith("." + token.commitment().hex());
    }

    @Test
    void anApprovalLiftedIntoAnotherConsentsTokenDoesNotVerifyThere() {
        ConsentToken first = ConsentToken.of(signedRecord(RESIDENT.key().hash().hex()), Fixtures.consentSalt());
        ConsentToken second = ConsentToken.of(signedRecord(RESIDENT.key().hash().hex()), Salt.random());
        ConsentToken lifted = ConsentToken.decode(second.withApproval(RESIDENT.approve(first.approvalChallenge())).encode());
        assertRejected(() -> lifted.approval().verify(lifted.approvalChallenge()), "APPROVAL_CHALLENGE_MISMATCH");
    }

    @Test
    void aTokenWithAMalformedApprovalIsAMalformedToken() {
        ConsentToken token = ConsentToken.of(signedRecord(RESIDENT.key().hash().hex()), Fixtures.consentSalt());
        String json = new String(ProtocolJson.canonical(token.withApproval(RESIDENT.approve(token.approvalChallenge()))),
                java.nio.charset.StandardCharsets.UTF_8).replace("\"crv\":\"P-256\"", "\"crv\":\"P-384\"");
        String encoded = "hbc1." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + token.commitment().hex();
        assertRejected(() -> ConsentToken.decode(encoded), "MALFORMED_CONSENT_TOKEN");
    }

    /** The resident-key vectors of docs/protocol.md, from the test key {@link Fixtures#RESIDENT_KEY_PEM}. */
    @Test
    void residentKeyVectors() {
        ResidentKey key = RESIDENT.key();
        assertThat(key.toJson()).isEqualTo(RESIDENT_KEY_JWK);
        assertThat(key.hash().hex()).isEqualTo(RESIDENT_KEY_HASH);
        assertThat(ResidentKey.binding(Fixtures.subject()).hex()).isEqualTo(BINDING);
        Hash32 commitment = Fixtures.consentToken().commitment();
        assertThat(ResidentChallenges.consentApproval(commitment).hex()).isEqualTo(APPROVAL_CHALLENGE);
        assertThat(ResidentChallenges.consentRevocation(commitment).hex()).isEqualTo(REVOCATION_CHALLENGE);
        byte[] registry = HexFormat.of().parseHex("5fbdb2315678afecb367f032d93f642f64180aa3");
        assertThat(ResidentChallenges.keyReplacement(31337, registry, ResidentChallenges.jurisdiction("HK"),
                ResidentKey.binding(Fixtures.subject()), key.hash(), 1).hex()).isEqualTo(REPLACEMENT_CHALLENGE);
    }

    static final String RESIDENT_KEY_JWK = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"RMEvC-h6B9YDHtpi1EXp2rnCI5RtMVlWyENi_r54Vxk\",\"y\":\"_GMX9ozipvqj9sxAcL48QmauwbAiXHkbQHM6uZ3QZcA\"}";
    static final String RESIDENT_KEY_HASH = "4998872744f319f890acc77881b9c1c7bebe6f9525af291b6c748b85f81739c9";
    static final String BINDING = "78905206a30fc449c9e55ab20ad3283f5930a749859764c9bbdd7291414c001f";
    static final String APPROVAL_CHALLENGE = "77675cda16b6f7fd517a237a51f609b1491c13bc32c5dcad52110e0cd291985d";
    static final String REVOCATION_CHALLENGE = "e826b68b493fc30c4a854182180d90a46efa27639bbe5c4ce6d231df9087a1e8";
    static final String REPLACEMENT_CHALLENGE = "c07bcb949dbef5ce33c83d9b18b8703bae75a2ac2bee11004e3939d77d460225";
}
