package org.hashbridge.bank.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hashbridge.bank.DocumentHasher;
import org.hashbridge.bank.HashBridgeClient;
import org.hashbridge.bank.VerificationResult;
import org.hashbridge.protocol.Check;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.Digest;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.Voucher;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verify}: hashes the document locally and asks the node to verify the digest. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Hashes the document locally and asks the node whether it is the document the voucher "
                + "vouches for, and whether the resident's consent covers this bank. Only the digest, the "
                + "voucher and the consent token are sent.",
                "The API key comes from --api-key-file, or else from the environment variable "
                + BankCli.API_KEY_VARIABLE + "."})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--node", paramLabel = "URL", required = true, converter = Converters.NodeUri.class,
            description = "the bank's home node, such as https://sz-node.example")
    private URI node;

    @Option(names = "--file", paramLabel = "FILE", required = true, description = "the document; it is not sent")
    private Path document;

    @Option(names = "--voucher", paramLabel = "VOUCHER.json", required = true,
            description = "the voucher the issuer gave with the document")
    private Path voucherFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private ConsentSource consent;

    @Option(names = "--algorithm", paramLabel = "ALG", converter = Converters.Algorithm.class,
            description = "sha-256 or sm3 (default: the voucher's algorithm)")
    private DigestAlgorithm algorithm;

    @Option(names = "--canonical-json", description = "hash the RFC 8785 canonical form of a JSON document")
    private boolean canonicalJson;

    @Option(names = "--require-resident-signature",
            description = "refuse a consent the resident did not approve with their own key (one the home operator "
                    + "collected): its CONSENT check fails with RESIDENT_SIGNATURE_REQUIRED")
    private boolean requireResidentSignature;

    @Option(names = "--receipt-out", paramLabel = "FILE", description = "write the signed receipt (compact JWS) here")
    private Path receiptOut;

    @Option(names = "--json", description = "print the node's JSON answer instead of the summary")
    private boolean json;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private ApiKeySource apiKey;

    private final Map<String, String> environment;

    VerifyCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    static final class ConsentSource {
        @Option(names = "--consent", paramLabel = "TOKEN", required = true,
                description = "the resident's consent token (hbc1.<...>)")
        private String token;

        @Option(names = "--consent-file", paramLabel = "FILE", required = true,
                description = "a file holding the consent token")
        private Path file;

        String token() {
            return (token != null ? token : LocalFiles.readText("consent token file", file)).strip();
        }
    }

    @Override
    public Integer call() {
        Voucher voucher = Voucher.parse(LocalFiles.readText("voucher", voucherFile));
        String token = consent.token();
        ConsentToken.decode(token); // a mistyped or edited token is refused here, before anything is sent
        HashBridgeClient client = ApiKeySource.client(node, apiKey, environment);
        DigestAlgorithm chosen = algorithm != null ? algorithm : DigestAlgorithm.of(voucher.algorithm());
        Digest digest = LocalFiles.hash(hasher(chosen), document);
        VerificationResult result = client.verify(digest, voucher, token, requireResidentSignature);
        print(result);
        if (receiptOut != null) {
            LocalFiles.writeText("receipt file", receiptOut, result.receipt());
            if (!json) {
                spec.commandLine().getOut().println("receipt: saved to " + receiptOut);
            }
        }
        return result.verified() ? ExitCodes.OK : ExitCodes.NEGATIVE;
    }

    private DocumentHasher hasher(DigestAlgorithm chosen) {
        return canonicalJson ? DocumentHasher.canonicalJson(chosen) : DocumentHasher.raw(chosen);
    }

    private void print(VerificationResult result) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(result.json());
            return;
        }
        out.println("verdict: " + result.verdict());
        out.println("verification: " + result.verificationId()
                + (result.verifiedAt() == null ? "" : " at " + result.verifiedAt()));
        for (Check check : result.checks()) {
            out.println(CheckLine.of(check));
        }
    }
}
