package org.hashbridge.operator;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hashbridge.protocol.NodeKeyStore;
import org.hashbridge.protocol.ReceiptAlgorithm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keys}: chain account wallet files, and a node's key store. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Creates and reads chain account keys in web3j wallet files, and creates a node's key store.",
        subcommands = {KeysCommand.Account.class, KeysCommand.Address.class, KeysCommand.Node.class})
final class KeysCommand {

    @Command(name = "account", mixinStandardHelpOptions = true,
            description = "Creates a new chain account in a web3j wallet file (scrypt) and prints its address.")
    static final class Account implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "WALLET",
                description = "the wallet file to create; an existing file is never overwritten")
        private Path out;

        @Option(names = "--password-file", required = true, paramLabel = "FILE",
                description = "a file whose first line is the password that encrypts the key")
        private Path passwordFile;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(Wallets.create(out, Wallets.password(passwordFile)));
            return 0;
        }
    }

    @Command(name = "address", mixinStandardHelpOptions = true,
            description = "Prints the address of the account in a wallet file, once its password opens it.")
    static final class Address implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        private KeyFileOptions key;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(key.key().address());
            return 0;
        }
    }

    @Command(name = "node", mixinStandardHelpOptions = true,
            description = "Creates a node's key store (PKCS#12): its receipt key and the key of its residents' pseudonyms.")
    static final class Node implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "FILE",
                description = "the key store to create (hashbridge.receipts.key-store); an existing file is never overwritten")
        private Path out;

        @Option(names = "--algorithm", defaultValue = "EDDSA", paramLabel = "ALG",
                description = "the receipt key: EDDSA (Ed25519, the default) or SM2 (a node on the sm profile)")
        private ReceiptAlgorithm algorithm;

        @Option(names = "--password-file", required = true, paramLabel = "FILE",
                description = "a file whose first line is the store's password (hashbridge.receipts.key-store-password-file)")
        private Path passwordFile;

        @Override
        public Integer call() {
            if (algorithm == ReceiptAlgorithm.ES256) {
                throw ToolFailure.badInput("--algorithm ES256 signs no new receipt: choose EDDSA or SM2");
            }
            NodeKeyStore store;
            try {
                store = NodeKeyStore.create(algorithm, Wallets.password(passwordFile).toCharArray(), out);
            } catch (IllegalArgumentException | IllegalStateException e) { // KeyStoreProblem: the file exists, say
                throw ToolFailure.badInput("cannot create " + out + ": " + e.getMessage());
            }
            spec.commandLine().getOut().println("receipt key " + algorithm + " "
                    + store.receiptSigner().publicKeys().getKeys().get(0).getKeyID());
            return 0;
        }
    }
}
