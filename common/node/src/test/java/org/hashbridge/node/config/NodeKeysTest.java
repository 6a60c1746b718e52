package org.hashbridge.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.hashbridge.node.Documents;
import org.hashbridge.node.startup.StartRefused;
import org.hashbridge.protocol.NodeKeyStore;
import org.hashbridge.protocol.Receipt;
import org.hashbridge.protocol.ReceiptAlgorithm;
import org.hashbridge.protocol.ReceiptSigner;
import org.hashbridge.protocol.ReceiptVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receipt keys a node keeps in its data directory and publishes: before and after its move to EdDSA,
 * and as it moves to SM2 (the {@code sm} profile) and back.
 */
class NodeKeysTest {

    private static final Receipt RECEIPT = Documents.receipt();

    @TempDir
    Path dataDirectory;

    private NodeKeys start() {
        return start(null);
    }

    private NodeKeys start(ReceiptAlgorithm algorithm) {
        return new NodeKeys(new NodeProperties("sz", "SZ", dataDirectory, null, null, null, true), new ReceiptProperties(algorithm));
    }

    private void keep(String file, ReceiptSigner earlier) throws IOException {
        Files.createDirectories(keyFile(file).getParent());
        Files.writeString(keyFile(file), earlier.privateJwkJson());
    }

    /** Every published key says which algorithm it verifies, the one its receipts carry. */
    private static void assertEachKeyNamesItsAlgorithm(NodeKeys keys) {
        for (JWK key : keys.receiptKeys().getKeys()) {
            assertThat(key.getAlgorithm()).as(key.getKeyID()).isNotNull();
            assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        }
        assertThat(keys.receiptKeys().getKeys().get(0).getAlgorithm().getName())
                .isEqualTo(keys.receiptSigner().algorithm().jws().getName());
    }

    private Path keyFile(String name) {
        return dataDirectory.resolve("keys").resolve(name);
    }

