package org.hashbridge.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP calls to a node, as curl would make them. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Response(int status, String contentType, JsonNode body, String raw) {
        String code() {
            return body.path("code").asString();
        }
    }

    private final String baseUrl;
    private final String authorization;

    private Api(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    static Api as(Sandbox sandbox, String node, String secret) {
        return new Api(sandbox.nodeUrl(node), "Bearer " + secret);
    }

    /** A caller of one node instance, when a side runs more than one. */
    static Api at(String baseUrl, String secret) {
        return new Api(baseUrl, "Bearer " + secret);
    }

    /** A caller that sends this {@code Authorization} header, such as an operator's HTTP Basic credentials. */
    static Api withAuthorization(Sandbox sandbox, String node, String authorization) {
        return new Api(sandbox.nodeUrl(node), authorization);
    }

    /** A caller of the node at {@code baseUrl} that sends this {@code Authorization} header, or none when null. */
    static Api withAuthorizationAt(String baseUrl, String authorization) {
        return new Api(baseUrl, authorization);
    }

    static Api anonymous(Sandbox sandbox, String node) {
        return new Api(sandbox.nodeUrl(node), null);
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    Response delete(String path) {
        return send(request(path).DELETE());
    }

    Response post(String path, Object body) {
        return postRaw(path, "application/json", JSON.writeValueAsString(body));
    }

    Response postRaw(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private static Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode body = raw == null || raw.isBlank() ? JSON.createObjectNode() : JSON.readTree(raw);
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body, raw);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
