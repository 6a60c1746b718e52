package org.hashbridge.node;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.DocumentType;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.Leaf;
import org.hashbridge.protocol.MerkleTree;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SubjectReference;
import org.hashbridge.protocol.Voucher;

/** Protocol objects the slice tests send and store: leaves, vouchers and consent tokens of one credit report. */
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
        return ConsentToken.of(new ConsentRecord(ConsentRecord.VERSION, UUID.randomUUID().toString(),
                SubjectReference.derive(SUBJECT_KEY, subject).hex(), issuer, verifier, "credit-report",
                "consumer loan application", issuedAt.getEpochSecond(), validUntil.getEpochSecond(), "HK"), Salt.random());
    }
}
