package org.hashbridge.node.institution.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hashbridge.node.institution.ApiKeyView;
import org.hashbridge.node.institution.ChainView;
import org.hashbridge.node.institution.InstitutionLifecycle;
import org.hashbridge.node.institution.InstitutionView;
import org.hashbridge.node.institution.IssuedSecret;
import org.hashbridge.node.institution.ResidentCredentials;
import org.hashbridge.node.institution.Role;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.SubjectId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's API for the institutions and residents at home on this node. A change the chain has not taken
 * yet is answered 202 with {@code pending: true}: the node has made it and brings the chain to it.
 */
@RestController
@RequestMapping(path = "/api/v1/operator", produces = MediaType.APPLICATION_JSON_VALUE)
class OperatorController {

    private static final String INSTITUTION = "/institutions/{institutionId}";

    record OnboardRequest(String id, String role) {
    }

    record ResidentRequest(String subject) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChainResponse(ChainView.State state, Long writtenInBlock, String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InstitutionResponse(String id, Role role, String status, Instant createdAt, Instant changedAt,
                               long liveApiKeys, ChainResponse chain, boolean pending) {

        static InstitutionResponse of(InstitutionView view) {
            ChainView chain = view.chain();
            return new InstitutionResponse(view.id(), view.role(), view.active() ? "ACTIVE" : "SUSPENDED",
                    view.createdAt(), view.changedAt().orElse(null), view.liveKeys(),
                    new ChainResponse(chain.state(), chain.writtenInBlock().orElse(null), chain.reason().orElse(null)),
                    view.pending());
        }
    }

    record InstitutionList(List<InstitutionResponse> institutions) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ApiKeyResponse(UUID id, Instant createdAt, Instant revokedAt) {

        static ApiKeyResponse of(ApiKeyView key) {
            return new ApiKeyResponse(key.id(), key.createdAt(), key.revokedAt().orElse(null));
        }
    }

    record ApiKeyList(List<ApiKeyResponse> apiKeys) {
    }

    /** @param secret the key itself: shown in this answer only, never again */
    record IssuedKeyResponse(UUID id, String institution, String secret) {

        static IssuedKeyResponse of(IssuedSecret issued) {
            return new IssuedKeyResponse(issued.keyId(), issued.owner(), issued.secret());
        }
    }

    record OnboardResponse(InstitutionResponse institution, IssuedKeyResponse apiKey) {
    }

    /** @param credential the resident's bearer secret: shown in this answer only, never again */
    record CredentialResponse(String subject, String credential) {

        static CredentialResponse of(IssuedSecret issued) {
            return new CredentialResponse(issued.owner(), issued.secret());
        }
    }

    private final InstitutionLifecycle lifecycle;
    private final ResidentCredentials residents;
    private final JsonMapper json;

    OperatorController(InstitutionLifecycle lifecycle, ResidentCredentials residents, JsonMapper json) {
        this.lifecycle = lifecycle;
        this.residents = residents;
        this.json = json;
    }

    @Operation(summary = "Every institution of this node, with its state on chain")
    @GetMapping("/institutions")
    InstitutionList institutions() {
        return new InstitutionList(lifecycle.list().stream().map(InstitutionResponse::of).toList());
    }

    @Operation(summary = "Onboard an issuer or a verifier of this operator's namespace; its first API key is shown once",
            description = "201, or 202 while the chain has not registered it yet. Problems: INVALID_INSTITUTION, INVALID_ROLE, "
                    + "UNKNOWN_FIELD, MALFORMED_JSON, FOREIGN_NAMESPACE, INSTITUTION_EXISTS, CHAIN_UNAVAILABLE")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = OnboardRequest.class)))
    @PostMapping(path = "/institutions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OnboardResponse> onboard(@RequestBody JsonNode body) {
        OnboardRequest request = OperatorRequests.read(json, body, OnboardRequest.class);
        InstitutionId id = new InstitutionId(request.id());
        InstitutionLifecycle.Onboarded onboarded = lifecycle.onboard(id, Role.ofInstitution(request.role()));
        InstitutionResponse institution = InstitutionResponse.of(onboarded.institution());
        return ResponseEntity.status(institution.pending() ? HttpStatus.ACCEPTED : HttpStatus.CREATED)
                .location(URI.create("/api/v1/operator/institutions/" + id.value()))
                .body(new OnboardResponse(institution, IssuedKeyResponse.of(onboarded.key())));
    }

    @Operation(summary = "One institution: the node's state and the chain's, side by side",
            description = "Problems: INVALID_INSTITUTION, UNKNOWN_INSTITUTION")
    @GetMapping(INSTITUTION)
    InstitutionResponse institution(@PathVariable String institutionId) {
        return InstitutionResponse.of(lifecycle.view(new InstitutionId(institutionId)));
    }

    @Operation(summary = "Suspend an institution: its keys stop working at once, and the registry suspends it",
            description = "200, or 202 while the chain has not taken it yet. Problems: INVALID_INSTITUTION, "
                    + "UNKNOWN_INSTITUTION, INSTITUTION_SUSPENDED")
    @PostMapping(INSTITUTION + ":suspend")
    ResponseEntity<InstitutionResponse> suspend(@PathVariable String institutionId) {
        return changed(lifecycle.suspend(new InstitutionId(institutionId)));
    }

    @Operation(summary = "Reactivate a suspended institution, on this node and on chain",
            description = "200, or 202 while the chain has not taken it yet. Problems: INVALID_INSTITUTION, "
                    + "UNKNOWN_INSTITUTION, INSTITUTION_ACTIVE")
    @PostMapping(INSTITUTION + ":reactivate")
    ResponseEntity<InstitutionResponse> reactivate(@PathVariable String institutionId) {
        return changed(lifecycle.reactivate(new InstitutionId(institutionId)));
    }

    @Operation(summary = "Issue a new API key, shown once; the institution's other keys keep working",
            description = "Problems: INVALID_INSTITUTION, UNKNOWN_INSTITUTION, TOO_MANY_API_KEYS")
    @PostMapping(INSTITUTION + "/api-keys")
    ResponseEntity<IssuedKeyResponse> issueKey(@PathVariable String institutionId) {
        IssuedSecret issued = lifecycle.issueKey(new InstitutionId(institutionId));
        return ResponseEntity.status(HttpStatus.CREATED).body(IssuedKeyResponse.of(issued));
    }

    @Operation(summary = "The institution's API keys, revoked ones included; never a secret nor its hash",
            description = "Problems: INVALID_INSTITUTION, UNKNOWN_INSTITUTION")
    @GetMapping(INSTITUTION + "/api-keys")
    ApiKeyList keys(@PathVariable String institutionId) {
        return new ApiKeyList(lifecycle.keys(new InstitutionId(institutionId)).stream().map(ApiKeyResponse::of).toList());
    }

    @Operation(summary = "Revoke an API key: refused by this node from this answer on",
            description = "Problems: INVALID_INSTITUTION, INVALID_KEY_ID, UNKNOWN_INSTITUTION, UNKNOWN_API_KEY, API_KEY_REVOKED")
    @DeleteMapping(INSTITUTION + "/api-keys/{keyId}")
    ApiKeyResponse revokeKey(@PathVariable String institutionId, @PathVariable UUID keyId) {
        return ApiKeyResponse.of(lifecycle.revokeKey(new InstitutionId(institutionId), keyId));
    }

    @Operation(summary = "Provision a resident who may grant consent here; the credential is shown once",
            description = "Problems: INVALID_SUBJECT, UNKNOWN_FIELD, MALFORMED_JSON, RESIDENT_EXISTS")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = ResidentRequest.class)))
    @PostMapping(path = "/residents", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CredentialResponse> provisionResident(@RequestBody JsonNode body) {
        SubjectId subject = SubjectId.of(OperatorRequests.read(json, body, ResidentRequest.class).subject());
        return ResponseEntity.status(HttpStatus.CREATED).body(CredentialResponse.of(residents.provision(subject)));
    }

    @Operation(summary = "A new credential for a resident, shown once; the old one stops working at once",
            description = "Problems: INVALID_SUBJECT, UNKNOWN_FIELD, MALFORMED_JSON, UNKNOWN_RESIDENT")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = ResidentRequest.class)))
    @PostMapping(path = "/residents:rotate-credential", consumes = MediaType.APPLICATION_JSON_VALUE)
    CredentialResponse rotateCredential(@RequestBody JsonNode body) {
        SubjectId subject = SubjectId.of(OperatorRequests.read(json, body, ResidentRequest.class).subject());
        return CredentialResponse.of(residents.rotate(subject));
    }

    private static ResponseEntity<InstitutionResponse> changed(InstitutionView view) {
        return ResponseEntity.status(view.pending() ? HttpStatus.ACCEPTED : HttpStatus.OK).body(InstitutionResponse.of(view));
    }
}
