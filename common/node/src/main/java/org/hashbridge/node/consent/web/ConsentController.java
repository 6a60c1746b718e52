package org.hashbridge.node.consent.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hashbridge.node.consent.Access;
import org.hashbridge.node.consent.AccessPage;
import org.hashbridge.node.consent.ConsentService;
import org.hashbridge.node.consent.ConsentStatus;
import org.hashbridge.node.consent.ConsentView;
import org.hashbridge.node.institution.Caller;
import org.hashbridge.node.web.Instants;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.FreeText;
import org.hashbridge.protocol.SubjectId;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Residents grant, read, list and revoke consent, and see who used it. */
@RestController
@RequestMapping(path = "/api/v1/consents", produces = MediaType.APPLICATION_JSON_VALUE)
class ConsentController {

    record GrantRequest(String subject, String issuer, String verifier, String documentType, String purpose,
                        String validUntil) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ConsentResponse(UUID consentId, ConsentStatus status, String issuer, String verifier, String documentType,
                           String purpose, Instant issuedAt, Instant validUntil, Instant revokedAt, boolean expired,
                           String commitment, String token, String failureReason) {

        static ConsentResponse of(ConsentView view) {
            return new ConsentResponse(view.consentId(), view.status(), view.issuer(), view.verifier(),
                    view.documentType(), view.purpose(), view.issuedAt(), view.validUntil(),
                    view.revokedAt().orElse(null), view.expired(), view.commitment(), view.token(),
                    view.failureReason().orElse(null));
        }
    }

    record AccessesResponse(UUID consentId, List<Access> accesses, int page, int size, int total) {

        static AccessesResponse of(UUID consentId, AccessPage page) {
            return new AccessesResponse(consentId, page.accesses(), page.page(), page.size(), page.total());
        }
    }

    record ConsentList(List<ConsentResponse> consents) {
    }

    private final ConsentService consents;

    ConsentController(ConsentService consents) {
        this.consents = consents;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ConsentResponse> grant(@AuthenticationPrincipal Caller resident, @RequestBody GrantRequest request) {
        var grant = new ConsentService.Grant(SubjectId.of(request.subject()).value(), request.issuer(),
                request.verifier(), request.documentType(),
                FreeText.strip(request.purpose(), ConsentRecord.MAX_PURPOSE, "INVALID_PURPOSE", "a purpose"),
                Instants.parseValidUntil(request.validUntil()));
        ConsentView view = consents.grant(resident, grant);
        URI location = URI.create("/api/v1/consents/" + view.consentId());
        // 201 once the commitment is on chain; 202 while it is still being recorded (status PENDING)
        return view.status() == ConsentStatus.AUTHORISED ? ResponseEntity.created(location).body(ConsentResponse.of(view))
                : ResponseEntity.accepted().location(location).body(ConsentResponse.of(view));
    }

    @GetMapping
    ConsentList list(@AuthenticationPrincipal Caller resident) {
        return new ConsentList(consents.list(resident).stream().map(ConsentResponse::of).toList());
    }

    @GetMapping("/{consentId}")
    ConsentResponse find(@AuthenticationPrincipal Caller resident, @PathVariable UUID consentId) {
        return ConsentResponse.of(consents.find(resident, consentId));
    }

    /** 200 once the chain has the revocation; 202 while it is still being written (status REVOKING). */
    @DeleteMapping("/{consentId}")
    ResponseEntity<ConsentResponse> revoke(@AuthenticationPrincipal Caller resident, @PathVariable UUID consentId) {
        ConsentView view = consents.revoke(resident, consentId);
        return ResponseEntity.status(view.status() == ConsentStatus.REVOKING ? 202 : 200).body(ConsentResponse.of(view));
    }

    @GetMapping("/{consentId}/accesses")
    AccessesResponse accesses(@AuthenticationPrincipal Caller resident, @PathVariable UUID consentId,
                              @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        return AccessesResponse.of(consentId, consents.accesses(resident, consentId, AccessPage.Request.parse(page, size)));
    }
}
