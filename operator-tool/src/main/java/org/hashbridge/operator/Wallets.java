package org.hashbridge.operator;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import org.hashbridge.node.chain.AccountKey;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.utils.Numeric;

/**
 * Chain account keys in web3j wallet files (Ethereum V3 keystore JSON), and the passwords that open them,
 * read from files so that neither appears on a command line, in a process list or in the tool's output.
 */
final class Wallets {

    private Wallets() {
    }

    /**
     * The password in {@code file}: its first line, without the line break.
     *
     * @throws ToolFailure when the file cannot be read or the password is empty
     */
    static String password(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String password = text.lines().findFirst().orElse("");
            if (password.isEmpty()) {
                throw ToolFailure.badInput("the password file " + file + " is empty");
            }
            return password;
        } catch (NoSuchFileException e) {
            throw ToolFailure.badInput("no password file " + file);
        } catch (IOException e) {
            throw ToolFailure.badInput("cannot read the password file " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /**
     * scrypt's cost: 64 MiB and about a quarter of a second to derive the key. web3j's "standard" wallet (N = 2^18)
     * needs 256 MiB, the whole heap docs/operations.md gives a node, which then cannot open its own key file.
     */
    static final int SCRYPT_N = 1 << 16;
    static final int SCRYPT_P = 1;

    /**
     * Writes a new account's key to {@code out}, readable by its owner only, encrypted with
     * {@code password} (scrypt with N = 2^16, r = 8, p = 1), and returns the account's address.
     *
     * @throws ToolFailure when {@code out} exists already (a key is never overwritten) or cannot be written
     */
    static String create(Path out, String password) {
        try {
            WalletFile wallet = Wallet.create(password, Keys.createEcKeyPair(), SCRYPT_N, SCRYPT_P);
            byte[] json = ObjectMapperFactory.getObjectMapper().writeValueAsBytes(wallet);
            write(out, json);
            return Keys.toChecksumAddress(wallet.getAddress());
        } catch (CipherException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a key: " + e.getClass().getSimpleName());
        } catch (FileAlreadyExistsException e) {
            throw ToolFailure.badInput(out + " exists already; a key file is never overwritten");
        } catch (IOException e) {
            throw ToolFailure.badInput("cannot write " + out + ": " + e.getClass().getSimpleName());
        }
    }

    /**
     * The account key in the wallet file {@code file}, whatever its key derivation (scrypt or PBKDF2).
     *
     * @throws ToolFailure when the file is missing, is not a wallet file or {@code password} does not open it
     */
    static AccountKey load(Path file, String password) {
        try {
            Credentials credentials = WalletUtils.loadCredentials(password, file.toFile());
            return AccountKey.fromHex(HexFormat.of().formatHex(
                    Numeric.toBytesPadded(credentials.getEcKeyPair().getPrivateKey(), 32)));
        } catch (CipherException e) {
            throw ToolFailure.badInput("the password does not open the key file " + file);
        } catch (FileNotFoundException | NoSuchFileException e) {
            throw ToolFailure.badInput("no key file " + file);
        } catch (IOException | RuntimeException e) {
            throw ToolFailure.badInput(file + " is not a wallet file (Ethereum V3 keystore JSON)");
        }
    }

    private static void write(Path out, byte[] json) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            // readable by its owner only from the moment it exists
            Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(out); // a file system without POSIX permissions (Windows) keeps its own access rules
        }
        Files.write(out, json, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
