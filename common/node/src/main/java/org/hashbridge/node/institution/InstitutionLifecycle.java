package org.hashbridge.node.institution;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.OperatorAction;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.RegistryState;
import org.hashbridge.protocol.InstitutionId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an operator does to the issuers and verifiers at home on this node: onboard, issue and revoke API keys,
 * suspend and reactivate. Each change is made in the database first, in one transaction that also publishes its
 * {@link OperatorAction}; the database then holds the state the operator wants. Once committed, a change that
 * takes something away is enforced by this node at once, and the chain is brought to the wanted state
 * ({@link ChainRegistration#bringToWanted}); when the chain cannot be reached or refuses, the answer says so
 * ({@link InstitutionView#pending()}) and {@link ChainRegistration}'s periodic round keeps trying, reported on
 * its health. So the node and the chain never disagree without it showing; a suspension made on chain around the
 * node (with the operator's own chain key) is shown beside the node's state, and left as it is.
 */
@Service
public class InstitutionLifecycle {

    /** The most live API keys an institution holds: enough for a rotation, few enough to review. */
    static final int MAX_LIVE_KEYS = 5;

    private final InstitutionRepository institutions;
    private final ApiKeyRepository keys;
    private final InstitutionDirectory directory;
    private final ChainRegistration registration;
    private final RegistryChain chain;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    InstitutionLifecycle(InstitutionRepository institutions, ApiKeyRepository keys, InstitutionDirectory directory,
                         ChainRegistration registration, RegistryChain chain, TransactionTemplate transactions,
                         ApplicationEventPublisher events, Clock clock) {
        this.institutions = institutions;
        this.keys = keys;
        this.directory = directory;
        this.registration = registration;
        this.chain = chain;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** A new institution and its first API key, shown once. */
    public record Onboarded(InstitutionView institution, IssuedSecret key) {
    }

    /** Every institution of this node, oldest first, each beside the chain's state of it. */
    public List<InstitutionView> list() {
        List<Institution> all = transactions.execute(s -> institutions.findAll().stream()
                .sorted(Comparator.comparing(Institution::createdAt).thenComparing(Institution::id)).toList());
        RegistryState state = finalStateOrNull();
        return all.stream().map(i -> view(i, read(state, i))).toList();
    }

    /** @throws InstitutionRefused {@code UNKNOWN_INSTITUTION} */
    public InstitutionView view(InstitutionId id) {
        Institution institution = transactions.execute(s -> find(id));
        return view(institution, read(finalStateOrNull(), institution));
    }

    /**
     * Stores a new issuer or verifier with a first API key, then registers it on chain.
     *
     * @throws InstitutionRefused {@code INVALID_ROLE}, {@code FOREIGN_NAMESPACE} (an id of another jurisdiction's
     *                            namespace), {@code INSTITUTION_EXISTS}
     * @throws NodeException      {@code CHAIN_UNAVAILABLE} when this jurisdiction's namespace cannot be read yet
     */
    public Onboarded onboard(InstitutionId id, Role role) {
        requireInstitutionRole(role);
        requireOwnNamespace(id);
        String secret = Secrets.newSecret(Secrets.API_KEY_PREFIX);
        ApiKey key = inTransaction(() -> {
            if (institutions.existsById(id.value())) {
                throw InstitutionRefused.exists(id.value());
            }
            return addKey(create(id, role, ""), Secrets.hash(secret));
        });
        return new Onboarded(toWantedOnChain(id), new IssuedSecret(id.value(), key.id(), secret));
    }

    /** A new API key for the institution, shown once; its other keys keep working. */
    public IssuedSecret issueKey(InstitutionId id) {
        String secret = Secrets.newSecret(Secrets.API_KEY_PREFIX);
        ApiKey key = inTransaction(() -> addKey(find(id), Secrets.hash(secret)));
        return new IssuedSecret(id.value(), key.id(), secret);
    }

    /** The institution's API keys, oldest first, revoked ones included. */
    public List<ApiKeyView> keys(InstitutionId id) {
        return transactions.execute(s -> {
            find(id);
            return keys.findByInstitutionOrderByCreatedAtAscIdAsc(id.value()).stream().map(ApiKeyView::of).toList();
        });
    }

    /**
     * Revokes one API key: refused by this node from the moment this returns.
     *
     * @throws InstitutionRefused {@code UNKNOWN_INSTITUTION}, {@code UNKNOWN_API_KEY}, {@code API_KEY_REVOKED}
     */
    public ApiKeyView revokeKey(InstitutionId id, UUID keyId) {
        ApiKeyView revoked = inTransaction(() -> {
            find(id);
            return revoke(keys.findByIdAndInstitution(keyId, id.value())
                    .orElseThrow(() -> InstitutionRefused.unknownKey(keyId)), "");
        });
        directory.forget(id.value());
        return revoked;
    }

    /** Suspends the institution on this node at once (its keys stop working), then on chain. */
    public InstitutionView suspend(InstitutionId id) {
        return setActive(id, false);
    }

    /** Lets a suspended institution act again, on this node and on chain. */
    public InstitutionView reactivate(InstitutionId id) {
        return setActive(id, true);
    }

    /** @throws InstitutionRefused {@code UNKNOWN_INSTITUTION}, {@code INSTITUTION_SUSPENDED}, {@code INSTITUTION_ACTIVE} */
    private InstitutionView setActive(InstitutionId id, boolean active) {
        inTransaction(() -> {
            Institution institution = find(id);
            if (active) {
                institution.reactivate(clock.instant());
            } else {
                institution.suspend(clock.instant());
            }
            events.publishEvent(new OperatorAction(active ? "INSTITUTION_REACTIVATED" : "INSTITUTION_SUSPENDED", id.value(), ""));
            return institutions.saveAndFlush(institution);
        });
        directory.forget(id.value());
        return toWantedOnChain(id);
    }

    /**
     * The provisioning file's entry, through the same rules as {@link #onboard}: a new institution is stored with
     * the listed key; an existing one gets the listed key as its only live key (a key rotated by file), and keeps
     * its suspension. Its chain state follows by {@link ChainRegistration}'s round, as the node starts. Joins the
     * caller's transaction.
     *
     * @throws IllegalStateException when the entry names another role than the institution has, or a revoked key
     * @throws InstitutionRefused    {@code INVALID_ROLE}, or {@code FOREIGN_NAMESPACE} once the namespace is known
     */
    void provision(InstitutionId id, Role role, String secretHash) {
        requireInstitutionRole(role);
        try {
            String namespace = registration.namespace();
            if (!id.namespace().equals(namespace)) {
                throw InstitutionRefused.foreignNamespace(id.value(), namespace);
            }
        } catch (ChainUnavailable e) {
            // the node starts while the chain is down; its round never registers a foreign id, and says so
        }
        inTransaction(() -> {
            Institution institution = institutions.findById(id.value()).orElse(null);
            if (institution == null) {
                return addKey(create(id, role, ", from the provisioning file"), secretHash);
            }
            if (institution.role() != role) {
                throw new IllegalStateException("the provisioning file lists " + id + " as " + role + ", but it is "
                        + institution.role() + " on this node");
            }
            List<ApiKey> held = keys.findByInstitutionOrderByCreatedAtAscIdAsc(id.value());
            ApiKey listed = held.stream().filter(k -> k.secretHash().equals(secretHash)).findFirst().orElse(null);
            if (listed != null && !listed.live()) {
                throw new IllegalStateException("the provisioning file lists a revoked API key of " + id);
            }
            if (listed == null) {
                held.stream().filter(ApiKey::live).forEach(old -> revoke(old, ", rotated by the provisioning file"));
                addKey(institution, secretHash);
            }
            return institution;
        });
        directory.forget(id.value());
    }

    private Institution create(InstitutionId id, Role role, String how) {
        Institution created = institutions.saveAndFlush(new Institution(id.value(), role, clock.instant()));
        events.publishEvent(new OperatorAction("INSTITUTION_ONBOARDED", created.id(), "role " + role + how));
        return created;
    }

    private ApiKeyView revoke(ApiKey key, String how) {
        key.revoke(clock.instant());
        events.publishEvent(new OperatorAction("API_KEY_REVOKED", key.institution(), "key " + key.id() + how));
        return ApiKeyView.of(keys.saveAndFlush(key));
    }

    private ApiKey addKey(Institution institution, String secretHash) {
        if (keys.countByInstitutionAndRevokedAtIsNull(institution.id()) >= MAX_LIVE_KEYS) {
            throw InstitutionRefused.tooManyKeys(institution.id(), MAX_LIVE_KEYS);
        }
        ApiKey key = keys.saveAndFlush(new ApiKey(institution.id(), secretHash, clock.instant()));
        events.publishEvent(new OperatorAction("API_KEY_ISSUED", institution.id(), "key " + key.id()));
        return key;
    }

    private Institution find(InstitutionId id) {
        return institutions.findById(id.value()).orElseThrow(() -> InstitutionRefused.unknown(id.value()));
    }

    private static void requireInstitutionRole(Role role) {
        if (role != Role.ISSUER && role != Role.VERIFIER) {
            throw InstitutionRefused.invalidRole();
        }
    }

    private void requireOwnNamespace(InstitutionId id) {
        String namespace;
        try {
            namespace = registration.namespace();
        } catch (ChainUnavailable e) {
            throw NodeException.chainUnavailable();
        }
        if (!id.namespace().equals(namespace)) {
            throw InstitutionRefused.foreignNamespace(id.value(), namespace);
        }
    }

    /** Runs {@code change} in a transaction; a concurrent insert of the same row reads as the conflict it is. */
    private <T> T inTransaction(Supplier<T> change) {
        try {
            return transactions.execute(s -> change.get());
        } catch (DataIntegrityViolationException e) {
            throw new NodeException(NodeException.Kind.CONFLICT, "CONCURRENT_CHANGE", "Concurrent change",
                    "another change to the same institution or key was made at the same time; read it again");
        }
    }

    /** Tries at once to bring the chain to the state just committed; the answer says whether it is there. */
    private InstitutionView toWantedOnChain(InstitutionId id) {
        Institution institution = transactions.execute(s -> find(id));
        ChainView onChain;
        try {
            onChain = registration.bringToWanted(chain.finalState(), id,
                    new InstitutionDirectory.Wanted(institution.role(), institution.active(), institution.chainPending()));
        } catch (ChainUnavailable e) {
            onChain = ChainView.notReached(ChainView.State.UNKNOWN, "the chain cannot be reached: " + e.getMessage());
        }
        return view(institution, onChain);
    }

    private InstitutionView view(Institution institution, ChainView onChain) {
        long live = transactions.execute(s -> keys.countByInstitutionAndRevokedAtIsNull(institution.id()));
        boolean pending = !onChain.agrees(institution.active())
                && (institution.chainPending() || institution.active() && onChain.state() != ChainView.State.SUSPENDED);
        return new InstitutionView(institution.id(), institution.role(), institution.active(), institution.createdAt(),
                institution.changedAt(), live, onChain, pending);
    }

    private RegistryState finalStateOrNull() {
        try {
            return chain.finalState();
        } catch (ChainUnavailable e) {
            return null;
        }
    }

    private static ChainView read(RegistryState state, Institution institution) {
        if (state == null) {
            return ChainView.notReached(ChainView.State.UNKNOWN, "the chain cannot be reached");
        }
        try {
            var key = new InstitutionId(institution.id()).key();
            var onChain = institution.role() == Role.ISSUER ? state.issuer(key) : state.verifier(key);
            return ChainView.read(onChain.map(i -> ChainView.of(i.active())).orElse(ChainView.State.NOT_REGISTERED));
        } catch (ChainUnavailable e) {
            return ChainView.notReached(ChainView.State.UNKNOWN, "the chain cannot be reached");
        }
    }
}
