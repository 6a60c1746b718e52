package org.hashbridge.node.institution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.hashbridge.node.database.JpaSliceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

/** Who may call a node: institutions and residents, found by the hash of their secret, each secret held once. */
@JpaSliceTest
class InstitutionRepositoryJpaTest {

    private static final Instant CREATED = Instant.parse("2026-01-05T08:00:00Z");

    @Autowired
    private InstitutionRepository institutions;
    @Autowired
    private ResidentRepository residents;

    @Test
    void aCallerIsFoundByTheHashOfItsSecretOnly() {
        institutions.save(new Institution("hk.transunion", Role.ISSUER, Secrets.hash("hbk_issuer-key"), CREATED));
        residents.saveAndFlush(new Resident("HK-A1234567", Secrets.hash("hbr_resident-credential"), CREATED));

        assertThat(institutions.findByApiKeyHash(Secrets.hash("hbk_issuer-key"))).get()
                .satisfies(found -> assertThat(found.id()).isEqualTo("hk.transunion"))
                .satisfies(found -> assertThat(found.role()).isEqualTo(Role.ISSUER));
        assertThat(institutions.findByApiKeyHash("hbk_issuer-key")).as("never the secret itself").isEmpty();
        assertThat(residents.findByCredentialHash(Secrets.hash("hbr_resident-credential"))).get()
                .extracting(Resident::subjectId).isEqualTo("HK-A1234567");
        assertThat(residents.findByCredentialHash(Secrets.hash("hbk_issuer-key"))).isEmpty();
    }

    @Test
    void twoInstitutionsNeverShareAnApiKey() {
        institutions.saveAndFlush(new Institution("hk.transunion", Role.ISSUER, Secrets.hash("hbk_shared"), CREATED));

        assertThatThrownBy(() -> institutions.saveAndFlush(
                new Institution("hk.fusion-bank", Role.VERIFIER, Secrets.hash("hbk_shared"), CREATED)))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void twoResidentsNeverShareACredential() {
        residents.saveAndFlush(new Resident("HK-A1234567", Secrets.hash("hbr_shared"), CREATED));

        assertThatThrownBy(() -> residents.saveAndFlush(new Resident("HK-Z9999999", Secrets.hash("hbr_shared"), CREATED)))
                .isInstanceOf(DataIntegrityViolationException.class);
    }
}
