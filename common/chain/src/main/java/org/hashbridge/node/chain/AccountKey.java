package org.hashbridge.node.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Objects;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;

/**
 * The secp256k1 private key of a chain account (an operator's or governance's). It is a secret: its
 * {@link #toString()} shows only the account's address, and nothing in this package logs the key.
 */
public final class AccountKey {

    private final Credentials credentials;

    private AccountKey(Credentials credentials) {
        this.credentials = credentials;
    }

    /**
     * Reads a private key written as 64 hexadecimal characters, with or without {@code 0x}.
     *
     * @throws IllegalArgumentException when {@code privateKeyHex} is null, not 64 hex characters or
     *                                  not a valid secp256k1 key; the message never repeats the input
     */
    public static AccountKey fromHex(String privateKeyHex) {
        Objects.requireNonNull(privateKeyHex, "privateKeyHex");
        String digits = privateKeyHex.startsWith("0x") ? privateKeyHex.substring(2) : privateKeyHex;
        if (digits.length() != 64 || !digits.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException("a private key must be 64 hexadecimal characters");
        }
        BigInteger key = new BigInteger(digits, 16);
        if (key.signum() == 0 || key.compareTo(Sign.CURVE_PARAMS.getN()) >= 0) {
            throw new IllegalArgumentException("not a valid secp256k1 private key");
        }
        return new AccountKey(Credentials.create(digits));
    }

    /**
     * Reads the key from a web3j wallet file (Ethereum V3 key store JSON, scrypt or PBKDF2).
     *
     * @throws IllegalArgumentException when {@code password} does not open it
     * @throws UncheckedIOException     when the file cannot be read, or is not a wallet file; no message repeats the
     *                                  file's content or the password
     */
    public static AccountKey fromWalletFile(Path file, String password) {
        try {
            return new AccountKey(WalletUtils.loadCredentials(password, file.toFile()));
        } catch (CipherException e) {
            throw new IllegalArgumentException("the password does not open the wallet file " + file);
        } catch (IOException e) {
            // a parser's message quotes the file, which may be a key in clear: only its kind is kept
            throw new UncheckedIOException("cannot read " + file + " as a wallet file",
                    new IOException(e.getClass().getSimpleName()));
        }
    }

    /** The account's address, EIP-55 checksummed. */
    public String address() {
        return Keys.toChecksumAddress(credentials.getAddress());
    }

    Credentials credentials() {
        return credentials;
    }

    @Override
    public String toString() {
        return "AccountKey[" + address() + "]";
    }
}
