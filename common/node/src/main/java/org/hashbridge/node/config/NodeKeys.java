package org.hashbridge.node.config;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.hashbridge.protocol.ReceiptAlgorithm;
import org.hashbridge.protocol.ReceiptSigner;
import org.springframework.stereotype.Component;

/**
 * The node's secrets, each kept in its own file under the data directory (created with owner-only
 * permissions on first start): the subject key that turns resident identifiers into pseudonyms, and
 * the Ed25519 key that signs receipts. A node that signed ES256 receipts before keeps its P-256 key
 * file: the key signs nothing more, its public half stays published so those receipts still verify.
 */
@Component
public class NodeKeys {

    /** The P-256 key of the receipts signed before EdDSA; never created, read when present. */
    static final String ES256_RECEIPT_KEY = "receipt-key.jwk";
    static final String RECEIPT_KEY = "receipt-key-ed25519.jwk";

    private final byte[] subjectKey;
    private final ReceiptSigner receiptSigner;
    private final JWKSet receiptKeys;

    NodeKeys(NodeProperties node) {
        Path directory = node.dataDirectory().resolve("keys");
        this.subjectKey = HexFormat.of().parseHex(readOrCreate(directory.resolve("subject.key"), NodeKeys::newSubjectKey).trim());
        this.receiptSigner = ReceiptSigner.fromPrivateJwk(
                readOrCreate(directory.resolve(RECEIPT_KEY), () -> ReceiptSigner.generate().privateJwkJson()));
        this.receiptKeys = published(receiptSigner, directory.resolve(ES256_RECEIPT_KEY));
    }

    /** The HMAC key for {@link org.hashbridge.protocol.SubjectReference}; a copy. */
    public byte[] subjectKey() {
        return subjectKey.clone();
    }

    /** Signs this node's receipts (EdDSA). */
    public ReceiptSigner receiptSigner() {
        return receiptSigner;
    }

    /** The public keys that verify this node's receipts: the signing key first, then the ES256 key if any. */
    public JWKSet receiptKeys() {
        return receiptKeys;
    }

    private static JWKSet published(ReceiptSigner signer, Path es256KeyFile) {
        List<JWK> keys = new ArrayList<>(signer.publicKeys().getKeys());
        if (Files.exists(es256KeyFile)) {
            ReceiptSigner earlier = ReceiptSigner.fromPrivateJwk(read(es256KeyFile));
            if (earlier.algorithm() != ReceiptAlgorithm.ES256) {
                throw new IllegalStateException(es256KeyFile + " must hold the P-256 key of earlier ES256 receipts, not "
                        + earlier.algorithm());
            }
            keys.addAll(earlier.publicKeys().getKeys());
        }
        return new JWKSet(keys);
    }

    private static String newSubjectKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return HexFormat.of().formatHex(key);
    }

    private static String readOrCreate(Path file, java.util.function.Supplier<String> create) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, create.get(), StandardCharsets.UTF_8);
                restrict(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the key file " + file, e);
        }
        return read(file);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key file " + file, e);
        }
    }

    private static void restrict(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
