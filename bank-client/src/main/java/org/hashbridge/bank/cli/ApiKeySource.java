package org.hashbridge.bank.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.hashbridge.bank.HashBridgeClient;
import picocli.CommandLine.Option;

/** Where a command that calls the node with an institution's API key finds it. */
final class ApiKeySource {

    @Option(names = "--api-key-file", paramLabel = "FILE", required = true,
            description = "a file holding the institution's API key")
    private Path file;

    @Option(names = "--api-key", paramLabel = "KEY", required = true,
            description = "the API key itself; other users can see it in the process list, "
                    + "so prefer --api-key-file or " + BankCli.API_KEY_VARIABLE)
    private String key;

    /**
     * A client of {@code node} with the key from {@code source}, or else from {@link BankCli#API_KEY_VARIABLE}.
     *
     * @param source null when neither option was given
     * @throws UnusableInput when there is no key, or it is not usable
     */
    static HashBridgeClient client(URI node, ApiKeySource source, Map<String, String> environment) {
        String key = source != null ? source.key() : environment.getOrDefault(BankCli.API_KEY_VARIABLE, "").strip();
        if (key.isEmpty()) {
            throw UnusableInput.because("no API key: give --api-key-file FILE or set " + BankCli.API_KEY_VARIABLE);
        }
        try {
            return new HashBridgeClient(node, key);
        } catch (IllegalArgumentException e) {
            throw UnusableInput.because("the API key is not usable: " + e.getMessage());
        }
    }

    private String key() {
        return (key != null ? key : LocalFiles.readText("API key file", file)).strip();
    }
}
