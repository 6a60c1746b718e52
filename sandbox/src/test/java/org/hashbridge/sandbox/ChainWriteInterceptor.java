package org.hashbridge.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.web3j.crypto.Hash;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/**
 * The chain as one node sees it: a JSON-RPC proxy in front of the real chain, through which that node
 * sends everything. Armed with a {@link Point} and the registry functions to stop, it lets each of those
 * writes go as far as the point and then answers nothing more, holding the node's call open, so that the
 * test can kill the node process right there. Every other call passes through unchanged.
 */
final class ChainWriteInterceptor implements AutoCloseable {

    /** Where a write of the node is held. */
    enum Point {
        /** the node has stored its outbox step and is sending the transaction, which never reaches the chain. */
        BEFORE_SEND,
        /** the transaction reached the chain's pool; the node is not told so. Unmined while the chain does not mine. */
        AFTER_SEND,
        /** the transaction is mined, and the node is waiting for the receipt that says so; it never gets it. */
        AFTER_MINED
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI chain;
    private final Map<String, String> functionBySelector;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Set<String> armed = ConcurrentHashMap.newKeySet();
    private final Map<String, String> sentFunctionByTransaction = new ConcurrentHashMap<>();
    private final BlockingQueue<String> held = new LinkedBlockingQueue<>();
    private final Set<String> forwarded = ConcurrentHashMap.newKeySet();
    private volatile Point point;
    private volatile CountDownLatch gate = new CountDownLatch(1);

    private ChainWriteInterceptor(URI chain, Map<String, String> functionBySelector) throws IOException {
        this.chain = chain;
        this.functionBySelector = functionBySelector;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @param abi the registry's compiled ABI, to name the function each transaction calls */
    static ChainWriteInterceptor start(String chainRpcUrl, Path abi) {
        try {
            return new ChainWriteInterceptor(URI.create(chainRpcUrl), selectors(Files.readString(abi)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the interceptor", e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on, the next write of each of {@code functions} is held at {@code at}. */
    void arm(Point at, List<String> functions) {
        point = at;
        armed.clear();
        armed.addAll(functions);
        forwarded.clear();
    }

    /** No write is held any more; every call passes through. */
    void disarm() {
        armed.clear();
    }

    /**
     * Waits until a transaction calling each of {@code functions} has reached the chain (since {@link #arm}).
     *
     * @throws AssertionError when one has not in time
     */
    void awaitForwarded(List<String> functions, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!forwarded.containsAll(functions)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not sent to the chain within " + timeout.toSeconds() + " s: "
                        + functions.stream().filter(f -> !forwarded.contains(f)).toList());
            }
            Journeys.pause(Duration.ofMillis(100));
        }
    }

    /**
     * Waits for the next write held.
     *
     * @return the registry function it calls
     * @throws AssertionError when no write is held in time
     */
    String awaitHeld(Duration timeout) {
        try {
            String function = held.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (function == null) {
                throw new AssertionError("no write reached " + point + " within " + timeout.toSeconds() + " s; still armed: " + armed);
            }
            return function;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Lets the calls held so far end (their node is gone by then): they are answered with an error. */
    void releaseHeld() {
        CountDownLatch open = gate;
        gate = new CountDownLatch(1);
        open.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode call = Api.JSON.readTree(body);
            String method = call.path("method").asString("");
            String function = method.equals("eth_sendRawTransaction") ? functionOf(call.path("params").path(0).asString()) : null;
            if (point == Point.BEFORE_SEND && function != null && armed.remove(function)) {
                hold(exchange, function);
                return;
            }
            HttpResponse<byte[]> answer = forward(body);
            if (function != null) {
                forwarded.add(function);
            }
            if (function != null && point != Point.BEFORE_SEND && armed.contains(function)) {
                JsonNode sent = Api.JSON.readTree(answer.body());
                if (point == Point.AFTER_SEND && armed.remove(function)) {
                    hold(exchange, function);
                    return;
                }
                if (sent.path("result").isString()) {
                    sentFunctionByTransaction.put(sent.path("result").asString().toLowerCase(java.util.Locale.ROOT), function);
                }
            }
            if (method.equals("eth_getTransactionReceipt") && point == Point.AFTER_MINED
                    && Api.JSON.readTree(answer.body()).path("result").isObject()) {
                String mined = sentFunctionByTransaction.get(call.path("params").path(0).asString().toLowerCase(java.util.Locale.ROOT));
                if (mined != null && armed.remove(mined)) {
                    hold(exchange, mined);
                    return;
                }
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
            exchange.getResponseBody().write(answer.body());
        }
    }

    private void hold(HttpExchange exchange, String function) throws IOException {
        CountDownLatch until = gate;
        held.add(function);
        try {
            until.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.sendResponseHeaders(502, -1);
    }

    private HttpResponse<byte[]> forward(byte[] body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(chain).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The registry function a signed transaction calls, or null for anything else (a deployment, say). */
    private String functionOf(String signedTransaction) {
        String data = Numeric.cleanHexPrefix(TransactionDecoder.decode(signedTransaction).getData());
        return data.length() < 8 ? null : functionBySelector.get(data.substring(0, 8).toLowerCase(java.util.Locale.ROOT));
    }

    /** Each function of an ABI by its 4-byte selector (hex, no prefix). */
    private static Map<String, String> selectors(String abi) {
        Map<String, String> byName = new HashMap<>();
        for (JsonNode entry : Api.JSON.readTree(abi)) {
            if (entry.path("type").asString().equals("function")) {
                String signature = entry.path("name").asString() + "(" + types(entry.path("inputs")) + ")";
                byName.put(Numeric.cleanHexPrefix(Hash.sha3String(signature)).substring(0, 8), entry.path("name").asString());
            }
        }
        return Map.copyOf(byName);
    }

    private static String types(JsonNode parameters) {
        return java.util.stream.StreamSupport.stream(parameters.spliterator(), false).map(p -> {
            String type = p.path("type").asString();
            return type.startsWith("tuple") ? "(" + types(p.path("components")) + ")" + type.substring(5) : type;
        }).collect(Collectors.joining(","));
    }

    @Override
    public void close() {
        armed.clear();
        gate.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
