package org.hashbridge.node;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shape STYLE.md asks for: web3j stays behind the chain package, the protocol core has no
 * framework in it, and the features meet only through the shared packages.
 *
 * <p>Plain JUnit Jupiter tests that check ArchUnit rules, rather than {@code @ArchTest} fields: the
 * ArchUnit JUnit 5 engine (1.4.1) discovers nothing on the JUnit Platform 6 that Spring Boot 4 brings,
 * so such fields would pass without ever being checked.
 */
class ArchitectureTest {

    private static final String NODE = "org.hashbridge.node";
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.hashbridge");

    @Test
    void web3jStaysInTheChainPackage() {
        noClasses().that().resideOutsideOfPackage(NODE + ".chain..")
                .should().dependOnClassesThat().resideInAPackage("org.web3j..")
                .because("the chain sits behind our own interfaces; web3j types do not leak past it")
                .check(PRODUCTION);
    }

    @Test
    void theProtocolCoreIsPlainJava() {
        noClasses().that().resideInAPackage("org.hashbridge.protocol..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.web3j..", "jakarta.persistence..")
                .because("banks use the protocol core through bank-client, without Spring, web3j or JPA")
                .check(PRODUCTION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"anchoring", "consent", "verification"})
    void aFeatureUsesOnlyItselfAndTheSharedPackages(String feature) {
        classes().that().resideInAPackage(NODE + "." + feature + "..")
                .should().onlyDependOnClassesThat(or(
                        resideOutsideOfPackage(NODE + ".."),
                        resideInAPackage(NODE),
                        resideInAnyPackage(NODE + "." + feature + "..", NODE + ".institution..", NODE + ".chain..",
                                NODE + ".config..", NODE + ".web..")))
                .because("features depend on the shared packages, never on each other's internals")
                .check(PRODUCTION);
    }
}
