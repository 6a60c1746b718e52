package org.hashbridge.node.anchoring;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.config.AnchoringProperties;
import org.hashbridge.node.config.ChainWait;
import org.hashbridge.node.config.NodeKeys;
import org.hashbridge.node.config.NodeProperties;
import org.hashbridge.node.institution.Caller;
import org.hashbridge.protocol.InstitutionId;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts digests from home issuers into the anchoring outbox, one or many at a time. A submission with
 * a reference the issuer used before answers the anchor stored under it (the same id), as long as it is
 * of the same document with the same metadata; so any submission may be sent again safely. Many at once
 * are accepted or refused whole: all new anchors are stored in one database transaction, or none, with one
 * statement whatever their number, and in batches of their own when they are enough to fill them.
 */
@Service
public class AnchorIntake {

    /**
     * What a submission got: the anchors it named, in its order.
     *
     * @param requestId the bulk request naming them; empty for a single submission
     * @param created   how many of them this submission stored; the others were stored before
     */
    public record Accepted(Optional<UUID> requestId, int created, List<AnchorView> anchors) {
    }

    private final AnchorRepository anchors;
    private final AnchorRequestRepository requests;
    private final AnchorRowsInBulk rows;
    private final AnchorBatches batches;
    private final RegistryChain chain;
    private final NodeKeys keys;
    private final NodeProperties node;
    private final AnchoringProperties anchoring;
    private final ChainWait wait;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AnchorIntake(AnchorRepository anchors, AnchorRequestRepository requests, AnchorRowsInBulk rows, AnchorBatches batches,
                 RegistryChain chain, NodeKeys keys, NodeProperties node, AnchoringProperties anchoring, ChainWait wait,
                 TransactionTemplate transactions, Clock clock) {
        this.anchors = anchors;
        this.requests = requests;
        this.rows = rows;
        this.batches = batches;
        this.chain = chain;
        this.keys = keys;
        this.node = node;
        this.anchoring = anchoring;
        this.wait = wait;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * One submission; its reference is optional. Not one transaction: the registry read holds no database
     * connection, the insert is its own.
     *
     * @throws org.hashbridge.protocol.InvalidInput as {@link CheckedSubmission#of} does
     * @throws NodeException {@code ALGORITHM_NOT_ACCEPTED}, {@code VALID_UNTIL_PASSED}, {@code ISSUER_SUSPENDED},
     *                       {@code REFERENCE_CONFLICT}
     */
    public Accepted submit(Caller issuer, Submission submission) {
        CheckedSubmission checked = CheckedSubmission.of(submission, false, node, keys.subjectKey());
        List<CheckedSubmission> one = new ArrayList<>();
        one.add(checked);
        return store(issuer, one, List.of(), false, failures -> {
            throw failures.get(0).cause();
        });
    }

    /**
     * Up to {@code hashbridge.anchoring.max-bulk-items} submissions, each with a reference of its own. When
     * one is refused, all are, and nothing is stored.
     *
     * @throws AnchoringRefused {@code NO_ITEMS}, {@code TOO_MANY_ITEMS}, {@code ISSUER_SUSPENDED}, or the
     *                          refusal of every offending item ({@link AnchoringRefused#items})
     */
    public Accepted submitAll(Caller issuer, List<Submission> submissions) {
        int max = anchoring.maxBulkItems();
        if (submissions == null || submissions.isEmpty()) {
            throw AnchoringRefused.noItems(max);
        }
        if (submissions.size() > max) {
            throw AnchoringRefused.tooManyItems(submissions.size(), max);
        }
        List<CheckedSubmission> checked = new ArrayList<>(submissions.size());
        List<ItemRefused> refused = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < submissions.size(); i++) {
            CheckedSubmission item = CheckedSubmission.ofItem(i, submissions.get(i), node, keys.subjectKey(), refused);
            Integer first = item == null ? null : firstIndex.putIfAbsent(item.reference(), i);
            if (first != null) {
                refused.add(ItemRefused.of(i, item.reference(), AnchoringRefused.duplicateReference(first)));
                item = null;
            }
            checked.add(item);
        }
        return store(issuer, checked, refused, true, failures -> {
            throw AnchoringRefused.items(failures);
        });
    }

    /**
     * Stores what is new among {@code items} (null items were refused already). A concurrent submission
     * storing one of the same references first makes the insert fail; then the whole is read again once,
     * finding that anchor stored.
     */
    private Accepted store(Caller issuer, List<CheckedSubmission> items, List<ItemRefused> refused, boolean asRequest,
                           Refusal refusal) {
        try {
            return storeOnce(issuer, items, refused, asRequest, refusal);
        } catch (DataIntegrityViolationException first) {
            try {
                return storeOnce(issuer, items, refused, asRequest, refusal);
            } catch (DataIntegrityViolationException again) {
                throw new ConcurrencyFailureException("the same references were stored concurrently twice", again);
            }
        }
    }

    private Accepted storeOnce(Caller issuer, List<CheckedSubmission> items, List<ItemRefused> refusedBefore,
                               boolean asRequest, Refusal refusal) {
        Instant now = clock.instant();
        Map<String, AnchorSubmission> stored = storedUnder(issuer, items);
        List<ItemRefused> refused = new ArrayList<>(refusedBefore);
        List<AnchorSubmission> named = new ArrayList<>(items.size());
        List<AnchorSubmission> fresh = new ArrayList<>();
        InstitutionId issuerId = new InstitutionId(issuer.id());
        for (int i = 0; i < items.size(); i++) {
            CheckedSubmission item = items.get(i);
            AnchorSubmission before = item == null || item.reference() == null ? null : stored.get(item.reference());
            if (item == null) {
                named.add(null);
            } else if (before != null && !item.isAnchoredBy(before)) {
                refused.add(ItemRefused.of(i, item.reference(), AnchoringRefused.referenceConflict(item.reference())));
            } else if (before == null && !item.validUntil().isAfter(now)) {
                refused.add(ItemRefused.of(i, item.reference(), AnchoringRefused.validUntilPassed()));
            } else {
                AnchorSubmission anchor = before != null ? before : item.toAnchor(issuerId, now);
                named.add(anchor);
                if (before == null) {
                    fresh.add(anchor);
                }
            }
        }
        if (!refused.isEmpty()) {
            refused.sort(Comparator.comparingInt(ItemRefused::index));
            refusal.refuse(refused);
        }
        if (!fresh.isEmpty()) {
            // a chain too slow to answer in time leaves the question to the outbox, as a chain that is down does
            wait.await(() -> requireNotSuspended(issuer));
        }
        Optional<UUID> request = transactions.execute(status -> {
            if (asRequest && batches.formsItsOwnBatches(fresh.size())) {
                batches.formNew(issuer.id(), fresh);
            }
            rows.insert(fresh);
            return asRequest ? Optional.of(request(issuer, named, now)) : Optional.<UUID>empty();
        });
        return new Accepted(request, fresh.size(), named.stream().map(AnchorView::of).toList());
    }

    private Map<String, AnchorSubmission> storedUnder(Caller issuer, List<CheckedSubmission> items) {
        List<String> references = items.stream().filter(Objects::nonNull).map(CheckedSubmission::reference)
                .filter(Objects::nonNull).toList();
        if (references.isEmpty()) {
            return Map.of();
        }
        return transactions.execute(status -> anchors.findByIssuerAndReferenceIn(issuer.id(), references)).stream()
                .collect(Collectors.toMap(a -> a.reference().orElseThrow(), Function.identity()));
    }

    /** The request naming these anchors in this order: the one stored before when it was sent already. */
    private UUID request(Caller issuer, List<AnchorSubmission> named, Instant now) {
        List<UUID> ids = named.stream().map(AnchorSubmission::id).toList();
        return requests.findByIssuerAndFingerprint(issuer.id(), AnchorRequest.fingerprint(ids))
                .orElseGet(() -> requests.saveAndFlush(new AnchorRequest(issuer.id(), ids, now))).getId();
    }

    /**
     * The registry would refuse the batch of a suspended issuer, leaving its documents pending for ever;
     * tell the issuer now. While the chain cannot be read the submission waits in the outbox as usual.
     */
    private boolean requireNotSuspended(Caller issuer) {
        try {
            boolean suspended = chain.finalState().issuer(new InstitutionId(issuer.id()).key())
                    .map(onChain -> !onChain.active()).orElse(false);
            if (suspended) {
                throw AnchoringRefused.issuerSuspended(issuer.id());
            }
            return true;
        } catch (ChainUnavailable e) {
            return false; // anchoring is an outbox: accepted now, anchored once the chain answers
        }
    }

    /** How a submission's refused items are answered: the single one's own refusal, or all of them at once. */
    @FunctionalInterface
    private interface Refusal {
        void refuse(List<ItemRefused> refused);
    }
}
