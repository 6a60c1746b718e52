package org.hashbridge.node.chain;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Objects;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

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
