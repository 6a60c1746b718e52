package org.hashbridge.node.institution;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hashbridge.protocol.InstitutionId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Who is at home on this node, and who is calling. */
@Service
public class InstitutionDirectory {

    /**
     * How long a secret that matched someone is taken as theirs without reading the database again. Secrets are
     * set by provisioning when a node starts; another instance on the same database that starts with a new key
     * for someone leaves this one taking the old key for at most this long. A secret that matched nobody is
     * never remembered: one provisioned a moment ago works at once.
     */
    static final Duration KNOWN_FOR = Duration.ofSeconds(10);

    private final InstitutionRepository institutions;
    private final ResidentRepository residents;
    private final Cache<String, Caller> known = Caffeine.newBuilder().expireAfterWrite(KNOWN_FOR).maximumSize(10_000).build();

    InstitutionDirectory(InstitutionRepository institutions, ResidentRepository residents) {
        this.institutions = institutions;
        this.residents = residents;
    }

    /**
     * The active institution or the resident holding {@code secret}, if any: read by the SHA-256 of the secret,
     * from the database or, when it matched within {@link #KNOWN_FOR}, from memory.
     *
     * @throws org.springframework.dao.DataAccessException when the database cannot be read
     */
    public Optional<Caller> authenticate(String secret) {
        String hash = Secrets.hash(secret);
        Caller caller = known.getIfPresent(hash);
        if (caller != null) {
            return Optional.of(caller);
        }
        Optional<Caller> found = lookUp(hash);
        found.ifPresent(c -> known.put(hash, c));
        return found;
    }

    private Optional<Caller> lookUp(String hash) {
        Optional<Caller> institution = institutions.findByApiKeyHash(hash)
                .filter(Institution::active)
                .map(i -> new Caller(i.id(), i.role()));
        return institution.isPresent() ? institution
                : residents.findByCredentialHash(hash).map(r -> new Caller(r.subjectId(), Role.RESIDENT));
    }

    /** True when {@code id} is an active issuer at home on this node. */
    @Transactional(readOnly = true)
    public boolean isHomeIssuer(InstitutionId id) {
        return institutions.findById(id.value()).filter(i -> i.active() && i.role() == Role.ISSUER).isPresent();
    }

    /** Every active issuer and verifier at home on this node, with its role. */
    @Transactional(readOnly = true)
    public Map<InstitutionId, Role> homeInstitutions() {
        return institutions.findAll().stream().filter(Institution::active)
                .collect(Collectors.toMap(i -> new InstitutionId(i.id()), Institution::role));
    }
}
