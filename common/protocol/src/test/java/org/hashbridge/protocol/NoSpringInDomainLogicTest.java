package org.hashbridge.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The protocol core is what a bank embeds: it must stay plain Java, free of Spring, web3j and JPA.
 */
class NoSpringInDomainLogicTest {

    private static final JavaClasses PROTOCOL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.hashbridge.protocol");

    private static ArchRule noDependencyOn(String... packages) {
        return noClasses().that().resideInAPackage("org.hashbridge.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage(packages);
    }

    @Test
    void protocolClassesDependOnNeitherSpringNorWeb3jNorJpa() {
        noDependencyOn("org.springframework..", "org.web3j..", "jakarta.persistence..").check(PROTOCOL);
    }

    /** Guards the guard: the import holds the production classes and the rule does see their dependencies. */
    @Test
    void theRuleSeesRealDependencies() {
        assertThat(PROTOCOL.contain(Voucher.class)).isTrue();
        assertThat(PROTOCOL.contain(Fixtures.class)).isFalse();
        assertThat(noDependencyOn("com.nimbusds..").evaluate(PROTOCOL).hasViolation()).isTrue();
        assertThat(noDependencyOn("org.bouncycastle..").evaluate(PROTOCOL).hasViolation()).isTrue();
    }
}
