package org.hashbridge.protocol;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Fixed inputs shared by the protocol tests, and the only place test keys and salts live. The
 * credit-report values are also the test vectors in docs/protocol.md.
 */
final class Fixtures {

    static final String CREDIT_REPORT_TEXT = "HashBridge test vector credit report\n";
    static final String BANK_STATEMENT_TEXT = "HashBridge test vector bank statement\n";
    static final String SUBJECT_ID = "HK-A1234567";
    static final InstitutionId TRANSUNION = new InstitutionId("hk.transunion");
    static final InstitutionId ABC_SHENZHEN = new InstitutionId("cn.abc-shenzhen");
    static final DocumentType CREDIT_REPORT = new DocumentType("credit-report");
    static final DocumentType BANK_STATEMENT = new DocumentType("bank-statement");
    static final Instant VALID_UNTIL = Instant.parse("2027-06-30T23:59:59Z");

    /** 2026-01-01T00:00:00Z and 2026-12-31T23:59:59Z. */
    static final long CONSENT_ISSUED_AT = 1_767_225_600L;
    static final long CONSENT_VALID_UNTIL = 1_798_761_599L;

    /** A resident's software key (P-256, PKCS#8), made by openssl. Test key, never used outside tests. */
    static final String RESIDENT_KEY_PEM = """
            -----BEGIN PRIVATE KEY-----
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgtFxUJVi+M3AITZz9
            2FuO+FvYiT/DZhHlzeLm/cqdoMOhRANCAAREwS8L6HoH1gMe2mLURenaucIjlG0x
            WVbIQ2L+vnhXGfxjF/aM4qb6o/bMQHC+PEJmrsGwIlx5G0BzOrmd0GXA
            -----END PRIVATE KEY-----
            """;

    /** The Shenzhen node's receipt key (Ed25519, private). Test key, never used outside tests. */
    static final String SZ_RECEIPT_KEY = """
            {"kty":"OKP","crv":"Ed25519","use":"sig","alg":"EdDSA",\
            "kid":"SZJWHTY9oG7cFdwDiSYWoSaNJdA7Nq94PlkD5deeBdA",\
            "x":"D_TEg3DYTAg2fC4KiCg12tukAJCw6fC8mt7cZ0eMYxw",\
            "d":"EhB8ErdexSm7dMuST_MNi_LZDwD6ZroUqZ8dPUqy99s"}""";

    /** The Hong Kong node's receipt key (Ed25519, private). Test key, never used outside tests. */
    static final String HK_RECEIPT_KEY = """
            {"kty":"OKP","crv":"Ed25519","use":"sig","alg":"EdDSA",\
            "kid":"_xl0OKCAE_gck9a5dIeXnDZOULnIgEwfvM3wgQXWQxA",\
            "x":"1vOaaAbNrhGp1OyapzBv5qRHtvNox7RlXFl4_zPuaTM",\
            "d":"Zm3iwDRQMcxIICK5u66KVl1yqZhL0kvkAQLE4of1MC0"}""";

    /** The Shenzhen node's key of the ES256 receipts it signed before EdDSA (P-256, private). Test key. */
    static final String SZ_ES256_RECEIPT_KEY = """
            {"kty":"EC","crv":"P-256","use":"sig","alg":"ES256",\
            "kid":"2mLWcpaaga1iv_Pz7zqIDsepKAl07bfRIx-7vthdBds",\
            "x":"OtAFAroufDCIycQmJNo95UyvIc8aYKNrkFqq56NxwIs",\
            "y":"dragcwwjTNzVX6Bd5Rw-xueG0kJqarUygkPuYoJAryU",\
            "d":"hvzlR1oH8x20-ExTpxwkDUvwTcxv92WZ8cpkcK26fvA"}""";

    /** The Hong Kong node's key of the ES256 receipts it signed before EdDSA (P-256, private). Test key. */
    static final String HK_ES256_RECEIPT_KEY = """
            {"kty":"EC","crv":"P-256","use":"sig","alg":"ES256",\
            "kid":"YmEoG6Az-LcH7dyo97L4Pvd2eKpEiW7rmccF7xAFTFU",\
            "x":"-lwejezwoggIFaqtB83MOsMnNqojxMtHovfbQlvEzcw",\
            "y":"TgKTqa63XWCyl8hAsfjY7qTb-FkgrJyOwdNf4aRzZFk",\
            "d":"NekY9n2B7tcxU1AOHmF54MD9XKGmnC9sBPXKVsVDfhM"}""";

