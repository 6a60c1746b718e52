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
    private ApiKeyRepository keys;
    @Autowired
    private ResidentRepository residents;

    @Test
    void aCallerIsFoundByTheHashOfItsSecretOnly() {
        institution("hk.transunion", Role.ISSUER, "hbk_issuer-key");
        residents.saveAndFlush(new Resident("HK-A1234567", Secrets.hash("hbr_resident-credential"), CREATED));

        assertThat(institutions.findActiveByLiveKey(Secrets.hash("hbk_issuer-key"))).get()
                .satisfies(found -> assertThat(found.id()).isEqualTo("hk.transunion"))
                .satisfies(found -> assertThat(found.role()).isEqualTo(Role.ISSUER));
        assertThat(institutions.findActiveByLiveKey("hbk_issuer-key")).as("never the secret itself").isEmpty();
        assertThat(residents.findByCredentialHash(Secrets.hash("hbr_resident-credential"))).get()
                .extracting(Resident::subjectId).isEqualTo("HK-A1234567");
        assertThat(residents.findByCredentialHash(Secrets.hash("hbk_issuer-key"))).isEmpty();
    }

    @Test
    void twoInstitutionsNeverShareAnApiKey() {
        institution("hk.transunion", Role.ISSUER, "hbk_shared");

        assertThatThrownBy(() -> institution("hk.fusion-bank", Role.VERIFIER, "hbk_shared"))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void everyLiveKeyOfAnActiveInstitutionWorksAndNoRevokedOneNorAnyOfASuspendedInstitution() {
        Institution bank = institution("hk.fusion-bank", Role.VERIFIER, "hbk_old");
        keys.saveAndFlush(new ApiKey(bank.id(), Secrets.hash("hbk_new"), CREATED.plusSeconds(60)));
        assertThat(institutions.findActiveByLiveKey(Secrets.hash("hbk_old"))).isPresent();
        assertThat(institutions.findActiveByLiveKey(Secrets.hash("hbk_new"))).isPresent();

        ApiKey old = keys.findBySecretHash(Secrets.hash("hbk_old")).orElseThrow();
        old.revoke(CREATED.plusSeconds(120));
        keys.saveAndFlush(old);
        assertThat(institutions.findActiveByLiveKey(Secrets.hash("hbk_old"))).isEmpty();
        assertThat(institutions.findActiveByLiveKey(Secrets.hash("hbk_new"))).isPresent();
        assertThatThrownBy(() -> old.revoke(CREATED.plusSeconds(180)))
                .isInstanceOfSatisfying(InstitutionRefused.class, e -> assertThat(e.code()).isEqualTo("API_KEY_REVOKED"));

        bank.suspend(CREATED.plusSeconds(240));
        institutions.saveAndFlush(bank);
        assertThat(institutions.findActiveByLiveKey(Secrets.hash("hbk_new"))).isEmpty();
        assertThatThrownBy(() -> bank.suspend(CREATED.plusSeconds(300)))
                .isInstanceOfSatisfying(InstitutionRefused.class, e -> assertThat(e.code()).isEqualTo("INSTITUTION_SUSPENDED"));
        bank.reactivate(CREATED.plusSeconds(360));
        institutions.saveAndFlush(bank);
        assertThat(institutions.findActiveByLiveKey(Secrets.hash("hbk_new"))).isPresent();
    }

    @Test
    void twoResidentsNeverShareACredential() {
        residents.saveAndFlush(new Resident("HK-A1234567", Secrets.hash("hbr_shared"), CREATED));

        assertThatThrownBy(() -> residents.saveAndFlush(new Resident("HK-Z9999999", Secrets.hash("hbr_shared"), CREATED)))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    private Institution institution(String id, Role role, String secret) {
        Institution institution = institutions.saveAndFlush(new Institution(id, role, CREATED));
        keys.saveAndFlush(new ApiKey(id, Secrets.hash(secret), CREATED));
        return institution;
    }
}
