package org.hashbridge.bank;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
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
import tools.jackson.databind.node.ArrayNode;
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

    static String verificationRequest(Digest digest, Voucher voucher, String consentToken,
                                      boolean requireResidentSignature) {
        ObjectNode body = JSON.createObjectNode();
        body.put("digest", digest.hex());
        body.put("algorithm", digest.algorithm().id());
        body.set("voucher", JSON.readTree(voucher.toJson()));
        body.put("consent", consentToken.strip());
        if (requireResidentSignature) {
            body.put("requireResidentSignature", true);
        }
        return JSON.writeValueAsString(body);
    }

    static String bulkRequest(List<AnchorItem> items) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = body.putArray("items");
        for (AnchorItem item : items) {
            ObjectNode node = array.addObject();
            node.put("reference", item.reference());
            node.put("digest", item.digest().hex());
            node.put("algorithm", item.digest().algorithm().id());
            node.put("documentType", item.documentType());
            node.put("subject", item.subject());
            node.put("validUntil", item.validUntil());
        }
        return JSON.writeValueAsString(body);
    }

    static BulkAnchoring bulkAnchoring(int status, String body) {
        JsonNode tree = tree(status, body, "the bulk anchoring answer");
        String requestId = text(tree, "requestId");
        if (requestId == null || !tree.path("items").isArray()) {
            throw NodeProblem.malformed(status, "the bulk anchoring answer lacks requestId or items");
        }
        return new BulkAnchoring(requestId, tree.path("created").asInt(), anchors(status, tree.path("items")));
    }

    static AnchorPage anchorPage(int status, String body) {
        JsonNode tree = tree(status, body, "the page of anchors");
        if (!tree.path("anchors").isArray()) {
            throw NodeProblem.malformed(status, "the page of anchors lacks anchors");
        }
        return new AnchorPage(anchors(status, tree.path("anchors")), tree.path("page").asInt(),
                tree.path("size").asInt(), tree.path("total").asLong());
    }

    private static List<Anchor> anchors(int status, JsonNode array) {
        List<Anchor> anchors = new ArrayList<>(array.size());
        for (JsonNode node : array) {
            String id = text(node, "anchorId");
            String state = text(node, "status");
            if (id == null || state == null) {
                throw NodeProblem.malformed(status, "an anchor lacks anchorId or status");
            }
            Optional<Voucher> voucher;
            try {
                voucher = node.hasNonNull("voucher") ? Optional.of(Voucher.parse(node.get("voucher").toString())) : Optional.empty();
            } catch (InvalidInput e) {
                throw NodeProblem.malformed(status, "the voucher of anchor " + id + " is not valid: " + e.code());
            }
            anchors.add(new Anchor(id, text(node, "reference"), state, voucher));
        }
        return anchors;
    }

    private static JsonNode tree(int status, String body, String what) {
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw NodeProblem.malformed(status, what + " is not a JSON object");
            }
            return tree;
        } catch (JacksonException e) {
            throw NodeProblem.malformed(status, what + " is not the JSON the API promises");
        }
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
        List<ItemError> errors = new ArrayList<>();
        for (JsonNode error : tree.path("errors")) {
            errors.add(new ItemError(error.path("index").asInt(-1), text(error, "reference"), text(error, "code"),
                    text(error, "detail")));
        }
        JsonNode max = tree.get("maxItems");
        return NodeProblem.of(status, text(tree, "code"), text(tree, "title"), text(tree, "detail"), errors,
                max != null && max.canConvertToInt() && max.isIntegralNumber() ? OptionalInt.of(max.intValue()) : OptionalInt.empty());
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
