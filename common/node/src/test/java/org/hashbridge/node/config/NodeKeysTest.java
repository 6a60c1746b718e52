package org.hashbridge.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.hashbridge.protocol.Check;
import org.hashbridge.protocol.CheckType;
import org.hashbridge.protocol.Receipt;
import org.hashbridge.protocol.ReceiptAlgorithm;
import org.hashbridge.protocol.ReceiptSigner;
import org.hashbridge.protocol.ReceiptVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receipt keys a node keeps in its data directory and publishes, before and after its move to EdDSA. */
class NodeKeysTest {

    private static final Receipt RECEIPT = new Receipt(Receipt.VERSION, "verification-0001", "sz", "cn.abc-shenzhen",
            "VERIFIED", List.of(Check.valid(CheckType.INTEGRITY, "the document is in the anchored batch")), "sha-256",
            "8d5d0a344b3ba79632103afe8c956ffa0c4d0cc2cc335e0f391ae59b29fdee1e", "hk.transunion", "credit-report",
            "ec4a8b1ea8503c9235b7026c74df0f06f124864a5e64e1028f6b1c3ba858d4e3",
            "c309046c503280e6be1918dee7ee2cf6f32c0825341767ff15190f37f9a72c9f",
            "469cee1ad343f6fa93625cda373144646981e4b5da596c1ab0221d11d8b335c1", 31337,
            "0x5fbdb2315678afecb367f032d93f642f64180aa3", 42, "2026-03-01T08:30:00Z");

    @TempDir
    Path dataDirectory;

    private NodeKeys start() {
        return new NodeKeys(new NodeProperties("sz", "SZ", dataDirectory, null, null, null));
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
}
