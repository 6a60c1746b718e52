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
        subcommands = {KeysCommand.Account.class, KeysCommand.Address.class, KeysCommand.Node.class,
                KeysCommand.RotateReceipt.class})
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
                    + store.receiptSigner().keyId());
            return 0;
        }
    }

    @Command(name = "rotate-receipt", mixinStandardHelpOptions = true,
            description = {"Makes a new key store with a new receipt key and the old store's pseudonym key, and adds the old "
                    + "receipt key's public half to the retired keys file the node keeps publishing.",
                    "Then point hashbridge.receipts.key-store at --out, hashbridge.receipts.retired-keys at --retired, "
                            + "and restart the node."})
    static final class RotateReceipt implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--key-store", required = true, paramLabel = "FILE", description = "the node's key store now")
        private Path keyStore;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the new key store; never overwritten")
        private Path out;

        @Option(names = "--retired", required = true, paramLabel = "FILE",
                description = "the retired keys file (a JWK set of public keys), created or added to")
        private Path retired;

        @Option(names = "--algorithm", paramLabel = "ALG", description = "the new receipt key's: EDDSA or SM2 (default: "
                + "the old key's)")
        private ReceiptAlgorithm algorithm;

        @Option(names = "--password-file", required = true, paramLabel = "FILE",
                description = "a file whose first line is the stores' password (the new store gets the old one's)")
        private Path passwordFile;

        @Override
        public Integer call() {
            char[] password = Wallets.password(passwordFile).toCharArray();
            NodeKeyStore now;
            NodeKeyStore next;
            try {
                now = NodeKeyStore.load(keyStore, password);
                next = now.withNewReceiptKey(algorithm == null ? now.receiptSigner().algorithm() : algorithm, password, out);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw ToolFailure.badInput(e.getMessage());
            }
            RetiredKeys.add(retired, now.receiptSigner().publicKeys());
            spec.commandLine().getOut().println("receipt key " + next.receiptSigner().algorithm() + " "
                    + next.receiptSigner().keyId() + " in " + out + "; retired " + now.receiptSigner().keyId() + " in " + retired);
            return 0;
        }
    }
}
