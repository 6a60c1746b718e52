package org.hashbridge.bank;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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

    private final NodeConnection node;

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
        this(new NodeConnection(baseUri, timeout,
                NodeConnection.checkSecret(Objects.requireNonNull(apiKey, "apiKey"), "an API key")));
    }

    private HashBridgeClient(NodeConnection node) {
        this.node = node;
    }

    /**
     * A client for the calls anyone may make ({@link #node()}, {@link #receiptKeys()}); its
     * other calls throw {@link IllegalStateException}.
     *
     * @throws IllegalArgumentException when {@code baseUri} is not an absolute http(s) URI
     */
    public static HashBridgeClient withoutApiKey(URI baseUri) {
        return new HashBridgeClient(new NodeConnection(baseUri, DEFAULT_TIMEOUT, null));
    }

    /** {@code GET /api/v1/node}: who runs the node, on which chain, with which digest algorithms. */
    public NodeInfo node() {
        HttpResponse<String> answer = node.getPublic("api/v1/node");
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
        HttpResponse<String> answer = node.post("api/v1/verifications",
                Answers.verificationRequest(digest, voucher, consentToken, requireResidentSignature));
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
        HttpResponse<String> answer = node.post("api/v1/anchors:batch", Answers.bulkRequest(items));
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
        HttpResponse<String> answer = node.get("api/v1/anchors?requestId="
                + URLEncoder.encode(requestId, StandardCharsets.UTF_8) + "&page=" + page + "&size=" + size);
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
        HttpResponse<String> answer = node.get("api/v1/anchors?anchorId=" + ids + "&size="
                + Math.max(1, Math.min(anchorIds.size(), AnchorPage.MAX_SIZE)));
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
        HttpResponse<String> answer = node.getPublic("api/v1/receipt-keys");
        return Answers.receiptKeys(answer.statusCode(), answer.body());
    }

    /** The node's base URI, ending with {@code /}. */
    public URI baseUri() {
        return node.baseUri();
    }

    @Override
    public String toString() {
        return "HashBridgeClient[" + node.baseUri() + (node.hasSecret() ? ", API key set]" : ", no API key]");
    }
}
