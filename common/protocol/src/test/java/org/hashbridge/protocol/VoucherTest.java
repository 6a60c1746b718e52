package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hashbridge.protocol.ProtocolAssertions.assertRejected;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class VoucherTest {

    private static final Voucher VOUCHER = Fixtures.creditReportVoucher();
    private static final String OTHER_HASH = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    /** The voucher's JSON after {@code edit}, parsed again. */
    private static Voucher parseEdited(Consumer<ObjectNode> edit) {
        ObjectNode json = (ObjectNode) ProtocolJson.MAPPER.readTree(VOUCHER.toJson());
        edit.accept(json);
        return Voucher.parse(json.toString());
    }

    private static ObjectNode proof(ObjectNode voucher) {
        return (ObjectNode) voucher.get("proof");
    }

    private static ObjectNode chain(ObjectNode voucher) {
        return (ObjectNode) voucher.get("chain");
    }

    @Test
    void issueToJsonAndParseRoundTrip() {
        Voucher parsed = Voucher.parse(VOUCHER.toJson());

        assertThat(parsed).isEqualTo(VOUCHER);
        assertThat(parsed.toJson()).isEqualTo(VOUCHER.toJson());
    }

    @Test
    void carriesWhatAVerifierNeedsToRecomputeTheLeaf() {
        Leaf leaf = Fixtures.creditReportLeaf();
        MerkleTree tree = Fixtures.threeLeafTree();

        assertThat(VOUCHER.version()).isEqualTo(1);
        assertThat(VOUCHER.issuer()).isEqualTo("hk.transunion");
        assertThat(VOUCHER.documentType()).isEqualTo("credit-report");
        assertThat(VOUCHER.validUntil()).isEqualTo("2027-06-30T23:59:59Z");
        assertThat(VOUCHER.subject()).isEqualTo(Fixtures.subject().hex());
        assertThat(VOUCHER.algorithm()).isEqualTo("sha-256");
        assertThat(VOUCHER.salt()).isEqualTo(Fixtures.leafSalt().hex());
        assertThat(VOUCHER.leafHash()).isEqualTo(leaf.hash());
        assertThat(VOUCHER.rootHash()).isEqualTo(tree.root());
        assertThat(VOUCHER.proof()).isEqualTo(new Voucher.Proof(0, 3, tree.proof(0).path().stream()
                .map(Hash32::hex).toList()));
        assertThat(VOUCHER.leafFor(Fixtures.creditReportDigest())).isEqualTo(leaf);
        assertThat(VOUCHER.issuerId()).isEqualTo(Fixtures.TRANSUNION);
        assertThat(VOUCHER.subjectReference()).isEqualTo(Fixtures.subject());
        assertThat(VOUCHER.validUntilInstant()).isEqualTo(Fixtures.VALID_UNTIL);
    }

    @Test
    void theJsonHasExactlyTheProtocolFields() {
        JsonNode json = ProtocolJson.MAPPER.readTree(VOUCHER.toJson());

        assertThat(json.propertyNames()).containsExactlyInAnyOrder("version", "anchorId", "issuer", "documentType",
                "validUntil", "subject", "algorithm", "salt", "leaf", "proof", "root", "chain");
        assertThat(json.get("proof").propertyNames()).containsExactlyInAnyOrder("index", "treeSize", "path");
        assertThat(json.get("chain").propertyNames())
                .containsExactlyInAnyOrder("chainId", "registry", "transaction", "block");
    }

    @Test
    void matchesTheDocumentItWasIssuedFor() {
        assertThat(VOUCHER.matches(Fixtures.creditReportDigest())).isTrue();
    }

    @Test
    void doesNotMatchADigestWithOneByteChanged() {
        byte[] changed = Fixtures.creditReportDigest().value().bytes();
        changed[0] ^= 0x01;

        assertThat(VOUCHER.matches(new Digest(DigestAlgorithm.SHA_256, Hash32.of(changed)))).isFalse();
    }

    @Test
    void doesNotMatchTheOtherAlgorithm() {
        Digest sameBytesOtherName = new Digest(DigestAlgorithm.SM3, Fixtures.creditReportDigest().value());
        Digest sm3OfTheDocument = DigestAlgorithm.SM3.digest(Fixtures.creditReportBytes());

        assertThat(VOUCHER.matches(sameBytesOtherName)).isFalse();
        assertThat(VOUCHER.matches(sm3OfTheDocument)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA-256", "sha256", "Sha-256"})
    void anAlgorithmNameTheVoucherAcceptsAlsoMatches(String name) {
        Voucher spelledOtherwise = parseEdited(v -> v.put("algorithm", name));

        assertThat(spelledOtherwise.matches(Fixtures.creditReportDigest())).isTrue();
        assertThat(spelledOtherwise.matches(DigestAlgorithm.SM3.digest(Fixtures.creditReportBytes()))).isFalse();
    }

    @Test
    void aSingleLeafBatchGivesAVoucherWithAnEmptyProof() {
        Leaf leaf = Fixtures.creditReportLeaf();
        MerkleTree tree = MerkleTree.of(List.of(leaf.hash()));

        Voucher voucher = Voucher.issue("anchor-0002", leaf, tree.proof(0), tree.root(), Fixtures.chainLocation());

        assertThat(voucher.proof().path()).isEmpty();
        assertThat(voucher.root()).isEqualTo(voucher.leaf());
        assertThat(Voucher.parse(voucher.toJson()).matches(Fixtures.creditReportDigest())).isTrue();
    }

    @Test
    void everyLeafOfTheBatchGetsAWorkingVoucher() {
        List<Leaf> batch = Fixtures.threeLeafBatch();
        MerkleTree tree = Fixtures.threeLeafTree();

        for (int i = 0; i < batch.size(); i++) {
            Leaf leaf = batch.get(i);
            Voucher voucher = Voucher.parse(Voucher.issue("anchor-" + i, leaf, tree.proof(i), tree.root(),
                    Fixtures.chainLocation()).toJson());

            assertThat(voucher.matches(leaf.digest())).as("leaf %d", i).isTrue();
        }
    }

    @Test
    void aChangedProofHashIsTampering() {
        for (int step = 0; step < VOUCHER.proof().path().size(); step++) {
            int changed = step;
            assertRejected(() -> parseEdited(v -> ((ArrayNode) proof(v).get("path")).set(changed, OTHER_HASH)),
                    "VOUCHER_TAMPERED");
        }
    }

    @Test
    void aChangedRootIsTampering() {
        assertRejected(() -> parseEdited(v -> v.put("root", OTHER_HASH)), "VOUCHER_TAMPERED");
    }

    @Test
    void aChangedLeafIsTampering() {
        assertRejected(() -> parseEdited(v -> v.put("leaf", Fixtures.bankStatementLeaf().hash().hex())),
                "VOUCHER_TAMPERED");
    }

    @Test
    void anotherPositionInTheBatchIsTampering() {
        assertRejected(() -> parseEdited(v -> proof(v).put("index", 1)), "VOUCHER_TAMPERED");
        assertRejected(() -> parseEdited(v -> proof(v).put("index", 2)), "VOUCHER_TAMPERED");
    }

    @Test
    void aTreeSizeGivingAnotherShapeIsTampering() {
        assertRejected(() -> parseEdited(v -> proof(v).put("treeSize", 2)), "VOUCHER_TAMPERED");
        assertRejected(() -> parseEdited(v -> proof(v).put("treeSize", 5)), "VOUCHER_TAMPERED");
    }

    @Test
    void aDroppedProofHashIsTampering() {
        assertRejected(() -> parseEdited(v -> ((ArrayNode) proof(v).get("path")).remove(1)), "VOUCHER_TAMPERED");
    }

    /** The proof binds only the leaf hash; edited metadata parses but no longer matches the document. */
    @ParameterizedTest
    @CsvSource({
            "salt, 202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
            "issuer, cn.baihang",
            "documentType, bank-statement",
            "validUntil, 2028-06-30T23:59:59Z",
            "subject, " + OTHER_HASH,
            "algorithm, sm3"})
    void editedMetadataNoLongerMatchesTheDocument(String field, String value) {
        Voucher edited = parseEdited(v -> v.put(field, value));

        assertThat(edited.matches(Fixtures.creditReportDigest())).isFalse();
        assertThat(edited.matches(new Digest(DigestAlgorithm.SM3, Fixtures.creditReportDigest().value()))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"version", "anchorId", "issuer", "documentType", "validUntil", "subject", "algorithm",
            "salt", "leaf", "proof", "root", "chain"})
    void aMissingFieldIsMalformed(String field) {
        assertMalformed(() -> parseEdited(v -> v.remove(field)), field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"version", "anchorId", "issuer", "documentType", "validUntil", "subject", "algorithm",
            "salt", "leaf", "proof", "root", "chain"})
    void aNullFieldIsMalformed(String field) {
        assertMalformed(() -> parseEdited(v -> v.putNull(field)), field);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "anchorId|''",
            "anchorId|'   '",
            "issuer|HK.TransUnion",
            "documentType|Credit Report",
            "validUntil|next June",
            "validUntil|2027-06-30",
            "validUntil|2027-06-30T23:59:59.500Z",
            "subject|HK-A1234567",
            "algorithm|md5",
            "salt|00010203",
            "salt|not hex",
            "leaf|0x1234",
            "root|" + OTHER_HASH + "00"})
    void aGarbageFieldIsMalformed(String field, String value) {
        assertMalformed(() -> parseEdited(v -> v.put(field, value)), field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1969-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "+294277-01-01T00:00:00Z",
            "-000001-01-01T00:00:00Z"})
    void aValidUntilOutsideTheProtocolsRangeIsMalformed(String validUntil) {
        assertMalformed(() -> parseEdited(v -> v.put("validUntil", validUntil)), "validUntil");
    }

    @Test
    void unprintableTextIsMalformed() {
        assertMalformed(() -> parseEdited(v -> v.put("anchorId", "a\u0000")), "anchorId");
        assertMalformed(() -> parseEdited(v -> chain(v).put("registry", "0x5f\nFORGED")), "chain.registry");
        assertMalformed(() -> parseEdited(v -> chain(v).put("transaction", "0x3c\r")), "chain.transaction");
    }

    @Test
    void constructingWithoutProofOrChainIsMalformed() {
        Voucher v = VOUCHER;

        assertMalformed(() -> new Voucher(v.version(), v.anchorId(), v.issuer(), v.documentType(), v.validUntil(),
                v.subject(), v.algorithm(), v.salt(), v.leaf(), null, v.root(), v.chain()), "proof");
        assertMalformed(() -> new Voucher(v.version(), v.anchorId(), v.issuer(), v.documentType(), v.validUntil(),
                v.subject(), v.algorithm(), v.salt(), v.leaf(), v.proof(), v.root(), null), "chain");
    }

    @Test
    void anOverlongAnchorIdIsMalformed() {
        assertMalformed(() -> parseEdited(v -> v.put("anchorId", "a".repeat(201))), "anchorId");
    }

    @Test
    void garbageInsideTheProofOrChainIsMalformed() {
        assertMalformed(() -> parseEdited(v -> ((ArrayNode) proof(v).get("path")).set(0, "not a hash")), "proof.path[0]");
        assertMalformed(() -> parseEdited(v -> ((ArrayNode) proof(v).get("path")).set(1, (String) null)), "proof.path[1]");
        assertMalformed(() -> parseEdited(v -> ((ArrayNode) proof(v).get("path")).set(1, 7)), "proof.path[1]");
        assertMalformed(() -> parseEdited(v -> proof(v).put("path", "ab")), "proof.path");
        assertMalformed(() -> parseEdited(v -> proof(v).put("index", 3)), "proof");
        assertMalformed(() -> parseEdited(v -> proof(v).put("index", -1)), "proof");
        assertMalformed(() -> parseEdited(v -> proof(v).put("treeSize", 0)), "proof");
        assertMalformed(() -> parseEdited(v -> proof(v).put("index", "first")), "proof.index");
        assertMalformed(() -> parseEdited(v -> chain(v).put("registry", "")), "chain.registry");
        assertMalformed(() -> parseEdited(v -> chain(v).remove("transaction")), "chain.transaction");
        assertMalformed(() -> parseEdited(v -> chain(v).put("block", "latest")), "chain.block");
    }

    @Test
    void aProofLongerThanAnyTreeIsMalformed() {
        List<String> path = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            path.add(OTHER_HASH);
        }
        assertMalformed(() -> parseEdited(v -> {
            ArrayNode array = proof(v).putArray("path");
            path.forEach(array::add);
        }), "proof");
    }

    @Test
    void unknownFieldsAreMalformedAndNamed() {
        assertMalformed(() -> parseEdited(v -> v.put("anchoredAt", "2026-11-30T05:00:00Z")), "anchoredAt");
        assertMalformed(() -> parseEdited(v -> proof(v).put("hashAlgorithm", "sha-256")), "proof.hashAlgorithm");
        assertMalformed(() -> parseEdited(v -> chain(v).put("confirmations", 12)), "chain.confirmations");
        assertThatThrownBy(() -> parseEdited(v -> v.put("document", "the report itself")))
                .hasMessage("voucher.document is not a member of the voucher (unknown members are refused)");
    }

    @Test
    void aFieldGivenTwiceIsMalformed() {
        String json = VOUCHER.toJson();
        String twice = json.replaceFirst("\\{", "{\"documentType\":\"passport\",");

        assertRejected(() -> Voucher.parse(twice), "MALFORMED_VOUCHER");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, -1, 100})
    void anyOtherVersionIsMalformed(int version) {
        assertMalformed(() -> parseEdited(v -> v.put("version", version)), "version");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[]", "{}", "\"voucher\"", "{\"version\":1", "not json at all",
            "hbc1.abc.def"})
    void textThatIsNotAVoucherIsMalformed(String json) {
        assertRejected(() -> Voucher.parse(json), "MALFORMED_VOUCHER");
    }

    @Test
    void trailingContentIsMalformed() {
        assertRejected(() -> Voucher.parse(VOUCHER.toJson() + "{}"), "MALFORMED_VOUCHER");
    }

    /**
     * Asserts that {@code call} is refused as {@code MALFORMED_VOUCHER} with a message that names {@code member}
     * as a path from the voucher ("voucher.proof.path[0]") and says more than its name.
     */
    private static void assertMalformed(ThrowingCallable call, String member) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInput.class, e -> {
            assertThat(e.code()).isEqualTo("MALFORMED_VOUCHER");
            assertThat(e.getMessage()).matches(java.util.regex.Pattern.quote("voucher." + member) + "[ :].{6,}");
        });
    }
}