    /** The Shenzhen node's SM2 receipt key, as the {@code sm} profile signs with (private). Test key. */
    static final String SZ_SM2_RECEIPT_KEY = """
            {"kty":"EC","crv":"SM2","use":"sig","alg":"SM2SM3",\
            "kid":"meHbVTJUPlq0bxjCl0o3ja8wCYAYQ3C4SoLV8JA73P4",\
            "x":"qgce5kqonxZT7sgBfebiY0QwONVYgwoFP_0DQLpAK8Y",\
            "y":"WPjibEdfijWl7hr3UE5-RJws5vk1sEtXUH_0XtB3-gc",\
            "d":"rV_9GGu1nDm77ZbFvou2wLnPsLL5XggM79sczn-W2HE"}""";

    /** The Hong Kong node's SM2 receipt key (private). Test key. */
    static final String HK_SM2_RECEIPT_KEY = """
            {"kty":"EC","crv":"SM2","use":"sig","alg":"SM2SM3",\
            "kid":"ChKvZquW4Ycf_RGDhWhgv48QXXTD-orG7QKL4ZE--vo",\
            "x":"UaWq5bIn-QTeGe7bhk9aJUVdfw4DhYNqUawj1AO5g80",\
            "y":"mHe8iWtuMtIaVUI_qpwZNZn9ODsPI4R6PW9eXBfmAVA",\
            "d":"EkYXRgGFEsrDA3HwGV9XQTMReUnTO3YfCu8U5M6qTaE"}""";

    private Fixtures() {
    }

