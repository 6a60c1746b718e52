package org.hashbridge.node.institution.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.hashbridge.node.institution.Caller;
import org.hashbridge.node.institution.ResidentKeyView;
import org.hashbridge.node.institution.ResidentKeys;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.ResidentApproval;
import org.hashbridge.protocol.ResidentKey;
import org.hashbridge.protocol.SubjectId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A resident's own key: what is bound for them on chain, a software key registered and bound (or replacing the bound
 * one with its approval), a recovery they did not ask for stopped; and the operator's recovery of a lost key. Passkeys
 * are registered through the resident page, which uses {@link ResidentKeys} directly.
 */
@RestController
class ResidentKeyController {

    private static final String OPERATOR_RECOVERY = "/api/v1/operator/residents/{subject}/key-recovery";

    /**
     * @param key         the new key, a P-256 JWK
     * @param proof       by the new key, over {@code ResidentChallenges.keyRegistration(binding, keyHash)}
     * @param replacement by the bound key, over {@code ResidentChallenges.keyReplacement(…)}; only when a key is bound
     */
    record KeyRequest(ResidentKey key, ResidentApproval proof, ResidentApproval replacement) {
    }

    record ApprovalRequest(ResidentApproval approval) {
    }

    record RecoveryRequest(ResidentKey key) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PendingRecoveryResponse(String keyHash, Instant recoverableAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RegistrationResponse(String keyHash, String how, String status, Instant requestedAt, String failureReason,
                                String transaction) {

        static RegistrationResponse of(ResidentKeyView.Registration registration) {
            return new RegistrationResponse(registration.keyHash(), registration.how(), registration.status(),
                    registration.requestedAt(), registration.failureReason().orElse(null),
                    registration.transaction().orElse(null));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PasskeyResponse(String credentialId, Instant createdAt, Instant lastUsedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record KeyResponse(String binding, String keyHash, long nonce, PendingRecoveryResponse pendingRecovery, long chainId,
                       String registry, String jurisdiction, RegistrationResponse latest, List<PasskeyResponse> passkeys) {

        static KeyResponse of(ResidentKeyView view) {
            return new KeyResponse(view.binding(), view.keyHash().orElse(null), view.nonce(),
                    view.pendingRecovery().map(r -> new PendingRecoveryResponse(r.keyHash(), r.recoverableAt())).orElse(null),
                    view.chainId(), view.registry(), view.jurisdiction(),
                    view.latest().map(RegistrationResponse::of).orElse(null),
                    view.passkeys().stream().map(p -> new PasskeyResponse(p.credentialId(), p.createdAt(),
                            p.lastUsedAt().orElse(null))).toList());
        }
    }

    /** What a key registration or a recovery step answers: the key it is about and how far its chain write got. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StatusResponse(String keyHash, String status, Instant recoverableAt, String failureReason) {

        static ResponseEntity<StatusResponse> of(ResidentKeyView view, URI location) {
            ResidentKeyView.Registration latest = view.latest().orElseThrow();
            Instant recoverableAt = view.pendingRecovery().map(ResidentKeyView.PendingRecovery::recoverableAt).orElse(null);
            StatusResponse body = new StatusResponse(latest.keyHash(), latest.status(), recoverableAt,
                    latest.failureReason().orElse(null));
            HttpStatus status = "BOUND".equals(latest.status()) ? HttpStatus.CREATED : HttpStatus.ACCEPTED;
            return ResponseEntity.status(status).location(location).body(body);
        }
    }

    private final ResidentKeys keys;

    ResidentKeyController(ResidentKeys keys) {
        this.keys = keys;
    }

    @Operation(summary = "The resident's key: binding, bound key hash, nonce, pending recovery, chain, registry, passkeys")
    @GetMapping(path = "/api/v1/residents/me/key", produces = MediaType.APPLICATION_JSON_VALUE)
    KeyResponse current(@AuthenticationPrincipal Caller resident) {
        return KeyResponse.of(keys.current(resident));
    }

    @Operation(summary = "Register a software key and bind it on chain (replacing the bound key with its approval)",
            description = "201 once bound on chain, 202 while being written. Problems: MALFORMED_APPROVAL, "
                    + "RESIDENT_KEY_MISMATCH, APPROVAL_CHALLENGE_MISMATCH, APPROVAL_SIGNATURE_INVALID, "
                    + "APPROVAL_NOT_USER_PRESENT, RESIDENT_KEY_BOUND, RESIDENT_KEY_PENDING, RESIDENT_KEY_ALREADY_BOUND, "
                    + "CHAIN_REJECTED")
    @PostMapping(path = "/api/v1/residents/me/keys", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StatusResponse> register(@AuthenticationPrincipal Caller resident, @RequestBody KeyRequest request) {
        if (request.key() == null || request.proof() == null) {
            throw InvalidInput.of("MALFORMED_APPROVAL", "key and proof are required");
        }
        ResidentKeyView view = keys.registerSoftwareKey(resident, request.key(), request.proof(), request.replacement());
        return StatusResponse.of(view, URI.create("/api/v1/residents/me/key"));
    }

    @Operation(summary = "Stop a recovery of the resident's key, with the bound key's approval",
            description = "Problems: MALFORMED_APPROVAL, NO_RECOVERY_PENDING, RESIDENT_KEY_MISMATCH, "
                    + "APPROVAL_CHALLENGE_MISMATCH, APPROVAL_SIGNATURE_INVALID, APPROVAL_NOT_USER_PRESENT")
    @PostMapping(path = "/api/v1/residents/me/key-recovery/cancellation", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    KeyResponse cancelRecovery(@AuthenticationPrincipal Caller resident, @RequestBody ApprovalRequest request) {
        if (request.approval() == null) {
            throw InvalidInput.of("MALFORMED_APPROVAL", "approval is required");
        }
        return KeyResponse.of(keys.cancelRecovery(resident, request.approval()));
    }

    @Operation(summary = "Start replacing a resident's lost key: completes after the registry's delay (7 days)",
            description = "202. Problems: INVALID_SUBJECT, MALFORMED_APPROVAL, UNKNOWN_RESIDENT, RESIDENT_KEY_NOT_BOUND, "
                    + "RECOVERY_PENDING, CHAIN_REJECTED")
    @PostMapping(path = OPERATOR_RECOVERY, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StatusResponse> startRecovery(@PathVariable String subject, @RequestBody RecoveryRequest request) {
        if (request.key() == null) {
            throw InvalidInput.of("MALFORMED_APPROVAL", "key is required");
        }
        ResidentKeyView view = keys.startRecovery(SubjectId.of(subject), request.key());
        return StatusResponse.of(view, URI.create("/api/v1/operator/residents/" + subject + "/key-recovery"));
    }

    @Operation(summary = "Complete a resident's key recovery once due",
            description = "201 once bound, 202 while being written. Problems: INVALID_SUBJECT, UNKNOWN_RESIDENT, "
                    + "NO_RECOVERY_PENDING, RECOVERY_NOT_DUE, CHAIN_REJECTED")
    @PostMapping(path = OPERATOR_RECOVERY + "/completion", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StatusResponse> completeRecovery(@PathVariable String subject) {
        ResidentKeyView view = keys.completeRecovery(SubjectId.of(subject));
        return StatusResponse.of(view, URI.create("/api/v1/operator/residents/" + subject + "/key-recovery"));
    }
}
