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
import org.hashbridge.node.consent.SignedConsentReceipt;
import org.hashbridge.node.institution.Caller;
import org.hashbridge.node.web.Instants;
import org.hashbridge.protocol.ConsentReceipt;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.FreeText;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.ResidentApproval;
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

/**
 * Residents grant, approve with their own key, read, list and revoke consent (with their key's approval when they
 * approved it so), see who used it, and download its signed receipt.
 */
@RestController
@RequestMapping(path = "/api/v1/consents", produces = MediaType.APPLICATION_JSON_VALUE)
class ConsentController {

    /** The PIPL terms are optional: left out, they come from the node's configuration. */
    record GrantRequest(String subject, String issuer, String verifier, String documentType, String purpose,
                        String validUntil, String recipientName, String recipientContact, List<String> dataCategories,
                        String retention, String language) {
    }

    record ApprovalRequest(ResidentApproval approval) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ConsentResponse(UUID consentId, ConsentStatus status, String issuer, String verifier, String documentType,
                           String purpose, Instant issuedAt, Instant validUntil, Instant revokedAt, boolean expired,
                           String commitment, String token, String failureReason, String collection,
                           String residentKey, String challenge, Instant approvalDeadline, String revocationChallenge,
                           ConsentView.Terms terms, ResidentApproval approval, ResidentApproval revocation) {

        static ConsentResponse of(ConsentView view) {
            return new ConsentResponse(view.consentId(), view.status(), view.issuer(), view.verifier(),
                    view.documentType(), view.purpose(), view.issuedAt(), view.validUntil(),
                    view.revokedAt().orElse(null), view.expired(), view.commitment(), view.token(),
                    view.failureReason().orElse(null), view.collection(), view.residentKey().orElse(null),
                    view.challenge().orElse(null), view.approvalDeadline().orElse(null),
                    view.revocationChallenge().orElse(null), view.terms().orElse(null), view.approval().orElse(null),
                    view.revocation().orElse(null));
        }
    }

    /** The consent receipt: the ISO/IEC TS 27560 record and the node's compact JWS of it. */
    record ReceiptResponse(ConsentReceipt receipt, String jws) {
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
                Instants.parseValidUntil(request.validUntil()), request.recipientName(), request.recipientContact(),
                request.dataCategories(), request.retention(), request.language());
        return recorded(consents.grant(resident, grant));
    }

    /** 201 with the token carrying the approval once on chain; 202 while it is being recorded. */
    @PostMapping(path = "/{consentId}/approval", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ConsentResponse> approve(@AuthenticationPrincipal Caller resident, @PathVariable UUID consentId,
                                            @RequestBody ApprovalRequest request) {
        return recorded(consents.approve(resident, consentId, required(request)));
    }

    /** 200 once the chain has the revocation; 202 while it is still being written (status REVOKING). */
    @PostMapping(path = "/{consentId}/revocation", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ConsentResponse> revokeSigned(@AuthenticationPrincipal Caller resident, @PathVariable UUID consentId,
                                                 @RequestBody ApprovalRequest request) {
        return revoked(consents.revokeSigned(resident, consentId, required(request)));
    }

    @GetMapping("/{consentId}/receipt")
    ReceiptResponse receipt(@AuthenticationPrincipal Caller resident, @PathVariable UUID consentId) {
        SignedConsentReceipt signed = consents.receipt(resident, consentId);
        return new ReceiptResponse(signed.receipt(), signed.jws());
    }

    /**
     * 201 once the commitment is on chain; 202 while it is still being recorded (status PENDING) or waits for the
     * resident's approval (AWAITING_APPROVAL).
     */
    private static ResponseEntity<ConsentResponse> recorded(ConsentView view) {
        URI location = URI.create("/api/v1/consents/" + view.consentId());
        return view.status() == ConsentStatus.AUTHORISED ? ResponseEntity.created(location).body(ConsentResponse.of(view))
                : ResponseEntity.accepted().location(location).body(ConsentResponse.of(view));
    }

    private static ResponseEntity<ConsentResponse> revoked(ConsentView view) {
        return ResponseEntity.status(view.status() == ConsentStatus.REVOKING ? 202 : 200).body(ConsentResponse.of(view));
    }

    private static ResidentApproval required(ApprovalRequest request) {
        if (request == null || request.approval() == null) {
            throw InvalidInput.of("MALFORMED_APPROVAL", "approval is required");
        }
        return request.approval();
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
        return revoked(consents.revoke(resident, consentId));
    }

    @GetMapping("/{consentId}/accesses")
    AccessesResponse accesses(@AuthenticationPrincipal Caller resident, @PathVariable UUID consentId,
                              @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        return AccessesResponse.of(consentId, consents.accesses(resident, consentId, AccessPage.Request.parse(page, size)));
    }
}
