package org.hashbridge.node.institution;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.RegistryMismatch;
import org.hashbridge.node.chain.RegistryState;
import org.hashbridge.node.config.NodeProperties;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
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
 * added later, or lost by a chain that lost its state. Reported on {@code /actuator/health} as
 * {@code registry}.
 */
@Component("registry")
class ChainRegistration implements ApplicationRunner, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ChainRegistration.class);

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

    @Scheduled(fixedDelayString = "${hashbridge.institution.registration-interval:30s}",
            initialDelayString = "${hashbridge.institution.registration-interval:30s}")
    void registerMissing() {
        try {
            requireCompatibleRegistry();
            Map<InstitutionId, Role> home = directory.homeInstitutions();
            RegistryState state = chain.finalState();
            home.forEach((id, role) -> register(state, id, role));
            health = lost.isEmpty() ? up(home.size()) : Health.outOfService()
                    .withDetail("reason", "the chain lost " + lost.size() + " of this node's institutions; registering them again")
                    .withDetail("institutionsMissing", lost.size()).build();
        } catch (ChainUnavailable e) {
            log.warn("registering institutions on chain postponed: {}", e.getMessage());
            health = Health.unknown().withDetail("reason", "the registry cannot be read: " + e.getMessage()).build();
        } catch (IllegalStateException e) {
            log.error("institutions are not registered: {}", e.getMessage());
            health = Health.down().withDetail("reason", e.getMessage()).build();
        }
    }

    private void register(RegistryState state, InstitutionId id, Role role) {
        Hash32 key = id.key();
        boolean issuer = role == Role.ISSUER;
        if (!id.namespace().equals(namespace)) {
            log.error("{} is outside this jurisdiction's namespace '{}': only the operator owning '{}' can register it",
                    id, namespace, id.namespace());
            return;
        }
        try {
            var onChain = issuer ? state.issuer(key) : state.verifier(key);
            if (onChain.isPresent()) {
                seenOnChain.add(id);
                if (lost.remove(id)) {
                    writtenAgain.incrementAndGet(); // by an earlier attempt, or another instance of this node
                }
                return;
            }
            if (seenOnChain.contains(id) && lost.add(id)) {
                log.error("{} is no longer registered on chain: the chain lost it; registering it again", id);
            }
            var write = issuer ? chain.registerIssuer(id) : chain.registerVerifier(id);
            log.info("registered {} {} on chain in block {}", role.name().toLowerCase(Locale.ROOT), id, write.blockNumber());
            seenOnChain.add(id);
            if (lost.remove(id)) {
                writtenAgain.incrementAndGet();
            }
        } catch (ChainRejected e) {
            log.error("the registry refused to register {}: {}", id, e.error());
        }
    }

    private Health up(int institutions) {
        return Health.up().withDetail("chainId", chain.chainId()).withDetail("registry", chain.registryAddress())
                .withDetail("version", REGISTRY_VERSION).withDetail("namespace", namespace)
                .withDetail("institutions", institutions).withDetail("institutionsWrittenAgain", writtenAgain.get()).build();
    }

    @Override
    public Health health() {
        return health;
    }
}
