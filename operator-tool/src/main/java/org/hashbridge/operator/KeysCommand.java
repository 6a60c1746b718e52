package org.hashbridge.operator;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keys}: chain account wallet files. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Creates and reads chain account keys in web3j wallet files.",
        subcommands = {KeysCommand.Account.class, KeysCommand.Address.class})
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
}
