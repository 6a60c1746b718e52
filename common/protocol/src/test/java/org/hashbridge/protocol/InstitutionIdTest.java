package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hashbridge.protocol.ProtocolAssertions.assertRejected;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class InstitutionIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"hk.transunion", "cn.baihang", "cn.abc-shenzhen", "hk.fusion-bank", "hk.a", "cn.9bank"})
    void acceptsRegisteredShapes(String value) {
        assertThat(new InstitutionId(value)).hasToString(value);
    }

    @Test
    void acceptsANameOfSixtyThreeCharacters() {
        assertThat(new InstitutionId("hk." + "a".repeat(63)).value()).hasSize(66);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"HK.transunion", "hk.TransUnion", "hktransunion", "h.transunion", "hkg.transunion",
            "hk.", "hk.-bank", "hk.trans_union", "hk.trans.union", " hk.transunion", "hk.transunion ",
            "hk.transunion\n", "hk.trans union", "hk.tränsunion"})
    void rejectsAnythingElse(String value) {
        assertRejected(() -> new InstitutionId(value), "INVALID_INSTITUTION");
    }

    @Test
    void rejectsANameOfSixtyFourCharacters() {
        assertRejected(() -> new InstitutionId("hk." + "a".repeat(64)), "INVALID_INSTITUTION");
    }

    @Test
    void theOnChainKeyHashesTheNamespaceWithTheSha256OfTheId() {
        byte[] idHash = Fixtures.sha256("hk.transunion".getBytes(StandardCharsets.UTF_8));
        byte[] preimage = new byte[34];
        preimage[0] = 'h';
        preimage[1] = 'k';
        System.arraycopy(idHash, 0, preimage, 2, 32);

        assertThat(Fixtures.TRANSUNION.namespace()).isEqualTo("hk");
        assertThat(Fixtures.TRANSUNION.idHash().bytes()).isEqualTo(idHash);
        assertThat(Fixtures.TRANSUNION.key().bytes()).isEqualTo(Fixtures.sha256(preimage));
        assertThat(Fixtures.TRANSUNION.key()).isNotEqualTo(Fixtures.ABC_SHENZHEN.key());
    }

    @Test
    void theSameNameInAnotherNamespaceHasAnotherKey() {
        assertThat(new InstitutionId("hk.abc").key()).isNotEqualTo(new InstitutionId("cn.abc").key());
        assertThat(new InstitutionId("cn.abc").namespace()).isEqualTo("cn");
    }
}
