package org.hashbridge.node.institution;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hashbridge.protocol.InstitutionId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Who is at home on this node, and who is calling. */
@Service
public class InstitutionDirectory {

    private final InstitutionRepository institutions;
    private final ResidentRepository residents;

    InstitutionDirectory(InstitutionRepository institutions, ResidentRepository residents) {
        this.institutions = institutions;
        this.residents = residents;
    }

    /** The active institution or the resident holding {@code secret}, if any. */
    @Transactional(readOnly = true)
    public Optional<Caller> authenticate(String secret) {
        String hash = Secrets.hash(secret);
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
