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
import java.util.function.Supplier;
import org.hashbridge.node.startup.KeyPasswords;
import org.hashbridge.node.startup.StartRefused;
import org.hashbridge.protocol.NodeKeyStore;
import org.hashbridge.protocol.ReceiptAlgorithm;
import org.hashbridge.protocol.ReceiptSigner;
import org.springframework.stereotype.Component;

/**
 * The node's secrets: the subject key that turns resident identifiers into pseudonyms, and the key that signs
 * receipts, of the algorithm {@link ReceiptProperties} names (Ed25519 by default, SM2 under the {@code sm} profile).
 * A production node reads both from the PKCS#12 store {@code hashbridge.receipts.key-store}
 * ({@link NodeKeyStore}). Without one, and only with {@code hashbridge.node.generate-keys=true} (sandbox, tests), the
 * node keeps each in its own file under the data directory, created with owner-only permissions on first start,
 * each receipt algorithm's key in a file of its own. Either way, a receipt key file in the data directory other than
 * the signing key (ES256 before EdDSA, EdDSA before SM2 or before the key store, ...) signs nothing more; its public
 * half stays published so those receipts still verify.
 */
@Component
public class NodeKeys {

    /** The P-256 key of the receipts signed before EdDSA; never created, read when present. */
    static final String ES256_RECEIPT_KEY = "receipt-key.jwk";
    static final String RECEIPT_KEY = "receipt-key-ed25519.jwk";
    static final String SM2_RECEIPT_KEY = "receipt-key-sm2.jwk";

    /** The order the keys of earlier receipts are published in, after the signing key: newest first. */
    private static final List<ReceiptAlgorithm> NEWEST_FIRST = List.of(ReceiptAlgorithm.SM2, ReceiptAlgorithm.EDDSA,
            ReceiptAlgorithm.ES256);

    private final byte[] subjectKey;
    private final ReceiptSigner receiptSigner;
    private final JWKSet receiptKeys;

    NodeKeys(NodeProperties node, ReceiptProperties receipts) {
        Path directory = node.dataDirectory().resolve("keys");
        ReceiptAlgorithm algorithm = receipts.algorithm();
        if (receipts.keyStore() != null) {
            NodeKeyStore store = load(receipts);
            if (store.receiptSigner().algorithm() != algorithm) {
                throw StartRefused.of("The key store " + receipts.keyStore() + " (hashbridge.receipts.key-store) holds a "
                        + store.receiptSigner().algorithm() + " receipt key, but hashbridge.receipts.algorithm is "
                        + algorithm + ".", "Use a key store of the algorithm the node signs with (the sm profile signs "
                        + "SM2), or set hashbridge.receipts.algorithm to the key's.");
            }
            this.subjectKey = store.subjectKey();
            this.receiptSigner = store.receiptSigner();
        } else if (node.generateKeys()) {
            this.subjectKey = HexFormat.of().parseHex(read(createIfMissing(directory.resolve("subject.key"),
                    NodeKeys::newSubjectKey)).trim());
            this.receiptSigner = signer(algorithm, createIfMissing(directory.resolve(keyFile(algorithm)),
                    () -> ReceiptSigner.generate(algorithm).privateJwkJson()));
        } else {
            throw StartRefused.missingSettings(List.of("hashbridge.receipts.key-store (the PKCS#12 store of the receipt "
                    + "and subject keys; hashbridge.node.generate-keys=true only for the sandbox and tests)"));
        }
        this.receiptKeys = published(receiptSigner, directory, retired(receipts.retiredKeys()));
    }

    /** The public keys of {@code file} ({@code hashbridge.receipts.retired-keys}), none when unset. */
    private static List<JWK> retired(Path file) {
        if (file == null) {
            return List.of();
        }
        try {
            JWKSet keys = JWKSet.parse(read(file));
            if (keys.getKeys().stream().anyMatch(JWK::isPrivate)) {
                throw StartRefused.of("The retired receipt keys " + file + " (hashbridge.receipts.retired-keys) hold a "
                        + "private key.", "Keep only the public keys there (hashbridge-operator keys rotate-receipt writes "
                        + "them so); the private key of a retired receipt key signs nothing more.");
            }
            return keys.getKeys();
        } catch (java.text.ParseException | java.io.UncheckedIOException e) {
            throw StartRefused.of("The retired receipt keys " + file + " (hashbridge.receipts.retired-keys) cannot be "
                    + "read as a JWK set.", "Point hashbridge.receipts.retired-keys at the file hashbridge-operator keys "
                    + "rotate-receipt wrote, or unset it.");
        }
    }

