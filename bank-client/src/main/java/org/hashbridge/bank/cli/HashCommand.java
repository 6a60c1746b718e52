package org.hashbridge.bank.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hashbridge.bank.DocumentHasher;
import org.hashbridge.protocol.DigestAlgorithm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hash FILE}: the document's digest, as the issuer computed it, in lower-case hex. */
@Command(name = "hash", mixinStandardHelpOptions = true,
        description = "Prints the document's digest in lower-case hex. Nothing is sent anywhere.")
final class HashCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the document")
    private Path file;

    @Option(names = "--algorithm", paramLabel = "ALG", defaultValue = "sha-256", converter = Converters.Algorithm.class,
            description = "sha-256 or sm3 (default: ${DEFAULT-VALUE})")
    private DigestAlgorithm algorithm;

    @Option(names = "--canonical-json",
            description = "hash the RFC 8785 canonical form of a JSON document, as issuers do for JSON")
    private boolean canonicalJson;

    @Override
    public Integer call() {
        DocumentHasher hasher = canonicalJson ? DocumentHasher.canonicalJson(algorithm) : DocumentHasher.raw(algorithm);
        spec.commandLine().getOut().println(LocalFiles.hash(hasher, file).hex());
        return ExitCodes.OK;
    }
}
