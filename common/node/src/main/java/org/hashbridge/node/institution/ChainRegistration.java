package org.hashbridge.node.institution;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.RegistryChain;
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
 * Registers this node's issuers and verifiers on chain, in its own jurisdiction, so the other side can
 * check an issuer behind a voucher and a verifier named in a consent. Runs once before the node
 * serves, and again periodically for institutions added later or left over by a chain outage.
 */
@Component
class ChainRegistration implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ChainRegistration.class);

    private final InstitutionDirectory directory;
    private final RegistryChain chain;
    private final String jurisdiction;
    private final Set<InstitutionId> registered = ConcurrentHashMap.newKeySet();

    ChainRegistration(InstitutionDirectory directory, RegistryChain chain, NodeProperties node) {
        this.directory = directory;
        this.chain = chain;
        this.jurisdiction = node.jurisdiction();
    }

    @Override
    public void run(ApplicationArguments args) {
        registerMissing();
    }

    @Scheduled(fixedDelayString = "${hashbridge.institution.registration-interval:30s}",
            initialDelayString = "${hashbridge.institution.registration-interval:30s}")
    void registerMissing() {
        try {
            directory.homeInstitutions().forEach((id, role) -> {
                if (!registered.contains(id)) {
                    register(id, role);
                }
            });
        } catch (ChainUnavailable e) {
            log.warn("registering institutions on chain postponed: {}", e.getMessage());
        }
    }

    private void register(InstitutionId id, Role role) {
        Hash32 key = id.key();
        boolean issuer = role == Role.ISSUER;
        try {
            var onChain = issuer ? chain.finalState().issuer(key) : chain.finalState().verifier(key);
            if (onChain.isEmpty()) {
                var write = issuer ? chain.registerIssuer(key) : chain.registerVerifier(key);
                log.info("registered {} {} on chain in block {}", role.name().toLowerCase(java.util.Locale.ROOT), id, write.blockNumber());
            } else if (!onChain.get().jurisdiction().equals(jurisdiction)) {
                log.error("{} is registered on chain in {}, not {}: the other operator must release it", id,
                        onChain.get().jurisdiction(), jurisdiction);
                return;
            }
            registered.add(id);
        } catch (ChainRejected e) {
            log.error("the registry refused to register {}: {}", id, e.error());
        }
    }
}
