package org.hashbridge.node.institution;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.hashbridge.node.database.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** V12 on a node database that holds institutions with one key each, as every node did before it. */
class ApiKeyMigrationTest {

    @Test
    void eachInstitutionsKeyBecomesItsFirstLiveKeyAndTheOldColumnIsGone() {
        try (HikariDataSource server = (HikariDataSource) TestPostgres.dataSource()) {
            String name = "v12_" + UUID.randomUUID().toString().replace("-", "");
            new JdbcTemplate(server).execute("create database " + name);
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(server.getJdbcUrl().replaceFirst("/postgres(\\?|$)", "/" + name + "$1"));
            config.setUsername("postgres");
            try (HikariDataSource database = new HikariDataSource(config)) {
                JdbcTemplate jdbc = new JdbcTemplate(database);
                migrate(database, "10");
                jdbc.update("insert into institution (id, role, api_key_hash, active, created_at) values"
                        + " ('hk.transunion', 'ISSUER', ?, true, '2026-01-05T08:00:00Z'),"
                        + " ('hk.fusion-bank', 'VERIFIER', ?, false, '2026-01-06T08:00:00Z')",
                        Secrets.hash("hbk_transunion"), Secrets.hash("hbk_fusion"));

                migrate(database, "latest");

                assertThat(jdbc.queryForList("select institution, secret_hash, revoked_at is null as live,"
                        + " created_at = (select created_at from institution i where i.id = k.institution) as since"
                        + " from api_key k order by institution")).containsExactly(
                        Map.of("institution", "hk.fusion-bank", "secret_hash", Secrets.hash("hbk_fusion"), "live", true, "since", true),
                        Map.of("institution", "hk.transunion", "secret_hash", Secrets.hash("hbk_transunion"), "live", true, "since", true));
                assertThat(jdbc.queryForList("select column_name from information_schema.columns where table_name = 'institution'",
                        String.class)).doesNotContain("api_key_hash").contains("changed_at", "chain_pending");
                assertThat(jdbc.queryForList("select active from institution where chain_pending order by id", Boolean.class))
                        .as("nothing to write to the chain for what the node did before").isEmpty();
            }
        }
    }

    private static void migrate(HikariDataSource database, String target) {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target(target).load().migrate();
    }
}
