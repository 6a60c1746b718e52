package org.hashbridge.sandbox.bench;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.hashbridge.protocol.Check;
import org.hashbridge.protocol.CheckType;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.DocumentType;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.Leaf;
import org.hashbridge.protocol.MerkleProof;
import org.hashbridge.protocol.MerkleTree;
import org.hashbridge.protocol.Receipt;
import org.hashbridge.protocol.ReceiptAlgorithm;
import org.hashbridge.protocol.ReceiptSigner;
import org.hashbridge.protocol.ReceiptVerifier;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SubjectReference;

/** The plain-Java protocol core on one thread, before anything else runs on the machine. */
final class ProtocolBench {

    private static final int BATCH = 1024;
    private static final int MIB = 1024 * 1024;

    private ProtocolBench() {
    }

    static void run(Table table) {
        table.section("Protocol core (one thread, 1 s warm-up, median of 3 rounds of 0.5 s)");
        Leaf leaf = leaf(0);
        table.add("leaf commitment (Leaf.hash)", Table.number(Measure.perSecond(i -> leaf.hash()), 0) + " /s", "");

        List<Hash32> leaves = IntStream.range(0, BATCH).mapToObj(i -> leaf(i).hash()).toList();
        double builds = Measure.perSecond(i -> MerkleTree.of(leaves).root());
        table.add("Merkle tree of 1024 leaves: build (root)", Table.number(1000 / builds, 2) + " ms", "");
        MerkleTree tree = MerkleTree.of(leaves);
        double allProofs = Measure.perSecond(i -> IntStream.range(0, BATCH).mapToObj(tree::proof).toList());
        table.add("Merkle tree of 1024 leaves: all 1024 proofs", Table.number(1000 / allProofs, 1) + " ms",
                "what the anchoring worker computes per full batch");
        MerkleProof proof = tree.proof(517);
        Hash32 leafHash = leaves.get(517);
        Hash32 root = tree.root();
        table.add("proof verification (1024-leaf tree)", Table.number(Measure.perSecond(i -> proof.proves(leafHash, root)), 0) + " /s", "");

        digests(table);
        signatures(table);
    }

    /**
     * Receipts as nodes signed them before (ES256, the JDK) and now (EdDSA over Ed25519, Bouncy Castle; SM2SM3 on
     * the sm profile, Bouncy Castle too): the
     * rate per core is per second of the measuring thread's CPU time, so other work on a shared machine
     * lowers it less; the wall-clock rate is in the note.
     */
    private static void signatures(Table table) {
        table.section("Receipt signatures (one thread, 3 s of its CPU time as warm-up, median of 5 rounds of 0.5 s)");
        Receipt receipt = receipt();
        for (ReceiptAlgorithm algorithm : List.of(ReceiptAlgorithm.ES256, ReceiptAlgorithm.EDDSA, ReceiptAlgorithm.SM2)) {
            String name = "receipt " + algorithm.jws() + (algorithm == ReceiptAlgorithm.ES256 ? " (JDK)" : " (Bouncy Castle)");
            ReceiptSigner signer = ReceiptSigner.generate(algorithm);
            perCore(table, name + " sign", Measure.rates(i -> signer.sign(receipt)), "");
            ReceiptVerifier verifier = ReceiptVerifier.of(signer.publicKeys());
            String signed = signer.sign(receipt);
            perCore(table, name + " verify", Measure.rates(i -> verifier.verify(signed)), ", parsing the receipt included");
        }
    }

    private static void perCore(Table table, String figure, Measure.Rates rates, String note) {
        table.add(figure, Table.number(rates.perCpuSecond(), 0) + " /s per core",
                Table.number(rates.perSecond(), 0) + " /s of wall-clock time" + note);
    }

    private static void digests(Table table) {
        byte[] document = new byte[MIB];
        new SecureRandom().nextBytes(document);
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            double perSecond = Measure.perSecond(i -> algorithm.digest(document));
            table.add(algorithm.id() + " of a 1 MiB document", Table.number(perSecond, 0) + " MiB/s",
                    Table.number(1000 / perSecond, 2) + " ms per MiB");
        }
    }

    private static Leaf leaf(int i) {
        return new Leaf(DigestAlgorithm.SHA_256.digest(("document " + i).getBytes(StandardCharsets.UTF_8)),
                Salt.random(), new InstitutionId("hk.transunion"), new DocumentType("credit-report"),
                Instant.parse("2030-01-01T00:00:00Z"), SubjectReference.derive(new byte[32], "HK-A1234567"));
    }

    private static Receipt receipt() {
        Hash32 h = DigestAlgorithm.SHA_256.digest(new byte[1]).value();
        List<Check> checks = IntStream.range(0, CheckType.values().length)
                .mapToObj(i -> Check.valid(CheckType.values()[i], "a check message of typical length for the receipt"))
                .toList();
        return new Receipt(Receipt.VERSION, "00000000-0000-4000-8000-000000000000", "sz", "cn.abc-shenzhen", "VERIFIED",
                checks, "sha-256", h.hex(), "hk.transunion", "credit-report", h.hex(), h.hex(), h.hex(), 31337,
                "0x5FbDB2315678afecb367f032d93F642f64180aa3", 42, "2026-01-01T00:00:00.000Z");
    }
}
