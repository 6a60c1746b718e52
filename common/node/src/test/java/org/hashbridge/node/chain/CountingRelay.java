package org.hashbridge.node.chain;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Passes JSON-RPC requests on to a real node unchanged, and counts them by method (batches included). */
final class CountingRelay implements AutoCloseable {

    private static final Pattern METHOD = Pattern.compile("\"method\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpServer server;
    private final URI node;
    private final HttpClient client = HttpClient.newHttpClient();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    private CountingRelay(HttpServer server, URI node) {
        this.server = server;
        this.node = node;
    }

    static CountingRelay to(String rpcUrl) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        CountingRelay relay = new CountingRelay(server, URI.create(rpcUrl));
        server.createContext("/", relay::relay);
        server.start();
        return relay;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many {@code method} requests were passed on so far. */
    int calls(String method) {
        AtomicInteger count = calls.get(method);
        return count == null ? 0 : count.get();
    }

    private void relay(HttpExchange exchange) throws IOException {
        byte[] request = exchange.getRequestBody().readAllBytes();
        Matcher method = METHOD.matcher(new String(request, java.nio.charset.StandardCharsets.UTF_8));
        while (method.find()) {
            calls.computeIfAbsent(method.group(1), m -> new AtomicInteger()).incrementAndGet();
        }
        byte[] answer;
        try {
            answer = client.send(HttpRequest.newBuilder(node).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
