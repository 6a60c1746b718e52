package org.hashbridge.bank.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hashbridge.bank.Anchor;
import org.hashbridge.bank.AnchorItem;
import org.hashbridge.bank.AnchorPage;
import org.hashbridge.bank.BulkAnchoring;
import org.hashbridge.bank.HashBridgeClient;
import org.hashbridge.bank.ItemError;
import org.hashbridge.bank.NodeProblem;
import org.hashbridge.protocol.DigestAlgorithm;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code anchor --batch FILE}: an issuer anchors a batch of documents and collects their vouchers. */
@Command(name = "anchor", mixinStandardHelpOptions = true,
        description = {"For issuers: anchors every document of a batch file at the issuer's home node, waits until "
                + "they are anchored and writes their vouchers, one JSON line per document. Files are hashed here; "
                + "only digests are sent. Running it again with the same file creates nothing: the references "
                + "answer the anchors stored before, and the vouchers are written again.",
                "The batch file is CSV with a header line: reference, documentType, subject, validUntil, and file "
                        + "(relative to the batch file) or digest; algorithm optional.",
                "The API key comes from --api-key-file, or else from the environment variable "
                        + BankCli.API_KEY_VARIABLE + "."})
final class AnchorCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long POLL_MILLIS = 1000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--node", paramLabel = "URL", required = true, converter = Converters.NodeUri.class,
            description = "the issuer's home node, such as https://hk-node.example")
    private URI node;

    @Option(names = "--batch", paramLabel = "FILE.csv", required = true, description = "the batch file")
    private Path batch;

    @Option(names = "--out", paramLabel = "VOUCHERS.jsonl", required = true,
            description = "where to write one line per document: row, reference, anchorId, status, voucher")
    private Path out;

    @Option(names = "--algorithm", paramLabel = "ALG", defaultValue = "sha-256", converter = Converters.Algorithm.class,
            description = "how files are hashed unless a row names its algorithm: sha-256 or sm3 (default: ${DEFAULT-VALUE})")
    private DigestAlgorithm algorithm;

    @Option(names = "--canonical-json", description = "hash files as the RFC 8785 canonical form of JSON documents")
    private boolean canonicalJson;

    @Option(names = "--request-size", paramLabel = "N", defaultValue = "10000",
            description = "documents per request (default: ${DEFAULT-VALUE}); a node that takes fewer says so, "
                    + "and the rest is sent in smaller requests")
    private int requestSize;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "600",
            description = "how long to wait for the documents to be anchored (default: ${DEFAULT-VALUE})")
    private long waitSeconds;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private ApiKeySource apiKey;

    private final Map<String, String> environment;

    AnchorCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The answer to one request: where its items start in the batch file. */
    private record Sent(int from, BulkAnchoring answer) {
    }

    @Override
    public Integer call() throws InterruptedException {
        if (requestSize < 1 || waitSeconds < 0) {
            throw UnusableInput.because("--request-size is at least 1 and --wait at least 0");
        }
        PrintWriter err = spec.commandLine().getErr();
        List<BatchFile.Line> lines = BatchFile.read(batch);
        Progress hashing = new Progress(err, "read", lines.size());
        List<AnchorItem> items = BatchFile.items(batch, lines, algorithm, canonicalJson, () -> hashing.advance(1));
        HashBridgeClient client = ApiKeySource.client(node, apiKey, environment);
        List<Sent> sent = submit(client, items, lines, err);
        Anchor[] anchors = await(client, sent, items.size(), err);
        write(lines, anchors);
        return summary(sent, anchors);
    }

    private List<Sent> submit(HashBridgeClient client, List<AnchorItem> items, List<BatchFile.Line> lines, PrintWriter err) {
        Progress submitted = new Progress(err, "submitted", items.size());
        List<Sent> sent = new ArrayList<>();
        int size = requestSize;
        for (int from = 0; from < items.size(); ) {
            List<AnchorItem> part = items.subList(from, Math.min(items.size(), from + size));
            try {
                sent.add(new Sent(from, client.anchorAll(part)));
            } catch (NodeProblem problem) {
                if (problem.maxItems().isPresent() && problem.maxItems().getAsInt() < part.size()) {
                    size = problem.maxItems().getAsInt();
                    continue;
                }
                for (ItemError error : problem.errors()) {
                    err.printf("row %d: %s: %s%n", lines.get(from + error.index()).row(), error.code(), error.detail());
                }
                throw problem;
            }
            from += part.size();
            submitted.set(from);
        }
        return sent;
    }

    /** The anchors, in the file's order, once none is pending or the wait is over. */
    private Anchor[] await(HashBridgeClient client, List<Sent> sent, int count, PrintWriter err) throws InterruptedException {
        Anchor[] anchors = new Anchor[count];
        for (Sent request : sent) {
            List<Anchor> answered = request.answer().anchors();
            for (int i = 0; i < answered.size(); i++) {
                anchors[request.from() + i] = answered.get(i);
            }
        }
        Progress anchored = new Progress(err, "anchored", count);
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        while (true) {
            for (Sent request : sent) {
                refresh(client, request, anchors);
            }
            long pending = Arrays.stream(anchors).filter(Anchor::isPending).count();
            anchored.set((int) (count - pending));
            if (pending == 0 || System.nanoTime() > deadline) {
                return anchors;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Reads again each page of {@code request} that still has a pending anchor. */
    private static void refresh(HashBridgeClient client, Sent request, Anchor[] anchors) {
        int size = request.answer().anchors().size();
        for (int page = 0; page * AnchorPage.MAX_SIZE < size; page++) {
            int first = request.from() + page * AnchorPage.MAX_SIZE;
            int end = Math.min(request.from() + size, first + AnchorPage.MAX_SIZE);
            if (Arrays.stream(anchors, first, end).anyMatch(Anchor::isPending)) {
                List<Anchor> fresh = client.anchorsOfRequest(request.answer().requestId(), page, AnchorPage.MAX_SIZE).anchors();
                for (int i = 0; i < fresh.size(); i++) {
                    anchors[first + i] = fresh.get(i);
                }
            }
        }
    }

    /** One JSON line per document, in the file's order; written whole or not at all. */
    private void write(List<BatchFile.Line> lines, Anchor[] anchors) {
        Path target = out.toAbsolutePath();
        try {
            Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
            try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                for (int i = 0; i < anchors.length; i++) {
                    ObjectNode line = JSON.createObjectNode();
                    line.put("row", lines.get(i).row());
                    line.put("reference", anchors[i].reference());
                    line.put("anchorId", anchors[i].anchorId());
                    line.put("status", anchors[i].status());
                    anchors[i].voucher().ifPresent(v -> line.set("voucher", JSON.readTree(v.toJson())));
                    writer.write(JSON.writeValueAsString(line));
                    writer.write('\n');
                }
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw UnusableInput.unwritable("vouchers file", out, e);
        }
    }

    /** 0 when every document is anchored; 1 when some are still pending, or revoked. */
    private int summary(List<Sent> sent, Anchor[] anchors) {
        long anchored = Arrays.stream(anchors).filter(a -> Anchor.ANCHORED.equals(a.status())).count();
        int created = sent.stream().mapToInt(s -> s.answer().created()).sum();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("anchored %d of %d documents (%d new, %d stored before); vouchers written to %s%n", anchored,
                anchors.length, created, anchors.length - created, out);
        if (anchored == anchors.length) {
            return ExitCodes.OK;
        }
        long pending = Arrays.stream(anchors).filter(Anchor::isPending).count();
        spec.commandLine().getErr().printf("%d still pending after %d s (run again later to collect them), %d revoked%n",
                pending, waitSeconds, anchors.length - anchored - pending);
        return ExitCodes.NEGATIVE;
    }
}
