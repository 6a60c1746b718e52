package org.hashbridge.node.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.exception.CipherException;
import org.web3j.protocol.ObjectMapperFactory;

/**
 * {@link DevAccounts}' keys as web3j wallet files, for tests of what reads wallet files. Light scrypt
 * parameters, so that a test opens them in milliseconds: the tool reads any V3 wallet file.
 */
public final class DevWallets {

    private DevWallets() {
    }

    /** Writes {@code key} to {@code file}, encrypted with {@code password}; returns {@code file}. */
    public static Path write(AccountKey key, String password, Path file) {
        try {
            ObjectMapperFactory.getObjectMapper().writeValue(file.toFile(),
                    Wallet.createLight(password, key.credentials().getEcKeyPair()));
            return file;
        } catch (CipherException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
