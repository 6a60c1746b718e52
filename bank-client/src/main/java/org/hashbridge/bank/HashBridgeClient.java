package org.hashbridge.bank;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.hashbridge.protocol.Digest;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.Voucher;

/**
 * A bank's or an issuer's connection to its home HashBridge node (REST API v1).
 *
 * <p>The client sends only a document's digest, never the document: {@link #verify(Path, DigestAlgorithm,
 * Voucher, String)} hashes the file locally and sends the digest, the voucher and the resident's consent
 * token. An issuer anchors digests in bulk ({@link #anchorAll}) and reads back their vouchers
 * ({@link #anchorsOfRequest}, {@link #anchors}). Immutable and thread-safe; one instance may serve a whole
 * application.
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
     * other calls throw {@link IllegalStateException}.
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
        return verify(digest, voucher, consentToken, false);
    }

    /**
     * {@link #verify(Digest, Voucher, String)}, and with {@code requireResidentSignature} a consent the resident did
     * not approve with their own key (collected by the home operator: {@code OPERATOR_ASSISTED}) fails its
     * {@code CONSENT} check with {@code RESIDENT_SIGNATURE_REQUIRED}, so the verdict is REJECTED.
     *
     * @throws NodeProblem           when the node answers with a problem (bad key, malformed input, …)
     * @throws NodeUnreachable       when the node does not answer
     * @throws IllegalStateException when this client has no API key
     */
    public VerificationResult verify(Digest digest, Voucher voucher, String consentToken, boolean requireResidentSignature) {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(voucher, "voucher");
        Objects.requireNonNull(consentToken, "consentToken");
        HttpResponse<String> answer = send(post("api/v1/verifications",
                Answers.verificationRequest(digest, voucher, consentToken, requireResidentSignature)));
        return Answers.verification(answer.statusCode(), answer.body());
    }

    /**
     * {@code POST /api/v1/anchors:batch}: asks the issuer's home node to anchor every item, all or none.
     * Items whose reference the node has stored already (with the same digest and metadata) answer their
     * anchor as it is: sending the same items again creates nothing.
     *
     * @param items 1 to the node's limit (10,000 unless its operator set another; a larger request is refused
     *              with {@code TOO_MANY_ITEMS}, whose {@link NodeProblem#maxItems()} says the limit)
     * @throws NodeProblem           when the node refuses the request; for refused items, {@link NodeProblem#errors()}
     *                               names each one (nothing was stored then)
     * @throws NodeUnreachable       when the node does not answer
     * @throws IllegalStateException when this client has no API key
     */
    public BulkAnchoring anchorAll(List<AnchorItem> items) {
        Objects.requireNonNull(items, "items");
        HttpResponse<String> answer = send(post("api/v1/anchors:batch", Answers.bulkRequest(items)));
        return Answers.bulkAnchoring(answer.statusCode(), answer.body());
    }

    /**
     * {@code GET /api/v1/anchors?requestId=…}: one page of the anchors of a bulk request, in its order, each
     * with its voucher once anchored.
     *
     * @param size 1 to {@value AnchorPage#MAX_SIZE}
     * @throws NodeProblem     {@code ANCHOR_REQUEST_NOT_FOUND}, {@code INVALID_PAGE}, …
     * @throws NodeUnreachable when the node does not answer
     */
    public AnchorPage anchorsOfRequest(String requestId, int page, int size) {
        Objects.requireNonNull(requestId, "requestId");
        HttpResponse<String> answer = send(authorised(builder("api/v1/anchors?requestId="
                + URLEncoder.encode(requestId, StandardCharsets.UTF_8) + "&page=" + page + "&size=" + size)).GET().build());
        return Answers.anchorPage(answer.statusCode(), answer.body());
    }

    /**
     * {@code GET /api/v1/anchors?anchorId=…}: these anchors, in this order, each with its voucher once anchored.
     *
     * @param anchorIds 1 to 100 ids of this issuer's anchors
     * @throws NodeProblem     {@code ANCHOR_NOT_FOUND} for an id that is not one, {@code INVALID_QUERY}, …
     * @throws NodeUnreachable when the node does not answer
     */
    public AnchorPage anchors(List<String> anchorIds) {
        Objects.requireNonNull(anchorIds, "anchorIds");
        String ids = String.join(",", anchorIds.stream().map(id -> URLEncoder.encode(id, StandardCharsets.UTF_8)).toList());
        HttpResponse<String> answer = send(authorised(builder("api/v1/anchors?anchorId=" + ids + "&size="
                + Math.max(1, Math.min(anchorIds.size(), AnchorPage.MAX_SIZE)))).GET().build());
        return Answers.anchorPage(answer.statusCode(), answer.body());
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

    private HttpRequest post(String path, String json) {
        return authorised(builder(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private HttpRequest.Builder authorised(HttpRequest.Builder builder) {
        if (apiKey == null) {
            throw new IllegalStateException("this call needs an API key; this client has none");
        }
        return builder.header("Authorization", "Bearer " + apiKey);
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
