package org.hashbridge.bank;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.Digest;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.DocumentType;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.Leaf;
import org.hashbridge.protocol.MerkleTree;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SubjectReference;
import org.hashbridge.protocol.Voucher;

/**
 * The northbound story in test data: TransUnion HK issued a resident a credit report and its voucher,
 * the resident consented to ABC Shenzhen checking it, and ABC Shenzhen verifies at the SZ node.
 */
public final class Fixtures {

    public static final String ISSUER = "hk.transunion";
    public static final String VERIFIER = "cn.abc-shenzhen";
    public static final String DOCUMENT_TYPE = "credit-report";
    public static final String API_KEY = "hb_live_abc-shenzhen_3kq9Zt7LwP2x";
    public static final long CHAIN_ID = 31337;
    public static final String REGISTRY = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

    /** The HK node's subject key: test material only. */
    private static final byte[] SUBJECT_KEY = "hk-node test subject key, 32+ bytes long".getBytes(StandardCharsets.US_ASCII);
    /** The resident's own identifier, as the HK node knows them. */
    public static final String RESIDENT_ID = "HKID A123456(7)";
    /** The credential the HK node's operator gave the resident: test material only. */
    public static final String RESIDENT_CREDENTIAL = "hbr_resident-test-credential_7Yq2Lm";

    private Fixtures() {
    }

    /** A credit report with text distinctive enough to spot if it ever travelled over the wire. */
    public static byte[] creditReport() {
        return ("TransUnion Hong Kong - Consumer Credit Report\n"
                + "Subject: CHAN Tai Man, HKID A123456(7)\n"
                + "Score: 712 (band B)\n"
                + "Accounts: 3 open, 0 delinquent\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The same report with its score edited: what a forger would bring. */
    public static byte[] forgedCreditReport() {
        return new String(creditReport(), StandardCharsets.UTF_8).replace("712 (band B)", "812 (band A)")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static SubjectReference resident() {
        return SubjectReference.derive(SUBJECT_KEY, RESIDENT_ID);
    }

    /** The voucher for the document with {@code digest}, anchored as leaf 2 of a batch of 5. */
    public static Voucher voucherFor(Digest digest) {
        Instant validUntil = Instant.now().plus(90, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Leaf leaf = new Leaf(digest, Salt.random(), new InstitutionId(ISSUER), new DocumentType(DOCUMENT_TYPE),
                validUntil, resident());
        List<Hash32> batch = List.of(otherLeaf(), otherLeaf(), leaf.hash(), otherLeaf(), otherLeaf());
        MerkleTree tree = MerkleTree.of(batch);
        return Voucher.issue("anc-7f3e2a", leaf, tree.proof(2), tree.root(), new Voucher.ChainLocation(CHAIN_ID,
                REGISTRY, "0x" + "ab".repeat(32), 1042));
    }

    public static Voucher voucherForCreditReport() {
        return voucherFor(DigestAlgorithm.SHA_256.digest(creditReport()));
    }

    /** The resident's consent to {@link #VERIFIER} checking the credit report for a loan application. */
    public static String consentToken() {
        return consentTokenFor(VERIFIER);
    }

    public static String consentTokenFor(String verifier) {
        long now = Instant.now().getEpochSecond();
        ConsentRecord record = new ConsentRecord(ConsentRecord.VERSION_1, "cns-51b0", resident().hex(), ISSUER,
                verifier, DOCUMENT_TYPE, "mortgage application", now, now + 30 * 86400, "HK");
        return ConsentToken.of(record, Salt.random()).encode();
    }

    private static Hash32 otherLeaf() {
        return MerkleTree.leafHash(Hash32.of(Salt.random().bytes()));
    }

    public static Path write(Path dir, String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    public static Path write(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
