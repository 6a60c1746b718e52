package org.hashbridge.node.institution;

import java.time.Clock;
import org.hashbridge.node.OperatorAction;
import org.hashbridge.node.config.NodeKeys;
import org.hashbridge.protocol.SubjectId;
import org.hashbridge.protocol.SubjectReference;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Residents who may grant consent on this node, each with one credential the node generates and shows once. The
 * audit trail names a resident by its subject reference (the node's keyed pseudonym), never by its identifier.
 */
@Service
public class ResidentCredentials {

    private final ResidentRepository residents;
    private final InstitutionDirectory directory;
    private final NodeKeys keys;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ResidentCredentials(ResidentRepository residents, InstitutionDirectory directory, NodeKeys keys,
                        TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
        this.residents = residents;
        this.directory = directory;
        this.keys = keys;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A new resident and its credential, shown once.
     *
     * @throws InstitutionRefused {@code RESIDENT_EXISTS}
     */
    public IssuedSecret provision(SubjectId subject) {
        String secret = Secrets.newSecret(Secrets.CREDENTIAL_PREFIX);
        try {
            transactions.executeWithoutResult(s -> {
                if (residents.existsById(subject.value())) {
                    throw InstitutionRefused.residentExists();
                }
                store(subject, Secrets.hash(secret));
            });
        } catch (DataIntegrityViolationException concurrent) {
            throw InstitutionRefused.residentExists();
        }
        return new IssuedSecret(subject.value(), null, secret);
    }

    /**
     * A new credential for a resident, shown once; the old one stops working at once on this node.
     *
     * @throws InstitutionRefused {@code UNKNOWN_RESIDENT}
     */
    public IssuedSecret rotate(SubjectId subject) {
        String secret = Secrets.newSecret(Secrets.CREDENTIAL_PREFIX);
        transactions.executeWithoutResult(s -> rotate(residents.findById(subject.value())
                .orElseThrow(InstitutionRefused::unknownResident), Secrets.hash(secret)));
        directory.forget(subject.value());
        return new IssuedSecret(subject.value(), null, secret);
    }

    /** The provisioning file's entry: a new resident, or an existing one's credential replaced by the listed one. */
    void provision(SubjectId subject, String credentialHash) {
        transactions.executeWithoutResult(s -> residents.findById(subject.value()).ifPresentOrElse(
                existing -> {
                    if (!existing.credentialHash().equals(credentialHash)) {
                        rotate(existing, credentialHash);
                    }
                },
                () -> store(subject, credentialHash)));
        directory.forget(subject.value());
    }

    private void store(SubjectId subject, String credentialHash) {
        residents.saveAndFlush(new Resident(subject.value(), credentialHash, clock.instant()));
        events.publishEvent(new OperatorAction("RESIDENT_PROVISIONED", pseudonym(subject), ""));
    }

    private void rotate(Resident resident, String credentialHash) {
        resident.rotateCredential(credentialHash);
        residents.saveAndFlush(resident);
        events.publishEvent(new OperatorAction("RESIDENT_CREDENTIAL_ROTATED", pseudonym(SubjectId.of(resident.subjectId())), ""));
    }

    private String pseudonym(SubjectId subject) {
        return "resident " + SubjectReference.derive(keys.subjectKey(), subject).hex();
    }
}
