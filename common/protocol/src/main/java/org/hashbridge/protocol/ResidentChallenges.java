package org.hashbridge.protocol;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The bytes a resident's key signs for each thing it approves: SHA-256 over an ASCII tag followed by fixed-length
 * fields, concatenated as Solidity's {@code abi.encodePacked} does, so the registry computes the same challenge for
 * what it verifies on chain (a key's replacement, a recovery's cancellation). The tags keep an approval of one kind
 * from ever counting as another; the commitment, the binding and the nonce keep it from counting twice.
 */
public final class ResidentChallenges {

    static final String CONSENT_APPROVAL = "HashBridge/consent-approval/v1";
    static final String CONSENT_REVOCATION = "HashBridge/consent-revocation/v1";
    static final String KEY_REGISTRATION = "HashBridge/resident-key-registration/v1";
    static final String KEY_REPLACEMENT = "HashBridge/resident-key-replacement/v1";
    static final String RECOVERY_CANCELLATION = "HashBridge/resident-key-recovery-cancellation/v1";

    private ResidentChallenges() {
    }

    /** What a resident signs to approve the consent whose commitment this is. */
    public static Hash32 consentApproval(Hash32 commitment) {
        return packed(CONSENT_APPROVAL, commitment.bytes());
    }

    /** What a resident signs to revoke the consent whose commitment this is. */
    public static Hash32 consentRevocation(Hash32 commitment) {
        return packed(CONSENT_REVOCATION, commitment.bytes());
    }

    /** What a new key signs to show its holder has it, before it is bound to {@code binding}. */
    public static Hash32 keyRegistration(Hash32 binding, Hash32 keyHash) {
        return packed(KEY_REGISTRATION, binding.bytes(), keyHash.bytes());
    }

    /**
     * What the bound key signs to hand {@code binding} over to {@code newKeyHash}, once: the registry verifies it
     * against its chain, address, the binding's jurisdiction and its current nonce.
     *
     * @param registry     the registry's address, 20 bytes
     * @param jurisdiction the jurisdiction as bytes32: its ASCII code left-aligned, zero-padded
     */
    public static Hash32 keyReplacement(long chainId, byte[] registry, byte[] jurisdiction, Hash32 binding,
                                        Hash32 newKeyHash, long nonce) {
        return packed(KEY_REPLACEMENT, uint256(chainId), address(registry), word(jurisdiction), binding.bytes(),
                newKeyHash.bytes(), uint64(nonce));
    }

    /** What the bound key signs to stop a recovery of {@code binding} started by its home operator. */
    public static Hash32 recoveryCancellation(long chainId, byte[] registry, byte[] jurisdiction, Hash32 binding, long nonce) {
        return packed(RECOVERY_CANCELLATION, uint256(chainId), address(registry), word(jurisdiction), binding.bytes(),
                uint64(nonce));
    }

    /** A jurisdiction's code as the registry keeps it: ASCII, left-aligned in 32 bytes, zero-padded. */
    public static byte[] jurisdiction(String code) {
        byte[] ascii = code.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length == 0 || ascii.length > 32) {
            throw new IllegalArgumentException("a jurisdiction code has 1 to 32 characters");
        }
        byte[] word = new byte[32];
        System.arraycopy(ascii, 0, word, 0, ascii.length);
        return word;
    }

    static Hash32 packed(String tag, byte[]... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(tag.getBytes(StandardCharsets.US_ASCII));
        for (byte[] field : fields) {
            out.writeBytes(field);
        }
        return Hash32.of(sha256(out.toByteArray()));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] uint256(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("a chain id is not negative");
        }
        byte[] unsigned = BigInteger.valueOf(value).toByteArray();
        byte[] word = new byte[32];
        int length = Math.min(unsigned.length, 32);
        System.arraycopy(unsigned, unsigned.length - length, word, 32 - length, length);
        return word;
    }

    private static byte[] uint64(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("a nonce is not negative");
        }
        return java.nio.ByteBuffer.allocate(8).putLong(value).array();
    }

    private static byte[] address(byte[] registry) {
        if (registry.length != 20) {
            throw new IllegalArgumentException("an address has 20 bytes");
        }
        return registry.clone();
    }

    private static byte[] word(byte[] bytes32) {
        if (bytes32.length != 32) {
            throw new IllegalArgumentException("a jurisdiction is 32 bytes");
        }
        return bytes32.clone();
    }
}
