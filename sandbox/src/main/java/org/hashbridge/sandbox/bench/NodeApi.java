package org.hashbridge.sandbox.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One institution's or resident's HTTP/1.1 calls to one node, shared by all client threads. */
final class NodeApi {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, JsonNode body) {
        String text(String field) {
            return body.path(field).asString();
        }

        /** The status, plus the problem code when the node refused. */
        String outcome() {
            return status < 400 ? String.valueOf(status) : "HTTP " + status + " " + text("code");
        }
    }

    private final String baseUrl;
    private final String secret;

    NodeApi(String baseUrl, String secret) {
        if (!baseUrl.startsWith("http://127.0.0.1:")) {
            throw new IllegalArgumentException("the benchmark only talks to 127.0.0.1, not " + baseUrl);
        }
        this.baseUrl = baseUrl;
        this.secret = secret;
    }

    String baseUrl() {
        return baseUrl;
    }

    String secret() {
        return secret;
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply post(String path, Object body) {
        return postJson(path, JSON.writeValueAsString(body));
    }

    Reply postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder request(String path) {
        // a bulk request of 10,000 documents took over 30 s on a busy machine: only a stalled node should time out
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + secret);
    }

    private static Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            return new Reply(response.statusCode(), raw.isBlank() ? JSON.createObjectNode() : JSON.readTree(raw));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
