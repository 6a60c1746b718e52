package org.hashbridge.bank;

import static org.hashbridge.bank.Answers.JSON;
import static org.hashbridge.bank.Answers.text;
import static org.hashbridge.bank.Answers.tree;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import org.hashbridge.protocol.ConsentReceipt;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.ReceiptVerifier;
import org.hashbridge.protocol.ResidentApproval;
import org.hashbridge.protocol.ResidentKey;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON of the resident's calls: request bodies out, answers in, each answer checked as far as it can be. */
final class ResidentAnswers {

    /** A consent the node wrote for approval: what it asks the key to sign, and the token it would be part of. */
    record AwaitingApproval(String consentId, Hash32 challenge, ConsentToken token) {
    }

    /** A consent as the node shows it, with the revocation challenge the node names, if it names one. */
    record Shown(ConsentToken token, Optional<Hash32> revocationChallenge) {
    }

    private ResidentAnswers() {
    }

    static ResidentKeyState keyState(int status, String body) {
        JsonNode tree = tree(status, body, "the resident's key");
        JsonNode recovery = tree.path("pendingRecovery");
        try {
            return new ResidentKeyState(hash(status, tree, "binding").orElseThrow(() -> missing(status, "binding")),
                    hash(status, tree, "keyHash"), tree.path("nonce").asLong(),
                    recovery.isObject() ? hash(status, recovery, "keyHash") : Optional.empty(),
                    recovery.isObject() ? instant(status, recovery, "recoverableAt") : Optional.empty(),
                    tree.path("chainId").asLong(), required(status, tree, "registry"), required(status, tree, "jurisdiction"));
        } catch (IllegalArgumentException e) {
            throw NodeProblem.malformed(status, "the resident's key names no usable registry or jurisdiction");
        }
    }

    static String keyRequest(ResidentKey key, ResidentApproval proof, ResidentApproval replacement) {
        ObjectNode body = JSON.createObjectNode();
        body.set("key", JSON.readTree(key.toJson()));
        body.set("proof", JSON.readTree(proof.toJson()));
        if (replacement != null) {
            body.set("replacement", JSON.readTree(replacement.toJson()));
        }
        return JSON.writeValueAsString(body);
    }

    static KeyRegistration keyRegistration(int status, String body, Hash32 registered) {
        JsonNode tree = tree(status, body, "the key registration");
        Optional<Hash32> keyHash = hash(status, tree, "keyHash");
        if (!keyHash.equals(Optional.of(registered))) {
            throw NodeProblem.malformed(status, "the node registered another key than the one sent");
        }
        return new KeyRegistration(registered, required(status, tree, "status"));
    }

    static String consentRequest(ConsentRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("subject", request.subject());
        body.put("issuer", request.issuer());
        body.put("verifier", request.verifier());
        body.put("documentType", request.documentType());
        body.put("purpose", request.purpose());
        body.put("validUntil", request.validUntil().toString());
        putIfGiven(body, "language", request.language());
        putIfGiven(body, "recipientName", request.recipientName());
        putIfGiven(body, "recipientContact", request.recipientContact());
        if (request.dataCategories() != null) {
            request.dataCategories().forEach(body.putArray("dataCategories")::add);
        }
        putIfGiven(body, "retention", request.retention());
        return JSON.writeValueAsString(body);
    }

