package org.hashbridge.bank;

import java.util.List;
import org.hashbridge.protocol.Check;
import org.hashbridge.protocol.Digest;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.ReceiptVerifier;
import org.hashbridge.protocol.Verdict;
import org.hashbridge.protocol.Voucher;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The JSON of the node's API: request bodies out, answers in. Unknown fields in answers are ignored. */
final class Answers {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The fields of a verification answer the client relies on. */
    record VerificationAnswer(String verificationId, Verdict verdict, List<Check> checks, String receipt,
                              String verifiedAt) {
    }

    private Answers() {
    }

    static String verificationRequest(Digest digest, Voucher voucher, String consentToken) {
        ObjectNode body = JSON.createObjectNode();
        body.put("digest", digest.hex());
        body.put("algorithm", digest.algorithm().id());
        body.set("voucher", JSON.readTree(voucher.toJson()));
        body.put("consent", consentToken.strip());
        return JSON.writeValueAsString(body);
    }

    static NodeInfo nodeInfo(int status, String body) {
        return read(status, body, NodeInfo.class, "the node description");
    }

    static VerificationResult verification(int status, String body) {
        VerificationAnswer answer = read(status, body, VerificationAnswer.class, "the verification answer");
        if (answer.verificationId() == null || answer.verdict() == null || answer.receipt() == null) {
            throw NodeProblem.malformed(status, "the verification answer lacks verificationId, verdict or receipt");
        }
        return new VerificationResult(answer.verificationId(), answer.verdict(), answer.checks(), answer.receipt(),
                answer.verifiedAt(), body);
    }

    static String receiptKeys(int status, String body) {
        try {
            ReceiptVerifier.of(body);
        } catch (InvalidInput e) {
            throw NodeProblem.malformed(status, "the receipt keys are not a JWK set");
        }
        return body;
    }

    /** The problem an error answer describes; any error answer, readable or not, becomes one. */
    static NodeProblem problem(int status, String body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JacksonException e) {
            return NodeProblem.unexpected(status);
        }
        if (tree == null || !tree.isObject()) {
            return NodeProblem.unexpected(status);
        }
        return NodeProblem.of(status, text(tree, "code"), text(tree, "title"), text(tree, "detail"));
    }

    private static <T> T read(int status, String body, Class<T> type, String what) {
        try {
            T value = JSON.readValue(body, type);
            if (value == null) {
                throw NodeProblem.malformed(status, what + " is empty");
            }
            return value;
        } catch (JacksonException e) {
            throw NodeProblem.malformed(status, what + " is not the JSON the API promises");
        }
    }

    private static String text(JsonNode tree, String field) {
        JsonNode node = tree.get(field);
        return node != null && node.isString() ? node.stringValue() : null;
    }
}
