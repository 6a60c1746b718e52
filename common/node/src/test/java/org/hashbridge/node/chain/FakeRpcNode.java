package org.hashbridge.node.chain;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JSON-RPC endpoint that answers each method with a canned result or error, for failure tests. */
final class FakeRpcNode implements AutoCloseable {

    private static final Pattern METHOD = Pattern.compile("\"method\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private final HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int httpStatus = 200;

    private FakeRpcNode(HttpServer server) {
        this.server = server;
    }

    static FakeRpcNode start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeRpcNode node = new FakeRpcNode(server);
        server.createContext("/", node::answer);
        server.start();
        return node;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code method} answers {@code "result": <json>}. */
    FakeRpcNode result(String method, String json) {
        answers.put(method, "\"result\":" + json);
        return this;
    }

    /** {@code method} answers a JSON-RPC error. */
    FakeRpcNode error(String method, int code, String message, String data) {
        answers.put(method, "\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\""
                + (data == null ? "" : ",\"data\":\"" + data + "\"") + "}");
        return this;
    }

    /** {@code method} answers with the JSON-RPC error object {@code errorJson}, exactly as a node wrote it. */
    FakeRpcNode errorObject(String method, String errorJson) {
        answers.put(method, "\"error\":" + errorJson);
        return this;
    }

    /** The request bodies of {@code method} received so far, in their order. */
    List<String> requests(String method) {
        return requests.stream().filter(body -> method.equals(methodOf(body))).toList();
    }

    /** Every request answers with this HTTP status and no JSON-RPC body. */
    FakeRpcNode httpStatus(int status) {
        this.httpStatus = status;
        return this;
    }

    private void answer(HttpExchange exchange) throws IOException {
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(request);
        Matcher id = ID.matcher(request);
        String method = methodOf(request);
        String answer = method != null ? answers.get(method) : null;
        String body = "{\"jsonrpc\":\"2.0\",\"id\":" + (id.find() ? id.group(1) : "1") + ","
                + (answer != null ? answer : "\"error\":{\"code\":-32601,\"message\":\"Method not found\"}") + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(httpStatus, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String methodOf(String request) {
        Matcher method = METHOD.matcher(request);
        return method.find() ? method.group(1) : null;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
