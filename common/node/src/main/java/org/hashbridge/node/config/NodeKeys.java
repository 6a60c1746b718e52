package org.hashbridge.node.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.hashbridge.protocol.ReceiptSigner;
import org.springframework.stereotype.Component;

/**
 * The node's two secrets, each kept in its own file under the data directory (created with owner-only
 * permissions on first start): the subject key that turns resident identifiers into pseudonyms, and
 * the P-256 key that signs receipts.
 */
@Component
public class NodeKeys {

    private final byte[] subjectKey;
    private final ReceiptSigner receiptSigner;

    NodeKeys(NodeProperties node) {
        Path directory = node.dataDirectory().resolve("keys");
        this.subjectKey = HexFormat.of().parseHex(readOrCreate(directory.resolve("subject.key"), NodeKeys::newSubjectKey).trim());
        this.receiptSigner = ReceiptSigner.fromPrivateJwk(
                readOrCreate(directory.resolve("receipt-key.jwk"), () -> ReceiptSigner.generate().privateJwkJson()));
    }

    /** The HMAC key for {@link org.hashbridge.protocol.SubjectReference}; a copy. */
    public byte[] subjectKey() {
        return subjectKey.clone();
    }

    public ReceiptSigner receiptSigner() {
        return receiptSigner;
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
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key file " + file, e);
        }
    }

    private static void restrict(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
