package org.hashbridge.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;

/** The document digest algorithms HashBridge accepts. Both produce 32 bytes. */
public enum DigestAlgorithm {
    SHA_256("sha-256"),
    SM3("sm3");

    private final String id;

    DigestAlgorithm(String id) {
        this.id = id;
    }

    /** The protocol name: {@code sha-256} or {@code sm3}. */
    public String id() {
        return id;
    }

    /**
     * @throws InvalidInput with code {@code UNKNOWN_ALGORITHM} for any other name (case-insensitive)
     */
    public static DigestAlgorithm of(String name) {
        String wanted = name == null || !FreeText.isPrintable(name) ? "" : name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(a -> a.id.equals(wanted) || (a == SHA_256 && wanted.equals("sha256")))
                .findFirst()
                .orElseThrow(() -> InvalidInput.of("UNKNOWN_ALGORITHM",
                        "unknown digest algorithm; use one of sha-256, sm3"));
    }

    /** A fresh JCA digest for this algorithm. */
    public MessageDigest newMessageDigest() {
        try {
            return switch (this) {
                case SHA_256 -> MessageDigest.getInstance("SHA-256");
                case SM3 -> new org.bouncycastle.jcajce.provider.digest.SM3.Digest();
            };
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    public Digest digest(byte[] content) {
        return new Digest(this, Hash32.of(newMessageDigest().digest(content)));
    }

    /** Digests a stream to its end without holding it in memory; does not close it. */
    public Digest digest(InputStream content) throws IOException {
        MessageDigest md = newMessageDigest();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = content.read(buffer)) != -1; ) {
            md.update(buffer, 0, n);
        }
        return new Digest(this, Hash32.of(md.digest()));
    }


    @Override
    public String toString() {
        return id;
    }
}
