package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.hashbridge.protocol.DigestAlgorithm;
import tools.jackson.databind.JsonNode;

/** The steps of the cross-border story, each through the REST API as an institution or resident would take it. */
final class Journeys {

    static final String HK_RESIDENT = "HK-A1234567";
    static final String SZ_RESIDENT = "CN-440300199001011234";

    private final Sandbox sandbox;

    Journeys(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    Api as(String node, String institutionOrResident) {
        return Api.as(sandbox, node, sandbox.apiKey(institutionOrResident));
    }

    /** A credit report unique to this call, as the issuer would hand it to the resident. */
    static byte[] creditReport(String subject) {
        return ("TransUnion HK consumer credit report\nsubject: " + subject + "\nscore: 712\nissued: "
                + Instant.now() + "\nnonce: " + System.nanoTime() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] document) {
        return DigestAlgorithm.SHA_256.digest(document).hex();
    }

    /** Anchors the document at the issuer's node and waits for its voucher. */
    JsonNode anchor(String node, String issuer, String subject, byte[] document, Instant validUntil) {
        return awaitVoucher(as(node, issuer), submitAnchor(node, issuer, subject, document, validUntil));
    }

    /** Submits the document for anchoring at the issuer's node; answers its anchor id, without waiting. */
    String submitAnchor(String node, String issuer, String subject, byte[] document, Instant validUntil) {
        Api.Response accepted = as(node, issuer).post("/api/v1/anchors", Map.of("digest", sha256(document),
                "algorithm", "sha-256", "documentType", "credit-report", "subject", subject,
                "validUntil", validUntil.toString()));
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        assertThat(accepted.body().path("status").asString()).isEqualTo("PENDING");
        return accepted.body().path("anchorId").asString();
    }

    static JsonNode awaitVoucher(Api api, String anchorId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Api.Response anchor = api.get("/api/v1/anchors/" + anchorId);
            if (anchor.body().path("status").asString().equals("ANCHORED")) {
                return anchor.body().path("voucher");
            }
            pause(Duration.ofMillis(100));
        }
        throw new AssertionError("anchor " + anchorId + " was not anchored within 30 s");
    }

    /** The resident grants consent at the issuer's node; answers the whole consent. */
    JsonNode grantConsent(String node, String subject, String issuer, String verifier, Instant validUntil) {
        Api.Response granted = as(node, subject).post("/api/v1/consents", Map.of("subject", subject, "issuer", issuer,
                "verifier", verifier, "documentType", "credit-report", "purpose", "consumer loan application",
                "validUntil", validUntil.toString()));
        assertThat(granted.status()).as(granted.raw()).isEqualTo(201);
        assertThat(granted.body().path("status").asString()).isEqualTo("AUTHORISED");
        return granted.body();
    }

    Api.Response verify(String node, String verifier, byte[] document, JsonNode voucher, String token) {
        return as(node, verifier).post("/api/v1/verifications", Map.of("digest", sha256(document),
                "algorithm", "sha-256", "voucher", voucher, "consent", token));
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
