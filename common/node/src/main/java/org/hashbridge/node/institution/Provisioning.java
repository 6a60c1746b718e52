package org.hashbridge.node.institution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hashbridge.node.config.NodeProperties;
import org.hashbridge.protocol.InstitutionId;
import org.hashbridge.protocol.SubjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the operator's onboarding file at start: institutions with the SHA-256 of their API keys, and
 * residents with the SHA-256 of their credentials, through the same service and rules as the operator API
 * ({@link InstitutionLifecycle#provision}, {@link ResidentCredentials#provision}), in one transaction. An existing
 * institution whose listed key is not one of its live keys gets it as its only live key (a rotation by file); a
 * listed key already live changes nothing, so keys issued through the API survive a restart; a suspension
 * stays. Nothing is deleted. The file never holds a secret itself.
 */
// a runner, not a bean's initialisation, so that the audit trail's listeners are there to record what it changes;
// it runs before ChainRegistration's, and before the node reports itself ready
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class Provisioning implements ApplicationRunner {

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
    private final InstitutionLifecycle institutions;
    private final ResidentCredentials residents;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    Provisioning(NodeProperties node, InstitutionLifecycle institutions, ResidentCredentials residents,
                 TransactionTemplate transactions, JsonMapper json) {
        this.node = node;
        this.institutions = institutions;
        this.residents = residents;
        this.transactions = transactions;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        provision();
    }

    void provision() {
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
        InstitutionId id = new InstitutionId(entry.id());
        institutions.provision(id, entry.role(), Secrets.requireHash(entry.apiKeySha256(), id.value()));
    }

    private void upsert(ResidentEntry entry) {
        residents.provision(SubjectId.of(entry.subject()), Secrets.requireHash(entry.credentialSha256(), "a resident"));
    }
}