    private static NodeKeyStore load(ReceiptProperties receipts) {
        char[] password = KeyPasswords.read("hashbridge.receipts.key-store-password", receipts.keyStorePassword(),
                receipts.keyStorePasswordFile());
        try {
            return NodeKeyStore.load(receipts.keyStore(), password);
        } catch (NodeKeyStore.KeyStoreProblem e) {
            throw StartRefused.of(e.getMessage() + " (hashbridge.receipts.key-store).", "Check the file named by "
                    + "hashbridge.receipts.key-store, its aliases 'receipt' and 'subject' (docs/operations.md, Keys) and "
                    + "its password (hashbridge.receipts.key-store-password or -password-file).");
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    /** The file of the key of {@code algorithm}'s receipts, in the keys directory. */
    static String keyFile(ReceiptAlgorithm algorithm) {
        return switch (algorithm) {
            case EDDSA -> RECEIPT_KEY;
            case SM2 -> SM2_RECEIPT_KEY;
            case ES256 -> ES256_RECEIPT_KEY;
        };
    }

    /** The HMAC key for {@link org.hashbridge.protocol.SubjectReference}; a copy. */
    public byte[] subjectKey() {
        return subjectKey.clone();
    }

    /** Signs this node's receipts, with the algorithm {@link ReceiptProperties} names. */
    public ReceiptSigner receiptSigner() {
        return receiptSigner;
    }

    /**
     * The public keys that verify this node's receipts: the signing key first, then the key of each other
     * algorithm the node has a key file of, newest algorithm first (SM2, Ed25519, P-256).
     */
    public JWKSet receiptKeys() {
        return receiptKeys;
    }

    /**
     * The signing key, then the retired keys of a rotation, then every other receipt key file of the data directory's,
     * newest algorithm first; each key once.
     */
    private static JWKSet published(ReceiptSigner signer, Path directory, List<JWK> retired) {
        List<JWK> keys = new ArrayList<>(signer.publicKeys().getKeys());
        for (JWK key : retired) {
            if (keys.stream().noneMatch(k -> k.getKeyID().equals(key.getKeyID()))) {
                keys.add(key);
            }
        }
        for (ReceiptAlgorithm earlier : NEWEST_FIRST) {
            Path file = directory.resolve(keyFile(earlier));
            if (Files.exists(file)) {
                ReceiptSigner previous = signer(earlier, file);
                if (keys.stream().noneMatch(k -> k.getKeyID().equals(previous.keyId()))) {
                    keys.addAll(previous.publicKeys().getKeys());
                }
            }
        }
        return new JWKSet(keys);
    }

    /** @throws IllegalStateException when the file holds a key of another algorithm than the one it is named for */
    private static ReceiptSigner signer(ReceiptAlgorithm algorithm, Path file) {
        ReceiptSigner signer = ReceiptSigner.fromPrivateJwk(read(file));
        if (signer.algorithm() != algorithm) {
            throw new IllegalStateException(file + " must hold a " + algorithm + " receipt key, not " + signer.algorithm());
        }
        return signer;
    }

    private static String newSubjectKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return HexFormat.of().formatHex(key);
    }

    private static Path createIfMissing(Path file, Supplier<String> create) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, create.get(), StandardCharsets.UTF_8);
                restrict(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the key file " + file, e);
        }
        return file;
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

    /** Names the signing key only: the keys themselves must reach no log. */
    @Override
    public String toString() {
        return "NodeKeys[receipt " + receiptSigner.algorithm() + " " + receiptSigner.keyId() + ", subject key]";
    }
}
