package org.hashbridge.node.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

/** What an operator reads when the node refuses to start: one description and one action, naming the settings. */
class StartRefusalReportsTest {

    private static final String URL = "jdbc:postgresql://db.sz.internal:5432/hashbridge_sz";
    private static final String PASSWORD = "db-password-never-shown";

    private final MockEnvironment settings = new MockEnvironment().withProperty("spring.datasource.url", URL)
            .withProperty("spring.datasource.username", "hashbridge_sz").withProperty("spring.datasource.password", PASSWORD);

    @Test
    void aWrongDatabasePasswordNamesTheUrlAndTheUserNeverThePassword() {
        FailureAnalysis analysis = new DatabaseFailureAnalyzer(settings).analyze(asFlywaySeesIt(
                new PSQLException("FATAL: password authentication failed for user \"hashbridge_sz\"", PSQLState.INVALID_PASSWORD)));

        assertThat(analysis.getDescription()).contains(URL, "refused user hashbridge_sz", "spring.datasource.url")
                .doesNotContain(PASSWORD);
        assertThat(analysis.getAction()).contains("spring.datasource.password").doesNotContain(PASSWORD);
        assertThat(analysis.getCause()).isNull();
    }

    @Test
    void anUnreachableDatabaseIsNamedWithTheDriversReason() {
        FailureAnalysis analysis = new DatabaseFailureAnalyzer(settings).analyze(asFlywaySeesIt(
                new PSQLException("Connection to db.sz.internal:5432 refused.", PSQLState.CONNECTION_UNABLE_TO_CONNECT)));

        assertThat(analysis.getDescription()).contains(URL, "cannot be reached", "refused");
    }

    @Test
    void aFailureThatIsNoConnectionIsLeftToOthers() {
        assertThat(new DatabaseFailureAnalyzer(settings).analyze(new SQLException("duplicate key", "23505"))).isNull();
        assertThat(new DatabaseFailureAnalyzer(null).analyze(new IllegalStateException("no database involved"))).isNull();
    }

    @Test
    void aMigrationThatFailsIsNamed() {
        FlywayException failed = new FlywayException("Migration V13__add_column.sql failed: column already exists");
        FailureAnalysis analysis = new MigrationFailureAnalyzer().analyze(new BeanCreationException("flyway", "init", failed));

        assertThat(analysis.getDescription()).contains("cannot be migrated", "V13__add_column.sql");
        assertThat(analysis.getAction()).contains("backup");
    }

    @Test
    void aMigrationThatCouldNotConnectIsTheDatabaseAnalyzersCase() {
        FlywayException cannotConnect = new FlywayException("Unable to obtain connection from database",
                new PSQLException("Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT));

        assertThat(new MigrationFailureAnalyzer().analyze(cannotConnect)).isNull();
        assertThat(new DatabaseFailureAnalyzer(settings).analyze(cannotConnect)).isNotNull();
    }

    @Test
    void aRefusalIsReportedAsItIsWhereverItWasThrown() {
        StartRefused refused = StartRefused.chainIdMismatch(2026, 31337, "http://10.0.1.20:8545");
        FailureAnalysis analysis = new StartRefusedFailureAnalyzer().analyze(
                new IllegalStateException("Failed to execute ApplicationRunner", refused));

        assertThat(analysis.getDescription()).contains("31337", "2026", "hashbridge.chain.chain-id");
        assertThat(analysis.getAction()).isEqualTo(refused.action());
    }

    @Test
    void theReportIsLinesOnStandardError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        new StandardErrorFailureReporter(new PrintStream(err, true, StandardCharsets.UTF_8))
                .report(new FailureAnalysis("what is wrong\nsecond line", "what to do", null));

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("APPLICATION FAILED TO START",
                "Description:\n\nwhat is wrong\nsecond line\n", "Action:\n\nwhat to do\n");
    }

    @Test
    void everyMissingSettingIsNamedAtOnceInTheDocsSpelling() {
        assertThat(RequiredSettings.missing(new MockEnvironment())).extracting(line -> line.split(" ")[0])
                .containsExactly("spring.datasource.url", "hashbridge.chain.rpc-url", "hashbridge.chain.chain-id",
                        "hashbridge.chain.registry-address", "hashbridge.chain.operator-key-file",
                        "hashbridge.receipts.key-store");
    }

    @Test
    void aKeyFileNeedsItsPasswordAndTheSandboxsAlternativesAreAccepted() {
        MockEnvironment production = complete().withProperty("hashbridge.chain.operator-key-file", "/etc/sz.json")
                .withProperty("hashbridge.receipts.key-store", "/etc/sz.p12");
        assertThat(RequiredSettings.missing(production)).containsExactly(
                "hashbridge.chain.operator-key-password or hashbridge.chain.operator-key-password-file",
                "hashbridge.receipts.key-store-password or hashbridge.receipts.key-store-password-file");

        production.withProperty("hashbridge.chain.operator-key-password-file", "/run/secrets/op")
                .withProperty("hashbridge.receipts.key-store-password", "x");
        assertThat(RequiredSettings.missing(production)).isEmpty();

        MockEnvironment sandbox = new MockEnvironment().withProperty("spring.datasource.url", URL)
                .withProperty("hashbridge.chain.rpc-url", "http://127.0.0.1:8545").withProperty("hashbridge.chain.chain-id", "31337")
                .withProperty("hashbridge.chain.registry-address", "0x5FbDB2315678afecb367f032d93F642f64180aa3")
                .withProperty("hashbridge.chain.operator-key", "0x01").withProperty("hashbridge.node.generate-keys", "true");
        assertThat(RequiredSettings.missing(sandbox)).isEmpty();
    }

    private static MockEnvironment complete() {
        return new MockEnvironment().withProperty("spring.datasource.url", URL)
                .withProperty("hashbridge.chain.rpc-url", "http://10.0.1.20:8545").withProperty("hashbridge.chain.chain-id", "2026")
                .withProperty("hashbridge.chain.registry-address", "0x5FbDB2315678afecb367f032d93F642f64180aa3");
    }

    private static Throwable asFlywaySeesIt(SQLException driver) {
        return new BeanCreationException("flyway", "Failed to initialize",
                new FlywayException("Unable to obtain connection from database", driver));
    }
}
