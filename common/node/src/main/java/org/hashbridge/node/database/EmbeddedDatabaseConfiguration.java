package org.hashbridge.node.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.hashbridge.node.config.NodeProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * A real PostgreSQL server started by the node itself in its data directory, only when asked for with
 * {@code hashbridge.database.embedded=true} and no {@code spring.datasource.url} is set: for the sandbox and
 * trials, so they need nothing installed. It trusts every local connection as its superuser, without a
 * password, so it is never started by default: a node without either setting refuses to start, naming
 * {@code spring.datasource.url}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("hashbridge.database.embedded")
@Conditional(NoDataSourceUrl.class)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(NodeProperties node) {
        Path directory = node.dataDirectory().resolve("postgres").toAbsolutePath();
        try {
            Files.createDirectories(directory);
            return EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(directory.getParent().resolve("postgres-runtime").toFile())
                    .setServerConfig("max_connections", "50")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + directory, e);
        }
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(5_000);
        config.setPoolName("hashbridge-embedded");
        config.addDataSourceProperty("reWriteBatchedInserts", "true"); // as spring.datasource.hikari sets it for a server
        config.addDataSourceProperty("logServerErrorDetail", "false"); // so does this: no row values in messages
        return new HikariDataSource(config);
    }
}
