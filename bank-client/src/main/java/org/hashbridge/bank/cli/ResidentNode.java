package org.hashbridge.bank.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.hashbridge.bank.ResidentClient;
import picocli.CommandLine.Option;

/**
 * The resident's home node and their credential, which comes from a file or the environment, never from the command
 * line: a command line lands in the shell's history and in the process list.
 */
final class ResidentNode {

    /** The variable the resident commands read the resident's credential from when no file gives it. */
    static final String CREDENTIAL_VARIABLE = "HASHBRIDGE_RESIDENT_CREDENTIAL";

    @Option(names = "--node", paramLabel = "URL", required = true, converter = Converters.NodeUri.class,
            description = "your home node (the issuer's), such as https://hk-node.example")
    private URI node;

    @Option(names = "--credential-file", paramLabel = "FILE",
            description = "a file holding the credential your home node's operator gave you (default: the "
                    + "environment variable " + CREDENTIAL_VARIABLE + ")")
    private Path credentialFile;

    /** @throws UnusableInput when there is no credential, or it is not usable */
    ResidentClient client(Map<String, String> environment) {
        String credential = credentialFile != null ? LocalFiles.readText("credential file", credentialFile).strip()
                : environment.getOrDefault(CREDENTIAL_VARIABLE, "").strip();
        if (credential.isEmpty()) {
            throw UnusableInput.because("no resident credential: give --credential-file FILE or set " + CREDENTIAL_VARIABLE);
        }
        try {
            return new ResidentClient(node, credential);
        } catch (IllegalArgumentException e) {
            throw UnusableInput.because("the resident credential is not usable: " + e.getMessage());
        }
    }
}
