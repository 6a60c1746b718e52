package org.hashbridge.node.verification.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hashbridge.node.institution.Caller;
import org.hashbridge.node.verification.VerificationResult;
import org.hashbridge.node.verification.VerificationService;
import org.hashbridge.protocol.Check;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.Verdict;
import org.hashbridge.protocol.Voucher;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Banks verify a resident's document from its digest, voucher and consent token. */
@RestController
@RequestMapping(path = "/api/v1/verifications", produces = MediaType.APPLICATION_JSON_VALUE)
class VerificationController {

    /**
     * The voucher is read by the protocol's own strict reader, as a bank's client reads it.
     *
     * @param requireResidentSignature optional, false when absent: refuse a consent the resident did not sign
     */
    record VerificationRequest(String digest, String algorithm, JsonNode voucher, String consent,
                               Boolean requireResidentSignature) {

        Voucher parsedVoucher() {
            if (voucher == null || !voucher.isObject()) {
                throw InvalidInput.of("MALFORMED_VOUCHER", voucher == null ? "voucher is missing" : "voucher must be a JSON object");
            }
            return Voucher.parse(voucher.toString());
        }
    }

    record VerificationResponse(UUID verificationId, Verdict verdict, List<Check> checks, String receipt,
                                Instant verifiedAt, boolean retryable) {

        static VerificationResponse of(VerificationResult result) {
            return new VerificationResponse(result.verificationId(), result.verdict(), result.checks(), result.receipt(),
                    result.verifiedAt(), result.retryable());
        }
    }

    private final VerificationService verifications;

    VerificationController(VerificationService verifications) {
        this.verifications = verifications;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    VerificationResponse verify(@AuthenticationPrincipal Caller verifier, @RequestBody VerificationRequest request) {
        var command = new VerificationService.Request(request.digest(), request.algorithm(), request.parsedVoucher(),
                request.consent(), Boolean.TRUE.equals(request.requireResidentSignature()));
        return VerificationResponse.of(verifications.verify(verifier, command));
    }

    @GetMapping("/{verificationId}")
    VerificationResponse find(@AuthenticationPrincipal Caller verifier, @PathVariable UUID verificationId) {
        return VerificationResponse.of(verifications.find(verifier, verificationId));
    }
}