    @Test
    void aNewNodeCreatesAnEd25519KeyOnlyAndPublishesItAlone() throws IOException {
        NodeKeys keys = start();

        assertThat(keys.receiptSigner().algorithm()).isEqualTo(ReceiptAlgorithm.EDDSA);
        assertThat(Files.readString(keyFile(NodeKeys.RECEIPT_KEY))).contains("\"crv\":\"Ed25519\"", "\"d\"");
        assertThat(Files.getPosixFilePermissions(keyFile(NodeKeys.RECEIPT_KEY)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(keyFile(NodeKeys.ES256_RECEIPT_KEY)).doesNotExist();
        assertThat(keys.receiptKeys().getKeys()).singleElement()
                .satisfies(k -> assertThat(k.getKeyID()).isEqualTo(keys.receiptSigner().keyId()));
        assertThat(ReceiptVerifier.of(keys.receiptKeys().toString()).verify(keys.receiptSigner().sign(RECEIPT)))
                .isEqualTo(RECEIPT);
        assertEachKeyNamesItsAlgorithm(keys);
    }

    @Test
    void aNewNodeOfTheSmProfileCreatesAnSm2KeyOnlyAndPublishesItAlone() throws IOException {
        NodeKeys keys = start(ReceiptAlgorithm.SM2);

        assertThat(keys.receiptSigner().algorithm()).isEqualTo(ReceiptAlgorithm.SM2);
        assertThat(Files.readString(keyFile(NodeKeys.SM2_RECEIPT_KEY))).contains("\"crv\":\"SM2\"", "\"d\"");
        assertThat(Files.getPosixFilePermissions(keyFile(NodeKeys.SM2_RECEIPT_KEY)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(keyFile(NodeKeys.RECEIPT_KEY)).doesNotExist();
        assertThat(keyFile(NodeKeys.ES256_RECEIPT_KEY)).doesNotExist();
        assertThat(keys.receiptKeys().getKeys()).singleElement()
                .satisfies(k -> assertThat(k.getKeyID()).isEqualTo(keys.receiptSigner().keyId()));
        assertThat(header(keys.receiptSigner().sign(RECEIPT))).contains("\"alg\":\"SM2SM3\"");
        assertThat(ReceiptVerifier.of(keys.receiptKeys().toString()).verify(keys.receiptSigner().sign(RECEIPT)))
                .isEqualTo(RECEIPT);
        assertEachKeyNamesItsAlgorithm(keys);
    }

    /**
     * A node that signed ES256, then EdDSA, restarts on the {@code sm} profile: it signs SM2 now, and the
     * receipts of both earlier keys still verify against its JWKS, newest key first.
     */
    @Test
    void aNodeMovingFromEdDsaToSm2KeepsPublishingItsEarlierKeys() throws IOException {
        ReceiptSigner es256 = ReceiptSigner.generate(ReceiptAlgorithm.ES256);
        keep(NodeKeys.ES256_RECEIPT_KEY, es256);
        NodeKeys before = start();
        String ed25519Key = Files.readString(keyFile(NodeKeys.RECEIPT_KEY));
        List<String> earlierReceipts = List.of(es256.sign(RECEIPT), before.receiptSigner().sign(RECEIPT));

        NodeKeys keys = start(ReceiptAlgorithm.SM2);
        ReceiptVerifier published = ReceiptVerifier.of(keys.receiptKeys().toString());

        assertThat(keys.receiptSigner().algorithm()).isEqualTo(ReceiptAlgorithm.SM2);
        assertThat(keys.receiptKeys().getKeys()).extracting(JWK::getKeyID)
                .containsExactly(keys.receiptSigner().keyId(), before.receiptSigner().keyId(), es256.keyId());
        assertThat(keys.receiptKeys().toString()).doesNotContain("\"d\"");
        for (String earlier : earlierReceipts) {
            assertThat(published.verify(earlier)).isEqualTo(RECEIPT);
        }
        assertThat(published.verify(keys.receiptSigner().sign(RECEIPT))).isEqualTo(RECEIPT);
        assertThat(Files.readString(keyFile(NodeKeys.RECEIPT_KEY))).isEqualTo(ed25519Key);
        assertEachKeyNamesItsAlgorithm(keys);
    }

    /** Back to EdDSA: the node signs with its Ed25519 key again and keeps publishing its SM2 key. */
    @Test
    void aNodeMovingBackFromSm2KeepsPublishingItsSm2Key() {
        NodeKeys first = start();
        NodeKeys sm2 = start(ReceiptAlgorithm.SM2);
        String sm2Receipt = sm2.receiptSigner().sign(RECEIPT);

        NodeKeys back = start();

        assertThat(back.receiptSigner().keyId()).isEqualTo(first.receiptSigner().keyId());
        assertThat(back.receiptKeys().getKeys()).extracting(JWK::getKeyID)
                .containsExactly(first.receiptSigner().keyId(), sm2.receiptSigner().keyId());
        assertThat(ReceiptVerifier.of(back.receiptKeys().toString()).verify(sm2Receipt)).isEqualTo(RECEIPT);
    }

    @Test
    void aRestartSignsWithTheSameKey() {
        NodeKeys first = start();
        NodeKeys second = start();

        assertThat(second.receiptSigner().keyId()).isEqualTo(first.receiptSigner().keyId());
        assertThat(second.receiptKeys().toString()).isEqualTo(first.receiptKeys().toString());
        assertThat(ReceiptVerifier.of(first.receiptKeys()).verify(second.receiptSigner().sign(RECEIPT))).isEqualTo(RECEIPT);
    }

    /** A node upgraded from ES256: it signs EdDSA now, and receipts it signed before still verify against its JWKS. */
    @Test
    void aNodeThatSignedEs256BeforeKeepsPublishingThatKey() throws IOException {
        ReceiptSigner earlier = ReceiptSigner.generate(ReceiptAlgorithm.ES256);
        Files.createDirectories(keyFile(NodeKeys.ES256_RECEIPT_KEY).getParent());
        Files.writeString(keyFile(NodeKeys.ES256_RECEIPT_KEY), earlier.privateJwkJson());
        String earlierReceipt = earlier.sign(RECEIPT);

        NodeKeys keys = start();
        ReceiptVerifier published = ReceiptVerifier.of(keys.receiptKeys().toString());

        assertThat(keys.receiptSigner().algorithm()).isEqualTo(ReceiptAlgorithm.EDDSA);
        assertThat(keys.receiptKeys().getKeys()).extracting(k -> k.getKeyID())
                .containsExactly(keys.receiptSigner().keyId(), earlier.keyId());
        assertThat(keys.receiptKeys().toString()).doesNotContain("\"d\"");
        assertThat(published.verify(earlierReceipt)).isEqualTo(RECEIPT);
        assertThat(published.verify(keys.receiptSigner().sign(RECEIPT))).isEqualTo(RECEIPT);
        assertThat(Files.readString(keyFile(NodeKeys.ES256_RECEIPT_KEY))).isEqualTo(earlier.privateJwkJson());
    }

    @Test
    void anEd25519KeyWhereTheEs256KeyBelongsStopsTheStart() throws IOException {
        Files.createDirectories(keyFile(NodeKeys.ES256_RECEIPT_KEY).getParent());
        Files.writeString(keyFile(NodeKeys.ES256_RECEIPT_KEY), ReceiptSigner.generate().privateJwkJson());

        assertThatIllegalStateException().isThrownBy(this::start).withMessageContaining(NodeKeys.ES256_RECEIPT_KEY);
    }

    /** A key file holding another algorithm's key, whether it signs or is published: the node does not start. */
    @Test
    void aKeyOfAnotherAlgorithmInAnAlgorithmsFileStopsTheStart() throws IOException {
        keep(NodeKeys.SM2_RECEIPT_KEY, ReceiptSigner.generate(ReceiptAlgorithm.EDDSA));
        assertThatIllegalStateException().isThrownBy(() -> start(ReceiptAlgorithm.SM2))
                .withMessageContaining(NodeKeys.SM2_RECEIPT_KEY);
        assertThatIllegalStateException().isThrownBy(this::start).withMessageContaining(NodeKeys.SM2_RECEIPT_KEY);

        keep(NodeKeys.SM2_RECEIPT_KEY, ReceiptSigner.generate(ReceiptAlgorithm.SM2));
        keep(NodeKeys.RECEIPT_KEY, ReceiptSigner.generate(ReceiptAlgorithm.SM2));
        assertThatIllegalStateException().isThrownBy(this::start).withMessageContaining(NodeKeys.RECEIPT_KEY);
        assertThatIllegalStateException().isThrownBy(() -> start(ReceiptAlgorithm.SM2))
                .withMessageContaining(NodeKeys.RECEIPT_KEY);
    }

    /** ES256 verifies the receipts signed before EdDSA, and signs no new ones. */
    @Test
    void noNodeSignsEs256() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ReceiptProperties(ReceiptAlgorithm.ES256))
                .withMessageContaining("EDDSA or SM2");
        assertThat(new ReceiptProperties(null).algorithm()).isEqualTo(ReceiptAlgorithm.EDDSA);
    }

    /** A production node reads its keys from its key store, and still publishes the key files of earlier receipts. */
    @Test
    void aKeyStoreSignsAndTheKeyFilesOfEarlierReceiptsStayPublished() throws IOException {
        NodeKeys generated = start();
        Path store = dataDirectory.resolve("node.p12");
        NodeKeyStore created = NodeKeyStore.create(ReceiptAlgorithm.EDDSA, PASSWORD.toCharArray(), store);

        NodeKeys keys = new NodeKeys(new NodeProperties("sz", "SZ", dataDirectory, null, null, null),
                new ReceiptProperties(ReceiptAlgorithm.EDDSA, store, null, passwordFile(), null));

        assertThat(keys.receiptSigner().keyId()).isEqualTo(created.receiptSigner().keyId());
        assertThat(keys.subjectKey()).isEqualTo(created.subjectKey()).isNotEqualTo(generated.subjectKey());
        assertThat(keys.receiptKeys().getKeys()).extracting(JWK::getKeyID)
                .containsExactly(created.receiptSigner().keyId(), generated.receiptSigner().keyId());
        assertThat(keys.toString()).contains(created.receiptSigner().keyId())
                .doesNotContain(java.util.HexFormat.of().formatHex(keys.subjectKey()));
    }

    @Test
    void aRotatedReceiptKeySignsWhileTheRetiredOneStaysPublishedAndEveryPseudonymStays() throws Exception {
        Path store = dataDirectory.resolve("node.p12");
        NodeKeyStore first = NodeKeyStore.create(ReceiptAlgorithm.EDDSA, PASSWORD.toCharArray(), store);
        Path rotated = dataDirectory.resolve("node-2.p12");
        NodeKeyStore second = first.withNewReceiptKey(ReceiptAlgorithm.EDDSA, PASSWORD.toCharArray(), rotated);
        Path retired = Files.writeString(dataDirectory.resolve("retired.json"),
                first.receiptSigner().publicKeys().toString());

        NodeKeys keys = new NodeKeys(new NodeProperties("sz", "SZ", dataDirectory, null, null, null),
                new ReceiptProperties(ReceiptAlgorithm.EDDSA, rotated, null, passwordFile(), retired));

        assertThat(keys.receiptSigner().keyId()).isEqualTo(second.receiptSigner().keyId())
                .isNotEqualTo(first.receiptSigner().keyId());
        assertThat(keys.subjectKey()).isEqualTo(first.subjectKey());
        assertThat(keys.receiptKeys().getKeys()).extracting(JWK::getKeyID)
                .containsExactly(second.receiptSigner().keyId(), first.receiptSigner().keyId());
        assertThat(keys.receiptKeys().getKeys()).noneMatch(JWK::isPrivate);
    }

    @Test
    void retiredKeysThatHoldAPrivateKeyOrAreNoKeySetRefuseTheStart() throws Exception {
        Path store = dataDirectory.resolve("node.p12");
        NodeKeyStore first = NodeKeyStore.create(ReceiptAlgorithm.EDDSA, PASSWORD.toCharArray(), store);
        Path privateKeys = Files.writeString(dataDirectory.resolve("private.json"),
                "{\"keys\":[" + first.receiptSigner().privateJwkJson() + "]}");
        Path garbage = Files.writeString(dataDirectory.resolve("garbage.json"), "not a key set");
        for (Path retired : List.of(privateKeys, garbage)) {
            assertThatThrownBy(() -> new NodeKeys(new NodeProperties("sz", "SZ", dataDirectory, null, null, null),
                    new ReceiptProperties(ReceiptAlgorithm.EDDSA, store, null, passwordFile(), retired)))
                    .isInstanceOf(StartRefused.class).hasMessageContaining("hashbridge.receipts.retired-keys")
                    .hasMessageContaining(retired.toString());
        }
    }

    @Test
    void withoutAKeyStoreANodeThatMayNotGenerateKeysRefusesToStartNamingTheSetting() {
        assertThatThrownBy(() -> new NodeKeys(new NodeProperties("sz", "SZ", dataDirectory, null, null, null),
                new ReceiptProperties(ReceiptAlgorithm.EDDSA)))
                .isInstanceOf(StartRefused.class).hasMessageContaining("hashbridge.receipts.key-store")
                .hasMessageContaining("hashbridge.node.generate-keys");
        assertThat(dataDirectory.resolve("keys")).doesNotExist();
    }

    @Test
    void aKeyStoreItsPasswordDoesNotOpenRefusesTheStartNamingTheStoreNotThePassword() throws IOException {
        Path store = dataDirectory.resolve("node.p12");
        NodeKeyStore.create(ReceiptAlgorithm.EDDSA, "another password".toCharArray(), store);

        assertThatThrownBy(() -> new NodeKeys(new NodeProperties("sz", "SZ", dataDirectory, null, null, null),
                new ReceiptProperties(ReceiptAlgorithm.EDDSA, store, null, passwordFile(), null)))
                .isInstanceOf(StartRefused.class).hasMessageContaining(store.toString())
                .hasMessageContaining("password").hasMessageNotContaining(PASSWORD)
                .hasMessageNotContaining("another password");
    }

    @Test
    void aKeyStoreOfAnotherAlgorithmRefusesTheStartNamingBoth() throws IOException {
        Path store = dataDirectory.resolve("node.p12");
        NodeKeyStore.create(ReceiptAlgorithm.EDDSA, PASSWORD.toCharArray(), store);

        assertThatThrownBy(() -> new NodeKeys(new NodeProperties("sz", "SZ", dataDirectory, null, null, null),
                new ReceiptProperties(ReceiptAlgorithm.SM2, store, PASSWORD, null, null)))
                .isInstanceOf(StartRefused.class).hasMessageContaining("EDDSA").hasMessageContaining("SM2");
    }

    @Test
    void theSettingsOfKeysShowNoPassword() {
        ReceiptProperties receipts = new ReceiptProperties(ReceiptAlgorithm.EDDSA, dataDirectory.resolve("node.p12"),
                PASSWORD, null, null);
        assertThat(receipts.toString()).contains("node.p12").doesNotContain(PASSWORD);
        String key = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
        ChainProperties chain = new ChainProperties("http://127.0.0.1:8545", "0x5FbDB2315678afecb367f032d93F642f64180aa3",
                key, dataDirectory.resolve("wallet.json"), PASSWORD, null, 31337, 0, null, null, 0, 0, null, null, null, null, null);
        assertThat(chain.toString()).contains("wallet.json", "31337").doesNotContain(key.substring(2, 20))
                .doesNotContain(PASSWORD);
    }

    private static final String PASSWORD = "store password for tests";

    private Path passwordFile() throws IOException {
        Path file = dataDirectory.resolve("store-password");
        Files.writeString(file, PASSWORD + "\n");
        return file;
    }

    /** The decoded protected header of a compact JWS. */
    private static String header(String jws) {
        return new String(Base64.getUrlDecoder().decode(jws.substring(0, jws.indexOf('.'))), StandardCharsets.UTF_8);
    }
}
