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
        assertThat(shipped).as("the node ships its migrations V1 to V4 at least").contains("1", "2", "3", "4");

        assertThat(Arrays.stream(flyway.info().applied()).map(m -> m.getVersion().getVersion()).toList())
                .containsExactlyElementsOf(shipped);
        assertThat(flyway.info().applied()).extracting(MigrationInfo::getState).containsOnly(MigrationState.SUCCESS);
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(jdbc.queryForList("select version from flyway_schema_history where success order by installed_rank",
                String.class)).containsExactlyElementsOf(shipped);
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
    }

    @Test
    void hibernateValidatedEveryEntityAgainstThatSchema() {
        assertThat(environment.getProperty("spring.jpa.hibernate.ddl-auto"))
                .as("read from hashbridge-node.yml: the context starts only if the entities match the tables")
                .isEqualTo("validate");
        assertThat(environment.getProperty("spring.jpa.open-in-view")).isEqualTo("false");
        assertThat(entities.getMetamodel().getEntities()).extracting(EntityType::getName)
                .containsExactlyInAnyOrder("Institution", "Resident", "AnchorSubmission", "AnchorBatch", "Consent",
                        "Verification");
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
