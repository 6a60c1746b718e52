package org.hashbridge.bank;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The HTTP side of every client of a node: one base URI, a timeout, a bearer secret (an institution's API key or a
 * resident's credential) sent only to that node, and error answers turned into {@link NodeProblem} or
 * {@link NodeUnreachable}. Redirects are not followed, so the secret never reaches another host.
 */
final class NodeConnection {

    private static final String USER_AGENT = "hashbridge-bank-client/1";

    private final URI baseUri;
    private final String secret;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param secret null for a connection that makes only the public calls
     * @throws IllegalArgumentException when {@code baseUri} is not an absolute http(s) URI or {@code timeout} is not
     *                                  positive
     */
    NodeConnection(URI baseUri, Duration timeout, String secret) {
        this.baseUri = normalise(Objects.requireNonNull(baseUri, "baseUri"));
        this.secret = secret;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive");
        }
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * {@code secret} itself, once checked.
     *
     * @throws IllegalArgumentException when it is blank or holds white space or control characters
     */
    static String checkSecret(String secret, String what) {
        if (secret.isBlank() || !secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(what + " is printable ASCII without spaces");
        }
        return secret;
    }

    URI baseUri() {
        return baseUri;
    }

    boolean hasSecret() {
        return secret != null;
    }

    /** A GET anyone may make. */
    HttpResponse<String> getPublic(String path) {
        return send(builder(path).GET().build());
    }

    /** A GET with the secret. */
    HttpResponse<String> get(String path) {
        return send(authorised(builder(path)).GET().build());
    }

    /** A POST of a JSON body with the secret. */
    HttpResponse<String> post(String path, String json) {
        return send(authorised(builder(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpRequest.Builder authorised(HttpRequest.Builder builder) {
        if (secret == null) {
            throw new IllegalStateException("this call needs a credential; this client has none");
        }
        return builder.header("Authorization", "Bearer " + secret);
    }

    private HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(baseUri.resolve(path)).timeout(timeout)
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", USER_AGENT);
    }

    private HttpResponse<String> send(HttpRequest request) {
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw NodeUnreachable.of(baseUri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw NodeUnreachable.interrupted(baseUri, e);
        }
        if (answer.statusCode() / 100 != 2) {
            throw Answers.problem(answer.statusCode(), answer.body());
        }
        return answer;
    }

    private static URI normalise(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a node URI looks like https://host[:port][/path]");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return path.endsWith("/") ? uri : URI.create(uri + "/");
    }
}
