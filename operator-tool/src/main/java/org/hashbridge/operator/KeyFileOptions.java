package org.hashbridge.operator;

import java.nio.file.Path;
import org.hashbridge.node.chain.AccountKey;
import picocli.CommandLine.Option;

/** The account a command signs with: a wallet file and the file holding its password. */
final class KeyFileOptions {

    @Option(names = "--key-file", required = true, paramLabel = "WALLET",
            description = "the signing account's web3j wallet file (Ethereum V3 keystore JSON)")
    Path keyFile;

    @Option(names = "--password-file", required = true, paramLabel = "FILE",
            description = "a file whose first line is the password of the wallet file(s)")
    Path passwordFile;

    String password() {
        return Wallets.password(passwordFile);
    }

    AccountKey key() {
        return Wallets.load(keyFile, password());
    }
}
