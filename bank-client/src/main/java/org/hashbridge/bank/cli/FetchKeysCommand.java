package org.hashbridge.bank.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hashbridge.bank.HashBridgeClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fetch-keys}: saves the node's receipt keys so receipts can be checked without the node. */
@Command(name = "fetch-keys", mixinStandardHelpOptions = true,
        description = "Saves the node's receipt keys (JWKS) for checking receipts offline.")
final class FetchKeysCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--node", paramLabel = "URL", required = true, converter = Converters.NodeUri.class,
            description = "the node's base URL, such as https://sz-node.example")
    private URI node;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "where to write the JWKS")
    private Path out;

    @Override
    public Integer call() {
        String keys = HashBridgeClient.withoutApiKey(node).receiptKeys();
        LocalFiles.writeText("receipt keys file", out, keys);
        spec.commandLine().getOut().printf("saved the receipt keys of %s to %s%n", node, out);
        return ExitCodes.OK;
    }
}
