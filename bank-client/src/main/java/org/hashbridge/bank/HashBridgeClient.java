package org.hashbridge.bank;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.hashbridge.protocol.Digest;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.Voucher;

/**
 * A bank's connection to its home HashBridge node (REST API v1).
 *
 * <p>The client sends only a document's digest, never the document: {@link #verify(Path, DigestAlgorithm,
 * Voucher, String)} hashes the file locally and sends the digest, the voucher and the resident's consent
 * token. Immutable and thread-safe; one instance may serve a whole application.
 *
 * <p>Failures are unchecked and typed: {@link NodeProblem} when the node answered with a problem (or an
 * unreadable answer), {@link NodeUnreachable} when no answer came. Redirects are not followed, so the
 * API key is only ever sent to the configured node.
 */
public final class HashBridgeClient {

    /** How long a call may take, connecting included, unless another timeout is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final String USER_AGENT = "hashbridge-bank-client/1";

    private final URI baseUri;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * A client for {@code baseUri} (such as {@code https://sz-node.example/}) that authenticates with
     * {@code apiKey}, with the {@link #DEFAULT_TIMEOUT}.
     *
     * @throws IllegalArgumentException when {@code baseUri} is not an absolute http(s) URI, or
     *                                  {@code apiKey} is blank or contains whitespace or control characters
     * @throws NullPointerException     when an argument is null
     */
    public HashBridgeClient(URI baseUri, String apiKey) {
        this(baseUri, apiKey, DEFAULT_TIMEOUT);
    }

    /**
     * As {@link #HashBridgeClient(URI, String)}, with a timeout for each call.
     *
     * @throws IllegalArgumentException also when {@code timeout} is not positive
     */
    public HashBridgeClient(URI baseUri, String apiKey, Duration timeout) {
        this(baseUri, timeout, checkApiKey(Objects.requireNonNull(apiKey, "apiKey")));
    }

    /** {@code apiKey} is null for a client that makes only the public calls. */
    private HashBridgeClient(URI baseUri, Duration timeout, String apiKey) {
        this.baseUri = normalise(Objects.requireNonNull(baseUri, "baseUri"));
        this.apiKey = apiKey;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive");
        }
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * A client for the calls anyone may make ({@link #node()}, {@link #receiptKeys()}); its
     * {@code verify} methods throw {@link IllegalStateException}.
     *
     * @throws IllegalArgumentException when {@code baseUri} is not an absolute http(s) URI
     */
    public static HashBridgeClient withoutApiKey(URI baseUri) {
        return new HashBridgeClient(baseUri, DEFAULT_TIMEOUT, null);
    }

    /** {@code GET /api/v1/node}: who runs the node, on which chain, with which digest algorithms. */
    public NodeInfo node() {
        HttpResponse<String> answer = send(get("api/v1/node"));
        return Answers.nodeInfo(answer.statusCode(), answer.body());
    }

    /**
     * Hashes {@code document} locally with {@code algorithm}, streaming, then verifies the digest.
     * The document itself never leaves this process.
     *
     * @throws IOException when the document cannot be read (nothing has been sent then)
     * @see #verify(Digest, Voucher, String)
     */
    public VerificationResult verify(Path document, DigestAlgorithm algorithm, Voucher voucher, String consentToken)
            throws IOException {
        Objects.requireNonNull(voucher, "voucher");
        Objects.requireNonNull(consentToken, "consentToken");
        return verify(DocumentHasher.raw(algorithm).hash(document), voucher, consentToken);
    }

    /**
     * {@code POST /api/v1/verifications}: asks the node whether the document with {@code digest} is
     * the one {@code voucher} vouches for, and whether the resident's consent lets this bank check it.
     * A REJECTED verdict is an answer, not an exception.
     *
     * @param consentToken the resident's token ({@code hbc1.…}); surrounding whitespace is ignored
     * @throws NodeProblem           when the node answers with a problem (bad key, malformed input, …)
     * @throws NodeUnreachable       when the node does not answer
     * @throws IllegalStateException when this client has no API key
     */
    public VerificationResult verify(Digest digest, Voucher voucher, String consentToken) {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(voucher, "voucher");
        Objects.requireNonNull(consentToken, "consentToken");
        if (apiKey == null) {
            throw new IllegalStateException("verifications need an API key; this client has none");
        }
        HttpRequest request = builder("api/v1/verifications")
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Answers.verificationRequest(digest, voucher, consentToken)))
                .build();
        HttpResponse<String> answer = send(request);
        return Answers.verification(answer.statusCode(), answer.body());
    }

    /**
     * {@code GET /api/v1/receipt-keys}: the JWKS that verifies this node's receipts, as JSON, for
     * {@link org.hashbridge.protocol.ReceiptVerifier#of(String)}. Keep it to check receipts offline.
     *
     * @throws NodeProblem     when the node answers with a problem or with something that is not a JWKS
     * @throws NodeUnreachable when the node does not answer
     */
    public String receiptKeys() {
        HttpResponse<String> answer = send(get("api/v1/receipt-keys"));
        return Answers.receiptKeys(answer.statusCode(), answer.body());
    }

    /** The node's base URI, ending with {@code /}. */
    public URI baseUri() {
        return baseUri;
    }

    @Override
    public String toString() {
        return "HashBridgeClient[" + baseUri + (apiKey == null ? ", no API key]" : ", API key set]");
    }

    private HttpRequest get(String path) {
        return builder(path).GET().build();
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

    private static String checkApiKey(String apiKey) {
        if (apiKey.isBlank() || !apiKey.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("an API key is printable ASCII without spaces");
        }
        return apiKey;
    }
}
