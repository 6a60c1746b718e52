package org.hashbridge.node.anchoring.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hashbridge.node.anchoring.AnchorIntake;
import org.hashbridge.node.anchoring.AnchorPage;
import org.hashbridge.node.anchoring.AnchorStatus;
import org.hashbridge.node.anchoring.AnchorView;
import org.hashbridge.node.anchoring.AnchoringService;
import org.hashbridge.node.anchoring.Submission;
import org.hashbridge.node.institution.Caller;
import org.hashbridge.protocol.FreeText;
import org.hashbridge.protocol.InvalidInput;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/** Issuers anchor digests, one or many at a time, fetch vouchers and revoke. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class AnchorController {

    /** The {@code revocation_reason} column's length. */
    private static final int MAX_REASON = 200;
    /** As many ids as fit in a query string under the node's 8 KiB header limit, with room to spare. */
    private static final int MAX_IDS = 100;

    record AnchorRequest(String reference, String digest, String algorithm, String documentType, String subject,
                         String validUntil) {

        Submission submission() {
            return new Submission(reference, digest, algorithm, documentType, subject, validUntil);
        }
    }

    record BulkRequest(List<AnchorRequest> items) {
    }

    record RevocationRequest(String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AnchorResponse(UUID anchorId, String reference, AnchorStatus status, String documentType, Instant validUntil,
                          Instant submittedAt, Instant anchoredAt, Instant revokedAt, @JsonRawValue String voucher) {

        static AnchorResponse of(AnchorView view) {
            return new AnchorResponse(view.anchorId(), view.reference().orElse(null), view.status(), view.documentType(),
                    view.validUntil(), view.submittedAt(), view.anchoredAt().orElse(null),
                    view.revokedAt().orElse(null), view.voucherJson().orElse(null));
        }

        static List<AnchorResponse> of(List<AnchorView> views) {
            return views.stream().map(AnchorResponse::of).toList();
        }
    }

    /** @param items the anchors the request named, in its order, without their vouchers */
    record BulkResponse(UUID requestId, int created, List<AnchorResponse> items) {
    }

    record AnchorList(List<AnchorResponse> anchors, int page, int size, long total) {

        static AnchorList of(AnchorPage page) {
            return new AnchorList(AnchorResponse.of(page.anchors()), page.page(), page.size(), page.total());
        }
    }

    private final AnchorIntake intake;
    private final AnchoringService anchoring;

    AnchorController(AnchorIntake intake, AnchoringService anchoring) {
        this.intake = intake;
        this.anchoring = anchoring;
    }

    /** 202 for a new anchor; 200 for one stored before under the same reference. */
    @PostMapping(path = "/anchors", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AnchorResponse> submit(@AuthenticationPrincipal Caller issuer, @RequestBody AnchorRequest request) {
        AnchorIntake.Accepted accepted = intake.submit(issuer, request.submission());
        AnchorView view = accepted.anchors().get(0);
        return ResponseEntity.status(accepted.created() > 0 ? 202 : 200)
                .location(URI.create("/api/v1/anchors/" + view.anchorId())).body(AnchorResponse.of(view));
    }

    /** 202 when the request stored new anchors; 200 when every one was stored before (the request was sent again). */
    @PostMapping(path = "/anchors:batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BulkResponse> submitAll(@AuthenticationPrincipal Caller issuer, @RequestBody BulkRequest request) {
        List<Submission> items = request.items() == null ? null
                : request.items().stream().map(item -> item == null ? null : item.submission()).toList();
        AnchorIntake.Accepted accepted = intake.submitAll(issuer, items);
        UUID requestId = accepted.requestId().orElseThrow();
        return ResponseEntity.status(accepted.created() > 0 ? 202 : 200)
                .location(URI.create("/api/v1/anchors?requestId=" + requestId))
                .body(new BulkResponse(requestId, accepted.created(), AnchorResponse.of(accepted.anchors())));
    }

    /** The anchors of one bulk request, or those listed by id, or else all the issuer's; a page at a time. */
    @GetMapping("/anchors")
    AnchorList list(@AuthenticationPrincipal Caller issuer, @RequestParam(required = false) UUID requestId,
                    @RequestParam(required = false) List<UUID> anchorId, @RequestParam(required = false) String page,
                    @RequestParam(required = false) String size, WebRequest request) {
        AnchorPage.Request wanted = AnchorPage.Request.parse(page, size);
        if (requestId == null && request.getParameterValues("requestId") != null) { // "requestId=": no request named
            throw InvalidInput.of("INVALID_REQUEST_ID", "requestId is not well formed");
        }
        if (requestId != null && anchorId != null) {
            throw InvalidInput.of("INVALID_QUERY", "ask for one requestId or for anchorId values, not both");
        }
        if (anchorId != null && (anchorId.isEmpty() || anchorId.size() > MAX_IDS)) {
            throw InvalidInput.of("INVALID_QUERY", "anchorId lists 1 to " + MAX_IDS + " anchors");
        }
        if (anchorId != null && anchorId.contains(null)) { // an empty value in the list ("anchorId=a,")
            throw InvalidInput.of("INVALID_ANCHOR_ID", "anchorId is not well formed");
        }
        AnchorPage found = requestId != null ? anchoring.listRequest(issuer, requestId, wanted)
                : anchorId != null ? anchoring.list(issuer, anchorId, wanted) : anchoring.list(issuer, wanted);
        return AnchorList.of(found);
    }

    @GetMapping("/anchors/{anchorId}")
    AnchorResponse find(@AuthenticationPrincipal Caller issuer, @PathVariable UUID anchorId) {
        return AnchorResponse.of(anchoring.find(issuer, anchorId));
    }

    /** 200 once the chain has the revocation; 202 while it is still being written (status REVOKING). */
    @PostMapping(path = "/anchors/{anchorId}/revocation", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AnchorResponse> revoke(@AuthenticationPrincipal Caller issuer, @PathVariable UUID anchorId,
                          @RequestBody RevocationRequest request) {
        String reason = FreeText.strip(request.reason(), MAX_REASON, "INVALID_REASON", "a reason");
        AnchorView view = anchoring.revoke(issuer, anchorId, reason);
        return ResponseEntity.status(view.status() == AnchorStatus.REVOKING ? 202 : 200).body(AnchorResponse.of(view));
    }
}