    /** 32 bytes counting up from {@code first}: {@code saltFrom(0)} is 0x00..0x1f. */
    static Salt saltFrom(int first) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return Salt.of(bytes);
    }

    /** The leaf salt of the test vectors: 0x00, 0x01, ..., 0x1f. */
    static Salt leafSalt() {
        return saltFrom(0x00);
    }

    /** The consent salt of the test vectors: 0xa0, 0xa1, ..., 0xbf. */
    static Salt consentSalt() {
        return saltFrom(0xa0);
    }

    /** The issuer home node's subject key: 32 bytes of 0x42. */
    static byte[] subjectKey() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 0x42);
        return key;
    }

    static SubjectReference subject() {
        return SubjectReference.derive(subjectKey(), SUBJECT_ID);
    }

    static byte[] creditReportBytes() {
        return CREDIT_REPORT_TEXT.getBytes(StandardCharsets.UTF_8);
    }

    static Digest creditReportDigest() {
        return DigestAlgorithm.SHA_256.digest(creditReportBytes());
    }

    /** The credit report of the test vectors, SHA-256, salt 0x00..0x1f. */
    static Leaf creditReportLeaf() {
        return new Leaf(creditReportDigest(), leafSalt(), TRANSUNION, CREDIT_REPORT, VALID_UNTIL, subject());
    }

    /** The same credit report digested with SM3, under its own salt. */
    static Leaf creditReportLeafSm3() {
        return new Leaf(DigestAlgorithm.SM3.digest(creditReportBytes()), saltFrom(0x40), TRANSUNION, CREDIT_REPORT,
                VALID_UNTIL, subject());
    }

    /** A second document of the same resident, SHA-256, salt 0x20..0x3f. */
    static Leaf bankStatementLeaf() {
        return new Leaf(DigestAlgorithm.SHA_256.digest(BANK_STATEMENT_TEXT.getBytes(StandardCharsets.UTF_8)),
                saltFrom(0x20), TRANSUNION, BANK_STATEMENT, VALID_UNTIL, subject());
    }

    /** The batch of the test vectors: credit report, its SM3 twin, bank statement. */
    static List<Leaf> threeLeafBatch() {
        return List.of(creditReportLeaf(), creditReportLeafSm3(), bankStatementLeaf());
    }

    static MerkleTree threeLeafTree() {
        return MerkleTree.of(threeLeafBatch().stream().map(Leaf::hash).toList());
    }

    static Voucher.ChainLocation chainLocation() {
        return new Voucher.ChainLocation(31337, "0x5fbdb2315678afecb367f032d93f642f64180aa3",
                "0x3c1f4b2e9d6a7c8b5e0f1a2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4a3", 42);
    }

    /** The voucher of the credit report, leaf 0 of the three-leaf batch (a two-hash proof). */
    static Voucher creditReportVoucher() {
        MerkleTree tree = threeLeafTree();
        return Voucher.issue("anchor-0001", creditReportLeaf(), tree.proof(0), tree.root(), chainLocation());
    }

    /** The consent of the test vectors: cn.abc-shenzhen may check the resident's TransUnion credit report. */
    static ConsentRecord consentRecord() {
        return new ConsentRecord(ConsentRecord.VERSION_1, "consent-0001", subject().hex(), TRANSUNION.value(),
                ABC_SHENZHEN.value(), CREDIT_REPORT.value(), "mortgage application", CONSENT_ISSUED_AT,
                CONSENT_VALID_UNTIL, "HK");
    }

    static ConsentToken consentToken() {
        return ConsentToken.of(consentRecord(), consentSalt());
    }

    /** The Shenzhen node's signer: EdDSA, as it signs receipts now. */
    static ReceiptSigner szSigner() {
        return szSigner(ReceiptAlgorithm.EDDSA);
    }

    static ReceiptSigner szSigner(ReceiptAlgorithm algorithm) {
        return ReceiptSigner.fromPrivateJwk(szReceiptKey(algorithm));
    }

    /** The Shenzhen node's private key for {@code algorithm}, as JSON. */
    static String szReceiptKey(ReceiptAlgorithm algorithm) {
        return switch (algorithm) {
            case EDDSA -> SZ_RECEIPT_KEY;
            case ES256 -> SZ_ES256_RECEIPT_KEY;
            case SM2 -> SZ_SM2_RECEIPT_KEY;
        };
    }

    static ReceiptSigner hkSigner(ReceiptAlgorithm algorithm) {
        return ReceiptSigner.fromPrivateJwk(switch (algorithm) {
            case EDDSA -> HK_RECEIPT_KEY;
            case ES256 -> HK_ES256_RECEIPT_KEY;
            case SM2 -> HK_SM2_RECEIPT_KEY;
        });
    }

    /**
     * The JWKS the Shenzhen node publishes once on the {@code sm} profile: its SM2 key, then the Ed25519 key
     * and the P-256 key of the receipts it signed before.
     */
    static JWKSet szPublishedKeys() {
        List<JWK> keys = new ArrayList<>();
        for (ReceiptAlgorithm algorithm : List.of(ReceiptAlgorithm.SM2, ReceiptAlgorithm.EDDSA, ReceiptAlgorithm.ES256)) {
            keys.addAll(szSigner(algorithm).publicKeys().getKeys());
        }
        return new JWKSet(keys);
    }

    /** What the Shenzhen node attests after checking the credit report for cn.abc-shenzhen. */
    static Receipt receipt() {
        return receipt(null);
    }

    /** {@link #receipt()} with another verdict than its checks give, as someone editing a receipt would write it. */
    static Receipt receipt(Verdict verdict) {
        Voucher voucher = creditReportVoucher();
        List<Check> checks = List.of(
                Check.valid(CheckType.INTEGRITY, "the document is in the anchored batch"),
                Check.valid(CheckType.ANCHOR, "the root is final on chain"),
                Check.valid(CheckType.STATUS, "not revoked"),
                Check.valid(CheckType.VALIDITY, "valid until 2027-06-30T23:59:59Z"),
                Check.valid(CheckType.ISSUER, "hk.transunion is active"),
                Check.valid(CheckType.CONSENT, "consent-0001 is authorised"));
        return new Receipt(Receipt.VERSION, "verification-0001", "sz", ABC_SHENZHEN.value(),
                (verdict == null ? Verdict.of(checks) : verdict).name(), checks, "sha-256", creditReportDigest().hex(),
                TRANSUNION.value(), CREDIT_REPORT.value(), voucher.root(), voucher.leaf(),
                consentToken().commitment().hex(), 31337, voucher.chain().registry(), 42, "2026-03-01T08:30:00Z");
    }

    /** {@code n} distinct leaf hashes, each the RFC 6962 leaf hash of SHA-256("entry " + i). */
    static List<Hash32> distinctLeafHashes(int n) {
        return IntStream.range(0, n).mapToObj(i -> MerkleTree.leafHash(Hash32.of(sha256(("entry " + i).getBytes(
                StandardCharsets.US_ASCII))))).toList();
    }

    /** SHA-256 straight from the JDK, so tests do not check the code with itself. */
    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                md.update(part);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
