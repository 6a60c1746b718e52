package org.hashbridge.node.institution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.hashbridge.node.config.NodeProperties;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.SubjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the operator's onboarding file at start: institutions with the SHA-256 of their API keys, and
 * residents with the SHA-256 of their credentials. Existing entries get the listed hash (key rotation);
 * nothing is deleted. The file never holds a secret itself.
 */
@Component
class Provisioning implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(Provisioning.class);

    record ProvisioningFile(List<InstitutionEntry> institutions, List<ResidentEntry> residents) {
        ProvisioningFile {
            institutions = institutions == null ? List.of() : institutions;
            residents = residents == null ? List.of() : residents;
        }
    }

    record InstitutionEntry(String id, Role role, String apiKeySha256) {
    }

    record ResidentEntry(String subject, String credentialSha256) {
    }

    private final NodeProperties node;
    private final InstitutionRepository institutions;
    private final ResidentRepository residents;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    Provisioning(NodeProperties node, InstitutionRepository institutions, ResidentRepository residents,
                 TransactionTemplate transactions, JsonMapper json, Clock clock) {
        this.node = node;
        this.institutions = institutions;
        this.residents = residents;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        Path file = node.provisioningFile();
        if (file == null) {
            return;
        }
        ProvisioningFile content = read(file);
        transactions.executeWithoutResult(status -> {
            content.institutions().forEach(this::upsert);
            content.residents().forEach(this::upsert);
        });
        log.info("provisioned {} institutions and {} residents from {}",
                content.institutions().size(), content.residents().size(), file);
    }

    private ProvisioningFile read(Path file) {
        try {
            return json.readValue(Files.readAllBytes(file), ProvisioningFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the provisioning file " + file, e);
        }
    }

    private void upsert(InstitutionEntry entry) {
        String id = new InstitutionId(entry.id()).value();
        institutions.findById(id).ifPresentOrElse(
                existing -> existing.rotateKey(entry.apiKeySha256()),
                () -> institutions.save(new Institution(id, entry.role(), entry.apiKeySha256(), clock.instant())));
    }

    private void upsert(ResidentEntry entry) {
        String subject = SubjectId.of(entry.subject()).value();
        residents.findById(subject).ifPresentOrElse(
                existing -> existing.rotateCredential(entry.credentialSha256()),
                () -> residents.save(new Resident(subject, entry.credentialSha256(), clock.instant())));
    }
}
