package org.hashbridge.node.database;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestExecutionListeners;

/**
 * A persistence slice as the node runs it: every entity and repository on the real PostgreSQL of
 * {@link TestPostgres}, its schema made by the node's Flyway migrations and checked by Hibernate
 * ({@code ddl-auto=validate}), with the settings of {@code hashbridge-node.yml}. Every test class so
 * annotated shares one Spring context and one database, with {@link Rows} and {@link Concurrently} to
 * autowire; each test runs in a transaction rolled back at its end (unless it commits on purpose, to run
 * two transactions at once) and finds the tables empty.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@DataJpaTest(properties = "spring.config.name=hashbridge-node", showSql = false)
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({TestPostgres.DataSourceConfiguration.class, Rows.class, Concurrently.class})
@TestExecutionListeners(listeners = EmptyTables.class, mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface JpaSliceTest {
}
