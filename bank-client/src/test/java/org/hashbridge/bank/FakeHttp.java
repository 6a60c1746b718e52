package org.hashbridge.bank;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** How the fake nodes answer: JSON, and problems as a node writes them (RFC 9457 with a stable code). */
final class FakeHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private FakeHttp() {
    }

    static ObjectNode problemOf(int status, String title, String code, String detail) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "https://hashbridge.org/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        return body;
    }

    static void answerProblem(HttpExchange exchange, ObjectNode problem) throws IOException {
        answer(exchange, problem.get("status").intValue(), "application/problem+json", problem.toString());
    }

    static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }
}
