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
     * How long a secret that matched someone is taken as theirs without reading the database again. A key
     * revoked or an institution suspended through this node is forgotten at once ({@link #forget}); through
     * another instance on the same database, this one takes the old key for at most this long. A secret that
     * matched nobody is never remembered: one issued a moment ago works at once.
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
        Optional<Caller> institution = institutions.findActiveByLiveKey(hash).map(i -> new Caller(i.id(), i.role()));
        return institution.isPresent() ? institution
                : residents.findByCredentialHash(hash).map(r -> new Caller(r.subjectId(), Role.RESIDENT));
    }

    /**
     * Stops taking any secret remembered as {@code callerId}'s without reading the database again: called once a
     * change that takes a key or a resident's credential away, or suspends an institution, is committed.
     */
    void forget(String callerId) {
        known.asMap().values().removeIf(caller -> caller.id().equals(callerId));
    }

    /**
     * What the node wants the chain to hold for one of its institutions.
     *
     * @param pending whether its last suspension or reactivation is still to be written on chain
     */
    record Wanted(Role role, boolean active, boolean pending) {
    }

    /** Every issuer and verifier at home on this node, active or suspended. */
    @Transactional(readOnly = true)
    Map<InstitutionId, Wanted> wantedOnChain() {
        return institutions.findAll().stream()
                .collect(Collectors.toMap(i -> new InstitutionId(i.id()), i -> new Wanted(i.role(), i.active(), i.chainPending())));
    }

    /** Records that the chain holds {@code active} for the institution, unless the operator changed it since. */
    @Transactional
    void chainReached(InstitutionId id, boolean active) {
        institutions.findById(id.value()).filter(i -> i.active() == active && i.chainPending())
                .ifPresent(institution -> {
                    institution.chainReached();
                    institutions.saveAndFlush(institution);
                });
    }

    /** True when {@code id} is an active issuer at home on this node. */
    @Transactional(readOnly = true)
    public boolean isHomeIssuer(InstitutionId id) {
        return institutions.findById(id.value()).filter(i -> i.active() && i.role() == Role.ISSUER).isPresent();
    }
}
