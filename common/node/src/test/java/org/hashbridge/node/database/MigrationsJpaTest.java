package org.hashbridge.node.database;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.EntityType;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;

/** The schema the node runs on: made by its Flyway migrations, and the one its entities were validated against. */
@JpaSliceTest
class MigrationsJpaTest {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__[a-z_]+\\.sql");

    @Autowired
    private Flyway flyway;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private EntityManagerFactory entities;
    @Autowired
    private Environment environment;

    @Test
    void everyMigrationOfTheNodeIsAppliedInOrderOnPostgresql() throws IOException {
        List<String> shipped = shippedVersions();
        assertThat(shipped).as("the node ships its migrations V1 to V4 and V9 at least").contains("1", "2", "3", "4", "9");

        assertThat(Arrays.stream(flyway.info().applied()).map(m -> m.getVersion().getVersion()).toList())
                .containsExactlyElementsOf(shipped);
        assertThat(flyway.info().applied()).extracting(MigrationInfo::getState).containsOnly(MigrationState.SUCCESS);
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(jdbc.queryForList("select version from flyway_schema_history where success order by installed_rank",
                String.class)).containsExactlyElementsOf(shipped);
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
    }

    @Test
    void v9AddsReferencesAndBulkRequests() {
        assertThat(jdbc.queryForMap("select description, success from flyway_schema_history where version = '9'"))
                .containsEntry("description", "add anchor references and requests").containsEntry("success", true);
        assertThat(jdbc.queryForList("select table_name || '.' || column_name from information_schema.columns"
                + " where table_schema = 'public'"
                + " and table_name in ('anchor_submission', 'anchor_request', 'anchor_request_item')"
                + " and column_name in ('reference', 'fingerprint', 'item_count', 'position', 'anchor_id')", String.class))
                .containsExactlyInAnyOrder("anchor_submission.reference", "anchor_request.fingerprint",
                        "anchor_request.item_count", "anchor_request_item.position", "anchor_request_item.anchor_id");
        assertThat(jdbc.queryForObject("select indexdef from pg_indexes where indexname = 'anchor_submission_reference'",
                String.class)).as("unique per issuer, only where there is a reference")
                .contains("UNIQUE").contains("(issuer, reference)").contains("WHERE (reference IS NOT NULL)");
    }

    @Test
    void hibernateValidatedEveryEntityAgainstThatSchema() {
        assertThat(environment.getProperty("spring.jpa.hibernate.ddl-auto"))
                .as("read from hashbridge-node.yml: the context starts only if the entities match the tables")
                .isEqualTo("validate");
        assertThat(environment.getProperty("spring.jpa.open-in-view")).isEqualTo("false");
        assertThat(entities.getMetamodel().getEntities()).extracting(EntityType::getName)
                .containsExactlyInAnyOrder("Institution", "ApiKey", "Resident", "AnchorSubmission", "AnchorBatch", "AnchorRequest",
                        "Consent", "Verification", "OperatorAccount", "Passkey", "KeyRegistration");
    }

    /** The versions of {@code db/migration/V<n>__<verb>_<object>.sql}, in order. */
    private static List<String> shippedVersions() throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/*.sql");
        return Arrays.stream(files).map(file -> {
            Matcher name = VERSIONED.matcher(file.getFilename());
            assertThat(name.matches()).as(file.getFilename() + " is named V<n>__<verb>_<object>.sql").isTrue();
            return Integer.parseInt(name.group(1));
        }).sorted().map(String::valueOf).toList();
    }
}
