package org.hashbridge.node.institution;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.RegistryState;
import org.hashbridge.node.config.NodeProperties;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InstitutionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Checks that the registry enforces the rules this node is built for ({@link #REGISTRY_VERSION}), then
 * registers this node's issuers and verifiers on chain, in its own jurisdiction's namespace, so the
 * other side can check an issuer behind a voucher and a verifier named in a consent. Runs once before
 * the node serves (a registry of another version stops the start), and again periodically for
 * institutions added later or left over by a chain outage.
 */
@Component
class ChainRegistration implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ChainRegistration.class);

    private final InstitutionDirectory directory;
    private final RegistryChain chain;
    private final String jurisdiction;
    /** The registry version this node's checks rely on: {@code HashBridgeRegistry.VERSION}. */
    public static final long REGISTRY_VERSION = 2;

    private final Set<InstitutionId> registered = ConcurrentHashMap.newKeySet();
    private volatile String namespace;

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
            log.warn("the registry cannot be read at start; its version is checked once it can: {}", e.getMessage());
        }
        registerMissing();
    }

    /**
     * @throws IllegalStateException when the registry has another version or admitted no namespace for
     *                               this jurisdiction: this node cannot rely on it
     */
    private void requireCompatibleRegistry() {
        if (namespace != null) {
            return;
        }
        RegistryState state = chain.finalState();
        long version = state.version();
        if (version != REGISTRY_VERSION) {
            throw new IllegalStateException("the registry at " + chain.registryAddress() + " is version " + version
                    + "; this node needs version " + REGISTRY_VERSION + " (see docs/operations.md, upgrading the registry)");
        }
        namespace = state.namespace(jurisdiction).orElseThrow(() -> new IllegalStateException(
                "governance has admitted no namespace for jurisdiction " + jurisdiction + " on the registry"));
        log.info("registry {} version {}; jurisdiction {} owns the namespace '{}'", chain.registryAddress(), version,
                jurisdiction, namespace);
    }

    @Scheduled(fixedDelayString = "${hashbridge.institution.registration-interval:30s}",
            initialDelayString = "${hashbridge.institution.registration-interval:30s}")
    void registerMissing() {
        try {
            requireCompatibleRegistry();
            directory.homeInstitutions().forEach((id, role) -> {
                if (!registered.contains(id)) {
                    register(id, role);
                }
            });
        } catch (ChainUnavailable e) {
            log.warn("registering institutions on chain postponed: {}", e.getMessage());
        } catch (IllegalStateException e) {
            log.error("institutions are not registered: {}", e.getMessage());
        }
    }

    private void register(InstitutionId id, Role role) {
        Hash32 key = id.key();
        boolean issuer = role == Role.ISSUER;
        if (!id.namespace().equals(namespace)) {
            log.error("{} is outside this jurisdiction's namespace '{}': only the operator owning '{}' can register it",
                    id, namespace, id.namespace());
            return;
        }
        try {
            var onChain = issuer ? chain.finalState().issuer(key) : chain.finalState().verifier(key);
            if (onChain.isEmpty()) {
                var write = issuer ? chain.registerIssuer(id) : chain.registerVerifier(id);
                log.info("registered {} {} on chain in block {}", role.name().toLowerCase(java.util.Locale.ROOT), id, write.blockNumber());
            }
            registered.add(id);
        } catch (ChainRejected e) {
            log.error("the registry refused to register {}: {}", id, e.error());
        }
    }
}
