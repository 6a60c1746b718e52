package org.hashbridge.node.institution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.node.chain.ChainUnavailable;
import org.springframework.dao.DataAccessException;
import org.hashbridge.node.chain.InstitutionOnChain;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.RegistryMismatch;
import org.hashbridge.node.chain.RegistryState;
import org.hashbridge.node.config.NodeProperties;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.node.OutageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Checks that the chain and the registry are the ones this node is built for (chain id, registry code of
 * {@link #REGISTRY_VERSION}, a namespace for this jurisdiction), then registers this node's issuers and
 * verifiers on chain, in its own jurisdiction's namespace, so the other side can check an issuer behind a
 * voucher and a verifier named in a consent. Runs once before the node serves (a registry of another
 * version or a chain of another id stops the start), and again periodically: every round reads every home
 * institution back from the chain and registers again those it does not hold, whether never registered,
 * added later, or lost by a chain that lost its state, and suspends or reinstates those whose state on chain is not
 * the one the operator set on this node ({@link InstitutionLifecycle}): the database holds the wanted state, the
 * chain is brought to it. Reported on {@code /actuator/health} as {@code registry}, with the institutions whose
 * state on chain is still not the wanted one as {@code institutionsPending}.
 */
@Component("registry")
class ChainRegistration implements ApplicationRunner, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ChainRegistration.class);

    private final OutageLog outage = new OutageLog(log, "registering institutions on chain");
    /** The registry version this node's checks rely on: {@code HashBridgeRegistry.VERSION}. */
    public static final long REGISTRY_VERSION = RegistryChain.REGISTRY_VERSION;

    private final InstitutionDirectory directory;
    private final RegistryChain chain;
    private final String jurisdiction;

    /** Seen on chain once: missing later means the chain lost it. */
    private final Set<InstitutionId> seenOnChain = ConcurrentHashMap.newKeySet();
    private final Set<InstitutionId> lost = ConcurrentHashMap.newKeySet();
    private final AtomicInteger writtenAgain = new AtomicInteger();
    private volatile String namespace;
    private volatile Health health = Health.unknown().withDetail("reason", "not checked yet").build();

    ChainRegistration(InstitutionDirectory directory, RegistryChain chain, NodeProperties node) {
        this.directory = directory;
        this.chain = chain;
        this.jurisdiction = node.jurisdiction();
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            requireCompatibleRegistry();
        } catch (ChainUnavailable e) {
            log.warn("the registry cannot be read at start; it is checked once it can: {}", e.getMessage());
        }
        registerMissing();
    }

    /**
     * @throws IllegalStateException when the chain id or the registry version differ, or governance admitted
     *                               no namespace for this jurisdiction: this node cannot rely on it
     */
    private void requireCompatibleRegistry() {
        chain.requireRegistry();
        if (namespace != null) {
            return;
        }
        RegistryState state = chain.finalState();
        namespace = state.namespace(jurisdiction).orElseThrow(() -> new IllegalStateException(
                "governance has admitted no namespace for jurisdiction " + jurisdiction + " on the registry"));
        log.info("registry {} version {} on chain {}; jurisdiction {} owns the namespace '{}'", chain.registryAddress(),
                REGISTRY_VERSION, chain.chainId(), jurisdiction, namespace);
    }

    /**
     * This jurisdiction's namespace on the registry ("hk" for HK), read from the chain the first time.
     *
     * @throws ChainUnavailable      when it was never read and the chain cannot be read now
     * @throws IllegalStateException when the registry is not one this node can rely on
     */
    String namespace() {
        requireCompatibleRegistry();
        return namespace;
    }

    @Scheduled(fixedDelayString = "${hashbridge.institution.registration-interval:30s}",
            initialDelayString = "${hashbridge.institution.registration-interval:30s}")
    void registerMissing() {
        try {
            requireCompatibleRegistry();
            Map<InstitutionId, InstitutionDirectory.Wanted> home = directory.wantedOnChain();
            RegistryState state = chain.finalState();
            outage.available();
            List<String> pending = new ArrayList<>();
            List<String> changedOnChain = new ArrayList<>();
            home.forEach((id, wanted) -> {
                ChainView onChain = bringToWanted(state, id, wanted);
                if (!onChain.agrees(wanted.active())) {
                    (wanted.pending() || onChain.state() == ChainView.State.NOT_REGISTERED ? pending : changedOnChain)
                            .add(id.value());
                }
            });
            health = !lost.isEmpty() ? Health.outOfService()
                    .withDetail("reason", "the chain lost " + lost.size() + " of this node's institutions; registering them again")
                    .withDetail("institutionsMissing", lost.size()).build()
                    : up(home.size(), pending, changedOnChain);
        } catch (ChainUnavailable e) {
            outage.unavailable(e.getMessage());
            health = Health.unknown().withDetail("reason", "the registry cannot be read: " + e.getMessage()).build();
        } catch (IllegalStateException e) {
            log.error("institutions are not registered: {}", e.getMessage());
            health = Health.down().withDetail("reason", e.getMessage()).build();
        }
    }

    /**
     * Brings the chain to the state the node wants for one of its institutions: registers an active one the
     * registry does not hold, and suspends or reinstates a registered one while the operator's last change is
     * {@link InstitutionDirectory.Wanted#pending() pending}; once the chain holds it, it is no longer pending. A
     * state the chain holds otherwise, not pending, was set there around this node (by its operator's own chain
     * key): it is reported, never undone. A suspended institution never registered is left unregistered: the other
     * side refuses it either way.
     *
     * @return what the chain holds now, with the registry's reason when it refused the write
     * @throws ChainUnavailable when the chain cannot be reached: nothing is known to be written
     */
    ChainView bringToWanted(RegistryState state, InstitutionId id, InstitutionDirectory.Wanted wanted) {
        boolean issuer = wanted.role() == Role.ISSUER;
        boolean active = wanted.active();
        Hash32 key = id.key();
        Optional<InstitutionOnChain> onChain = issuer ? state.issuer(key) : state.verifier(key);
        ChainView.State observed = onChain.map(i -> ChainView.of(i.active())).orElse(ChainView.State.NOT_REGISTERED);
        if (!id.namespace().equals(namespace)) {
            log.error("{} is outside this jurisdiction's namespace '{}': only the operator owning '{}' can register it",
                    id, namespace, id.namespace());
            return ChainView.notReached(observed, "ForeignNamespace");
        }
        noteSeen(id, onChain.isPresent());
        ChainView view = write(id, wanted, onChain, observed);
        if (wanted.pending() && view.agrees(active)) {
            try {
                directory.chainReached(id, active);
            } catch (DataAccessException e) {
                log.warn("could not record that the chain holds the state of {}; checked again next round", id);
            }
        }
        return view;
    }

    private ChainView write(InstitutionId id, InstitutionDirectory.Wanted wanted, Optional<InstitutionOnChain> onChain,
                            ChainView.State observed) {
        boolean issuer = wanted.role() == Role.ISSUER;
        boolean active = wanted.active();
        try {
            if (onChain.isEmpty() && active) {
                var write = issuer ? chain.registerIssuer(id) : chain.registerVerifier(id);
                log.info("registered {} {} on chain in block {}", wanted.role().name().toLowerCase(Locale.ROOT), id,
                        write.blockNumber());
                noteSeen(id, true);
                return ChainView.written(ChainView.State.ACTIVE, write.blockNumber());
            }
            if (onChain.isEmpty() || onChain.get().active() == active || !wanted.pending()) {
                return ChainView.read(observed);
            }
            var write = issuer ? chain.setIssuerActive(id.key(), active) : chain.setVerifierActive(id.key(), active);
            log.info("{} {} on chain in block {}", active ? "reinstated" : "suspended", id, write.blockNumber());
            return ChainView.written(ChainView.of(active), write.blockNumber());
        } catch (ChainRejected e) {
            log.error("the registry refused to bring {} to its wanted state: {}", id, e.error());
            return ChainView.notReached(observed, e.error());
        }
    }

    /** Seen on chain once and missing later: the chain lost it. */
    private void noteSeen(InstitutionId id, boolean present) {
        if (present) {
            seenOnChain.add(id);
            if (lost.remove(id)) {
                writtenAgain.incrementAndGet(); // by an earlier attempt, or another instance of this node
            }
        } else if (seenOnChain.contains(id) && lost.add(id)) {
            log.error("{} is no longer registered on chain: the chain lost it; registering it again", id);
        }
    }

    private Health up(int institutions, List<String> pending, List<String> changedOnChain) {
        return Health.up().withDetail("chainId", chain.chainId()).withDetail("registry", chain.registryAddress())
                .withDetail("version", REGISTRY_VERSION).withDetail("namespace", namespace)
                .withDetail("institutions", institutions).withDetail("institutionsWrittenAgain", writtenAgain.get())
                .withDetail("institutionsPending", pending)
                .withDetail("institutionsChangedOnChain", changedOnChain).build();
    }

    @Override
    public Health health() {
        return health;
    }
}
