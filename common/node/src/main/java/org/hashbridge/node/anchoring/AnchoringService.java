package org.hashbridge.node.anchoring;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hashbridge.node.config.ChainWait;
import org.hashbridge.node.config.OutboxProperties;
import org.hashbridge.node.institution.Caller;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Shows home issuers their anchors and vouchers, one by one or a page at a time, and revokes them. Taking
 * submissions in is {@link AnchorIntake}'s, the batch anchoring {@link AnchoringWorker}'s, the revocations
 * on chain {@link AnchorRevocations}'.
 */
@Service
public class AnchoringService {

    private final AnchorRepository anchors;
    private final AnchorRequestRepository requests;
    private final AnchorRevocations revocations;
    private final OutboxProperties outbox;
    private final ChainWait wait;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AnchoringService(AnchorRepository anchors, AnchorRequestRepository requests, AnchorRevocations revocations,
                     OutboxProperties outbox, ChainWait wait, TransactionTemplate transactions, Clock clock) {
        this.anchors = anchors;
        this.requests = requests;
        this.revocations = revocations;
        this.outbox = outbox;
        this.wait = wait;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public AnchorView find(Caller issuer, UUID anchorId) {
        return AnchorView.of(owned(issuer, anchorId));
    }

    /** The issuer's anchors, oldest first. */
    @Transactional(readOnly = true)
    public AnchorPage list(Caller issuer, AnchorPage.Request page) {
        Page<AnchorSubmission> found = anchors.findByIssuer(issuer.id(),
                PageRequest.of(page.page(), page.size(), Sort.by("createdAt", "id")));
        return new AnchorPage(found.map(AnchorView::of).toList(), page.page(), page.size(), found.getTotalElements());
    }

    /**
     * The anchors {@code anchorIds} name, in that order, one page of them.
     *
     * @throws AnchoringRefused {@code ANCHOR_NOT_FOUND} naming the first id that is no anchor of this issuer
     */
    @Transactional(readOnly = true)
    public AnchorPage list(Caller issuer, List<UUID> anchorIds, AnchorPage.Request page) {
        List<UUID> wanted = anchorIds.stream().skip(page.offset()).limit(page.size()).toList();
        Map<UUID, AnchorSubmission> found = anchors.findByIssuerAndIdIn(issuer.id(), wanted).stream()
                .collect(Collectors.toMap(AnchorSubmission::id, Function.identity()));
        List<AnchorView> views = wanted.stream().map(id -> Optional.ofNullable(found.get(id))
                .orElseThrow(() -> AnchoringRefused.notFound(id))).map(AnchorView::of).toList();
        return new AnchorPage(views, page.page(), page.size(), anchorIds.size());
    }

    /**
     * One page of the anchors a bulk request named, in its order.
     *
     * @throws AnchoringRefused {@code ANCHOR_REQUEST_NOT_FOUND}
     */
    @Transactional(readOnly = true)
    public AnchorPage listRequest(Caller issuer, UUID requestId, AnchorPage.Request page) {
        AnchorRequest request = requests.findByIdAndIssuer(requestId, issuer.id())
                .orElseThrow(() -> AnchoringRefused.requestNotFound(requestId));
        List<AnchorView> views = anchors.findInRequest(requestId, page.offset(), page.size()).stream()
                .map(AnchorView::of).toList();
        return new AnchorPage(views, page.page(), page.size(), request.itemCount());
    }

    /**
     * Revokes an anchor and every other live anchor of the same digest by the same issuer: the chain sees
     * only salted leaves, so this node is where one document anchored twice is known to be one. The
     * revocations are stored first (a pending leaf outside any batch is revoked at once: it never reaches
     * the chain), then each anchored leaf's is written on chain with its inclusion proof, outside any
     * database transaction; the answer waits for them at most {@code hashbridge.outbox.answer-within}. An anchor is
     * {@link AnchorStatus#REVOKED} only once the chain has its revocation, {@link AnchorStatus#REVOKING}
     * until then (the outbox finishes it).
     *
     * @throws AnchoringRefused {@code ANCHOR_NOT_FOUND}, or {@code ANCHOR_ALREADY_REVOKED} when the anchor is
     *                          revoked or being revoked already, also by a concurrent request
     */
    public AnchorView revoke(Caller issuer, UUID anchorId, String reason) {
        List<UUID> toWrite;
        try {
            toWrite = transactions.execute(status -> requestRevocation(issuer, anchorId, reason));
        } catch (ConcurrencyFailureException e) {
            throw AnchoringRefused.alreadyRevoked(anchorId); // a concurrent revocation of the same document won
        }
        if (!toWrite.isEmpty()) {
            try {
                wait.await(() -> toWrite.stream().map(revocations::write).toList());
            } catch (ConcurrencyFailureException e) {
                // another instance completed one of them meanwhile
            }
        }
        return transactions.execute(status -> AnchorView.of(owned(issuer, anchorId)));
    }

    /** @return the copies whose revocation must now be written on chain, leased to this request */
    private List<UUID> requestRevocation(Caller issuer, UUID anchorId, String reason) {
        AnchorSubmission target = owned(issuer, anchorId);
        List<AnchorSubmission> copies = anchors.lockCopies(target.issuer(), target.algorithm(), target.digestHex());
        AnchorSubmission locked = copies.stream().filter(c -> c.id().equals(anchorId)).findFirst().orElseThrow();
        if (locked.status() == AnchorStatus.REVOKED || locked.status() == AnchorStatus.REVOKING) {
            throw AnchoringRefused.alreadyRevoked(anchorId);
        }
        Instant now = clock.instant();
        List<UUID> toWrite = new ArrayList<>();
        for (AnchorSubmission copy : copies) {
            boolean live = copy.status() == AnchorStatus.PENDING || copy.status() == AnchorStatus.ANCHORED;
            if (live && copy.requestRevocation(reason, now) && copy.voucherJson().isPresent()) {
                copy.lease(now.plus(outbox.lease()));
                toWrite.add(copy.id());
            }
        }
        return toWrite;
    }

    private AnchorSubmission owned(Caller issuer, UUID anchorId) {
        return anchors.findByIdAndIssuer(anchorId, issuer.id()).orElseThrow(() -> AnchoringRefused.notFound(anchorId));
    }
}
