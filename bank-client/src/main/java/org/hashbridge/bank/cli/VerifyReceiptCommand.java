package org.hashbridge.bank.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.hashbridge.bank.HashBridgeClient;
import org.hashbridge.protocol.Check;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.Receipt;
import org.hashbridge.protocol.ReceiptVerifier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code verify-receipt}: checks a receipt's signature against the node's keys and shows what it attests. */
@Command(name = "verify-receipt", mixinStandardHelpOptions = true,
        description = "Checks a receipt's signature (EdDSA; SM2SM3 from nodes of the sm profile; ES256 for receipts "
                + "signed before nodes moved to EdDSA) against the node's receipt keys, saved with fetch-keys (offline) "
                + "or fetched from the node, and prints what the receipt attests.")
final class VerifyReceiptCommand implements Callable<Integer> {

    /** The codes that mean "not signed by this node", as opposed to "not a receipt at all". */
    private static final Set<String> SIGNATURE_FAILURES = Set.of("RECEIPT_SIGNATURE_INVALID", "UNKNOWN_RECEIPT_KEY");

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "RECEIPT_FILE", description = "the receipt, a compact JWS as verify saved it")
    private Path receiptFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private KeySource keys;

    static final class KeySource {
        @Option(names = "--keys", paramLabel = "JWKS_FILE", required = true,
                description = "the node's receipt keys, as fetch-keys saved them")
        private Path file;

        @Option(names = "--node", paramLabel = "URL", required = true, converter = Converters.NodeUri.class,
                description = "fetch the receipt keys from this node")
        private URI node;

        String jwks() {
            return file != null ? LocalFiles.readText("receipt keys file", file)
                    : HashBridgeClient.withoutApiKey(node).receiptKeys();
        }
    }

    @Override
    public Integer call() {
        String jws = LocalFiles.readText("receipt", receiptFile);
        ReceiptVerifier verifier = ReceiptVerifier.of(keys.jwks());
        Receipt receipt;
        try {
            receipt = verifier.verify(jws);
        } catch (InvalidInput e) {
            if (!SIGNATURE_FAILURES.contains(e.code())) {
                throw e;
            }
            spec.commandLine().getOut().println("signature: invalid");
            spec.commandLine().getErr().printf("%s: %s%n", e.code(), e.getMessage());
            return ExitCodes.NEGATIVE;
        }
        print(receipt);
        return ExitCodes.OK;
    }

    private void print(Receipt receipt) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("verificationId: " + receipt.verificationId());
        out.println("node: " + receipt.node());
        out.println("verifier: " + receipt.verifier());
        out.println("verdict: " + receipt.verdict());
        out.println("checks:");
        for (Check check : receipt.checks()) {
            out.println(CheckLine.of(check));
        }
        out.println("issuer: " + receipt.issuer());
        out.println("documentType: " + receipt.documentType());
        out.println("digest: " + receipt.algorithm() + " " + receipt.digest());
        out.println("leaf: " + receipt.leaf());
        out.println("root: " + receipt.root());
        out.printf("registry: chain %d, %s%n", receipt.chainId(), receipt.registry());
        // the block the verifying node's copy of the registry had followed, not the block that holds the anchor
        out.println("checks read at block: " + (receipt.block() == 0 ? "none (the registry could not be read)" : receipt.block()));
        out.println("consent: " + receipt.consent());
        out.println("verifiedAt: " + receipt.verifiedAt());
        out.println("signature: valid");
    }
}
