package org.hashbridge.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegistryKeysTest {

    @Test
    void keysAnInstitutionBySha256OfItsUtf8Id() {
        // printf 'hk.transunion' | sha256sum
        assertThat(RegistryKeys.institution("hk.transunion").hex())
                .isEqualTo("1c85271c0cfdb9276983cbf961c9c9a2d0e81b757a70d5772cff1568c566b65a");
    }

    @Test
    void differentIdsGiveDifferentKeys() {
        assertThat(RegistryKeys.institution("cn.baihang")).isNotEqualTo(RegistryKeys.institution("hk.transunion"));
    }
}