    static AwaitingApproval awaitingApproval(int status, String body) {
        JsonNode tree = tree(status, body, "the consent awaiting approval");
        if (!"AWAITING_APPROVAL".equals(text(tree, "status"))) {
            throw NodeProblem.unexpectedConsent(status, "it is " + text(tree, "status")
                    + ", not awaiting the resident's approval (is a key registered?)");
        }
        String challenge = required(status, tree, "challenge");
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(challenge);
        } catch (IllegalArgumentException e) {
            throw NodeProblem.malformed(status, "the challenge is not base64url");
        }
        if (bytes.length != Hash32.LENGTH) {
            throw NodeProblem.malformed(status, "the challenge is not 32 bytes");
        }
        return new AwaitingApproval(required(status, tree, "consentId"), Hash32.of(bytes), token(status, tree));
    }

    static String approvalRequest(ResidentApproval approval) {
        ObjectNode body = JSON.createObjectNode();
        body.set("approval", JSON.readTree(approval.toJson()));
        return JSON.writeValueAsString(body);
    }

    static Shown shown(int status, String body) {
        JsonNode tree = tree(status, body, "the consent");
        return new Shown(token(status, tree), hashOrBase64url(status, tree, "revocationChallenge"));
    }

    /** The consent the node answers with, whose token must be the consent of {@code commitment}. */
    static ResidentConsent consent(int status, String body, Hash32 commitment) {
        JsonNode tree = tree(status, body, "the consent");
        ConsentToken token = token(status, tree);
        if (!token.commitment().equals(commitment)) {
            throw NodeProblem.malformed(status, "the node answered with the token of another consent");
        }
        return new ResidentConsent(required(status, tree, "consentId"), required(status, tree, "status"), token, body);
    }

    /** The consent the node answers with once approved: its token carries exactly {@code approval}. */
    static ResidentConsent approved(int status, String body, ConsentToken asked, ResidentApproval approval) {
        ResidentConsent consent = consent(status, body, asked.commitment());
        if (!approval.equals(consent.token().approval())) {
            throw NodeProblem.malformed(status, "the consent token does not carry the resident's approval");
        }
        return consent;
    }

    /** The receipt of {@code consentId} the answer's {@code jws} holds, once signed by one of {@code jwks}. */
    static ResidentReceipt receipt(int status, String body, String consentId, String jwks) {
        String jws = required(status, tree(status, body, "the consent receipt"), "jws");
        ConsentReceipt receipt;
        try {
            receipt = ConsentReceipt.verify(jws, ReceiptVerifier.of(jwks));
        } catch (InvalidInput e) {
            throw NodeProblem.of(status, e.code(), "Consent receipt not valid", e.getMessage());
        }
        if (!consentId.equalsIgnoreCase(receipt.recordId())) {
            throw NodeProblem.malformed(status, "the node answered with the receipt of another consent");
        }
        return new ResidentReceipt(receipt, jws);
    }

    private static ConsentToken token(int status, JsonNode tree) {
        try {
            return ConsentToken.decode(required(status, tree, "token"));
        } catch (InvalidInput e) {
            throw NodeProblem.malformed(status, "the consent token is not valid: " + e.code());
        }
    }

    private static Optional<Hash32> hash(int status, JsonNode tree, String field) {
        String value = text(tree, field);
        try {
            return value == null ? Optional.empty() : Optional.of(Hash32.fromHex(value));
        } catch (InvalidInput e) {
            throw NodeProblem.malformed(status, field + " is not 32 bytes of hex");
        }
    }

    private static Optional<Hash32> hashOrBase64url(int status, JsonNode tree, String field) {
        String value = text(tree, field);
        if (value == null || value.length() == 64 || value.length() == 66) {
            return hash(status, tree, field);
        }
        try {
            return Optional.of(Hash32.of(Base64.getUrlDecoder().decode(value)));
        } catch (IllegalArgumentException | InvalidInput e) {
            throw NodeProblem.malformed(status, field + " is not 32 bytes of base64url");
        }
    }

    private static Optional<Instant> instant(int status, JsonNode tree, String field) {
        String value = text(tree, field);
        try {
            return value == null ? Optional.empty() : Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw NodeProblem.malformed(status, field + " is not an ISO-8601 instant");
        }
    }

    private static String required(int status, JsonNode tree, String field) {
        String value = text(tree, field);
        if (value == null || value.isBlank()) {
            throw missing(status, field);
        }
        return value;
    }

    private static NodeProblem missing(int status, String field) {
        return NodeProblem.malformed(status, "the answer lacks " + field);
    }

    private static void putIfGiven(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
