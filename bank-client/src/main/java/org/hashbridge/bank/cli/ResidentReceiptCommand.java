package org.hashbridge.bank.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.hashbridge.bank.ResidentClient;
import org.hashbridge.bank.ResidentReceipt;
import org.hashbridge.protocol.ConsentReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code resident receipt}: the home node's signed consent receipt, checked against the node's published keys. */
@Command(name = "receipt", mixinStandardHelpOptions = true,
        description = "Downloads the consent receipt your home node signed (ISO/IEC TS 27560: what you agreed to, with "
                + "whom, how it was collected, what happened to it since, where the chain holds it), checks its "
                + "signature against the node's published receipt keys, and prints it.")
final class ResidentReceiptCommand extends ResidentCall {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Parameters(paramLabel = "CONSENT_ID", description = "the consent's id")
    private String consentId;

    @Option(names = "--out", paramLabel = "FILE", description = "write the signed receipt (compact JWS) here")
    private Path out;

    @Option(names = "--json", description = "print the receipt as JSON instead of the summary")
    private boolean json;

    ResidentReceiptCommand(Map<String, String> environment) {
        super(environment);
    }

    @Override
    int call(ResidentClient client, PrintWriter stdout, PrintWriter err) {
        ResidentReceipt signed = client.receipt(consentId);
        if (json) {
            stdout.println(JSON.writeValueAsString(signed.receipt()));
        } else {
            print(signed.receipt(), stdout);
        }
        if (out != null) {
            LocalFiles.writeText("receipt file", out, signed.jws() + "\n");
            if (!json) {
                stdout.println("receipt: saved to " + out);
            }
        }
        return ExitCodes.OK;
    }

    private static void print(ConsentReceipt receipt, PrintWriter out) {
        out.println("consent: " + receipt.recordId() + " (" + receipt.schema() + ")");
        out.println("status: " + receipt.status());
        out.println("controller: " + party(receipt.controller()));
        out.println("recipient: " + party(receipt.recipient()));
        for (ConsentReceipt.Purpose purpose : receipt.purposes()) {
            out.println("purpose: " + purpose.purpose() + " (" + purpose.documentType() + ")");
            if (purpose.dataCategories() != null) {
                out.println("  data: " + String.join(", ", purpose.dataCategories()));
                out.println("  processing: " + purpose.processing());
                out.println("  retention: " + purpose.retention());
            }
        }
        out.println("collection: " + receipt.collectionMethod()
                + (receipt.residentKey() == null ? "" : " with resident key " + receipt.residentKey()));
        if (receipt.withdrawal() != null) {
            out.println("withdrawal: " + receipt.withdrawal());
            out.println("language: " + receipt.language());
        }
        out.println("valid: from " + receipt.validFrom() + " until " + receipt.validUntil());
        out.println("events: " + receipt.events().stream().map(e -> e.type() + " at " + e.at())
                .collect(Collectors.joining(", ")));
        out.println("commitment: " + receipt.commitment() + (receipt.transaction() == null ? ""
                : " (chain " + receipt.chainId() + ", registry " + receipt.registry() + ", transaction "
                + receipt.transaction() + ")"));
        out.println("signed by: " + receipt.node() + " at " + receipt.issuedAt());
        out.println("signature: valid");
    }

    private static String party(ConsentReceipt.Party party) {
        if (party == null) {
            return "-";
        }
        StringBuilder line = new StringBuilder(party.id());
        if (party.name() != null) {
            line.append(", ").append(party.name());
        }
        if (party.contact() != null) {
            line.append(", ").append(party.contact());
        }
        return line.append(" (").append(party.jurisdiction()).append(")").toString();
    }
}
