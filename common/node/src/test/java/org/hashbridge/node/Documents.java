package org.hashbridge.node;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hashbridge.protocol.Check;
import org.hashbridge.protocol.CheckType;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.DocumentType;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.Leaf;
import org.hashbridge.protocol.MerkleTree;
import org.hashbridge.protocol.Receipt;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SubjectReference;
import org.hashbridge.protocol.Voucher;

/**
 * Protocol objects the slice tests send and store: leaves, vouchers, consent tokens and receipts of one credit
 * report.
 */
public final class Documents {

    /** The subject key of the slice tests' node. */
    public static final byte[] SUBJECT_KEY = "hk-node subject key, for slice tests only".getBytes(UTF_8);
    public static final String REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    public static final long CHAIN_ID = 31337;

    private Documents() {
    }

    /** The bytes of a credit report about {@code subject}. */
    public static byte[] creditReport(String subject) {
        return ("credit report of " + subject + ", score 712\n").getBytes(UTF_8);
    }

    /** A freshly salted leaf of {@code subject}'s credit report, anchored by {@code issuer}. */
    public static Leaf leaf(String issuer, String subject, Instant validUntil) {
        return new Leaf(DigestAlgorithm.SHA_256.digest(creditReport(subject)), Salt.random(), new InstitutionId(issuer),
                new DocumentType("credit-report"), validUntil, SubjectReference.derive(SUBJECT_KEY, subject));
    }

    /** The voucher of {@code leaf} anchored alone, as a batch of one, in block 42. */
    public static Voucher voucher(UUID anchorId, Leaf leaf) {
        MerkleTree batch = MerkleTree.of(List.of(leaf.hash()));
        return Voucher.issue(anchorId.toString(), leaf, batch.proof(0), batch.root(),
                new Voucher.ChainLocation(CHAIN_ID, REGISTRY, "0x" + "ab".repeat(32), 42));
    }

    /** A consent token of {@code subject} letting {@code verifier} check {@code issuer}'s credit reports. */
    public static ConsentToken consentToken(String subject, String issuer, String verifier, Instant issuedAt,
                                            Instant validUntil) {
        return ConsentToken.of(new ConsentRecord(ConsentRecord.VERSION_1, UUID.randomUUID().toString(),
                SubjectReference.derive(SUBJECT_KEY, subject).hex(), issuer, verifier, "credit-report",
                "consumer loan application", issuedAt.getEpochSecond(), validUntil.getEpochSecond(), "HK"), Salt.random());
    }

    /** A receipt of a verification of an SM3-digested credit report at the Shenzhen node, for signing tests. */
    public static Receipt receipt() {
        return new Receipt(Receipt.VERSION, "verification-0001", "sz", "cn.abc-shenzhen", "VERIFIED",
                List.of(Check.valid(CheckType.INTEGRITY, "the document is in the anchored batch")), "sm3",
                "0569c8e1078081009aa33f8ecd842fae4a69fd4782a44da087810c0493c0926d", "hk.transunion", "credit-report",
                "ec4a8b1ea8503c9235b7026c74df0f06f124864a5e64e1028f6b1c3ba858d4e3",
                "c309046c503280e6be1918dee7ee2cf6f32c0825341767ff15190f37f9a72c9f",
                "469cee1ad343f6fa93625cda373144646981e4b5da596c1ab0221d11d8b335c1", CHAIN_ID, REGISTRY.toLowerCase(), 42,
                "2026-03-01T08:30:00Z");
    }
}
