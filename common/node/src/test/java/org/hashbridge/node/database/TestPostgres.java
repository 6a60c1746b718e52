package org.hashbridge.node.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * One real PostgreSQL server per test JVM, the embedded one the node itself runs, started on first use
 * and stopped when the JVM exits. Its data lives under {@code target/}, so a server left behind by a JVM
 * killed hard is found by the worktree's path.
 */
public final class TestPostgres {

    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** A new pool of connections to the shared server, as the {@code postgres} superuser. */
    public static DataSource dataSource() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server().getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(6);
        config.setConnectionTimeout(5_000);
        config.setPoolName("jpa-slice");
        return new HikariDataSource(config);
    }

    /** The JDBC URL of a new, empty database on the shared server, for a whole node under test (user {@code postgres}). */
    public static String newDatabase() {
        String name = "node_" + java.util.UUID.randomUUID().toString().replace("-", "");
        try (java.sql.Connection connection = server().getPostgresDatabase().getConnection();
             java.sql.Statement sql = connection.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not create the database " + name, e);
        }
        return server().getJdbcUrl("postgres", name);
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                Path target = Path.of("target");
                Files.createDirectories(target);
                server = EmbeddedPostgres.builder()
                        .setDataDirectory(Files.createTempDirectory(target.toAbsolutePath(), "jpa-slice-postgres-"))
                        .setCleanDataDirectory(true)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL of the slice tests", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "jpa-slice-postgres-stop"));
        }
        return server;
    }

    /** The shared server as the test context's only {@link DataSource}. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class DataSourceConfiguration {

        @Bean
        DataSource dataSource() {
            return TestPostgres.dataSource();
        }
    }
}
