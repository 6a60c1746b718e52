package org.hashbridge.node.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.database.JpaSliceTest;
import org.hashbridge.node.database.Rows;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.hashbridge.node.web.RequestIds;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The group commit of answered verifications on PostgreSQL, attacked: a group the database refuses, a connection
 * the database drops mid-group, many requests at once, a request that stops waiting. The writer is held at its
 * first insert by a lock on the verifier's row (the foreign key check waits for it), so that what queues
 * meanwhile is stored, or refused, as one group.
 */
@JpaSliceTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class VerificationWriterJpaTest {

    private static final String ABC = "cn.abc-shenzhen";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    private EntityManager entities;
    @Autowired
    private PlatformTransactionManager transactionManager;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private Rows rows;

    private VerificationWriter writer;
    private final ExecutorService requests = Executors.newCachedThreadPool();
    private int answered;

    @BeforeEach
    void start() {
        rows.institution(ABC, "VERIFIER");
        writer = new VerificationWriter(entities, transactionManager, VerificationProperties.defaults());
    }

    @AfterEach
    void stop() throws InterruptedException {
        requests.shutdownNow();
        writer.close();
    }

    private Verification answer(String verifier) {
        answered++;
        return Verifications.stored(verifier, Verifications.VERIFIED_AT.plusMillis(answered), "receipt-" + answered);
    }

    @Test
    void oneRowTheDatabaseRefusesFailsEveryRequestOfItsGroupAndNoneOfItIsStored() throws Exception {
        Verification first = answer(ABC);
        List<Verification> group = List.of(answer(ABC), answer(ABC), answer("cn.nobody"), answer(ABC));

        Future<?> firstStored;
        List<Future<?>> groupStored;
        try (Connection lock = lockVerifier()) {
            firstStored = storeOnceTheWriterWaits(first);
            groupStored = queued(group);
        }

        firstStored.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        groupStored.forEach(request -> assertThatThrownBy(() -> request.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .cause().isInstanceOf(NodeException.class).hasFieldOrPropertyWithValue("code", "DATABASE_UNAVAILABLE"));
        assertThat(storedReceipts()).containsExactly(Map.entry(first.id().toString(), first.receipt()));
    }

    @Test
    void aRefusedGroupIsLoggedUnderItsRequestsIdsWithoutTheValuesOfItsRows() throws Exception {
        Verification refused = answer("cn.nobody");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        try {
            Future<?> stored = requests.submit(() -> {
                try (MDC.MDCCloseable id = MDC.putCloseable(RequestIds.MDC_KEY, "bank-loan-0042")) {
                    writer.store(refused);
                }
            });
            assertThatThrownBy(() -> stored.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .cause().isInstanceOf(NodeException.class).hasFieldOrPropertyWithValue("code", "DATABASE_UNAVAILABLE");
        } finally {
            root.detachAppender(log);
        }

        assertThat(log.list).filteredOn(event -> event.getLoggerName().equals(VerificationWriter.class.getName()))
                .singleElement().satisfies(event -> {
                    assertThat(event.getMDCPropertyMap()).containsEntry(RequestIds.MDC_KEY, "bank-loan-0042");
                    assertThat(event.getFormattedMessage()).contains("23503");
                });
        assertThat(log.list).map(VerificationWriterJpaTest::rendered).isNotEmpty()
                .noneMatch(line -> line.contains(refused.receipt()) || line.contains(refused.id().toString())
                        || line.contains("cn.nobody"));
    }

    /** The event as a log shows it: its message and the messages of its exception's causes. */
    private static String rendered(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
            text.append('\n').append(cause.getMessage());
        }
        return text.toString();
    }

    @Test
    void aConnectionTheDatabaseDropsMidGroupFailsItsRequestsAndTheNextGroupIsStored() throws Exception {
        Verification dropped = answer(ABC);
        Verification next = answer(ABC);

        Future<?> droppedStored;
        try (Connection lock = lockVerifier()) {
            droppedStored = storeOnceTheWriterWaits(dropped);
            assertThat(jdbc.queryForObject("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                    + " where wait_event_type = 'Lock' and query ilike 'insert into verification%'", Long.class)).isOne();
        }
        assertThatThrownBy(() -> droppedStored.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .cause().isInstanceOf(NodeException.class).hasFieldOrPropertyWithValue("code", "DATABASE_UNAVAILABLE");
        writer.store(next);

        assertThat(storedReceipts()).containsExactly(Map.entry(next.id().toString(), next.receipt()));
    }

    @Test
    void requestsAtOnceAreStoredInOneTransactionEachWithItsOwnRecord() throws Exception {
        Verification first = answer(ABC);
        List<Verification> group = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            group.add(answer(ABC));
        }

        List<Future<?>> groupStored;
        try (Connection lock = lockVerifier()) {
            storeOnceTheWriterWaits(first);
            groupStored = queued(group);
        }
        for (Future<?> request : groupStored) {
            request.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }

        Map<String, String> expected = new HashMap<>();
        group.forEach(v -> expected.put(v.id().toString(), v.receipt()));
        expected.put(first.id().toString(), first.receipt());
        assertThat(storedReceipts()).containsExactlyInAnyOrderEntriesOf(expected);
        // the rows of one transaction carry its id: the first alone, then the 64 together
        assertThat(jdbc.queryForList("select count(*) from verification group by xmin::text order by 1", Long.class))
                .containsExactly(1L, 64L);
    }

    @Test
    void aRequestThatStopsWaitingIsRefusedAndItsVerificationIsStillStoredOnce() throws Exception {
        Verification first = answer(ABC);
        Verification abandoned = answer(ABC);
        AtomicReference<RuntimeException> refused = new AtomicReference<>();
        Thread request = new Thread(() -> {
            try {
                writer.store(abandoned);
            } catch (RuntimeException e) {
                refused.set(e);
            }
        });

        try (Connection lock = lockVerifier()) {
            storeOnceTheWriterWaits(first);
            request.start();
            awaitUntil(() -> request.getState() == Thread.State.TIMED_WAITING, "the request to queue");
            request.interrupt(); // as a server stopping the request of a client that went away would
            request.join(PATIENCE.toMillis());
            assertThat(refused.get()).isInstanceOf(NodeException.class).hasFieldOrPropertyWithValue("code", "DATABASE_UNAVAILABLE");
            assertThat(storedReceipts()).isEmpty();
        }

        awaitUntil(() -> storedReceipts().size() == 2, "both verifications to be stored");
        assertThat(storedReceipts()).containsOnly(Map.entry(first.id().toString(), first.receipt()),
                Map.entry(abandoned.id().toString(), abandoned.receipt()));
    }

    @Test
    void aClosingWriterStoresWhatQueuedThenRefusesAtOnce() throws Exception {
        Verification queued = answer(ABC);
        Future<?> stored;
        Future<?> closed;
        try (Connection lock = lockVerifier()) {
            stored = storeOnceTheWriterWaits(queued);
            closed = requests.submit(() -> {
                writer.close();
                return null;
            });
        }

        closed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        stored.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThatThrownBy(() -> writer.store(answer(ABC))).isInstanceOf(NodeException.class)
                .hasFieldOrPropertyWithValue("code", "DATABASE_UNAVAILABLE");
        assertThat(storedReceipts()).containsExactly(Map.entry(queued.id().toString(), queued.receipt()));
    }

    /** Holds the verifier's row: an insert of its verifications waits for the foreign key until the connection closes. */
    private Connection lockVerifier() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("select 1 from institution where id = '" + ABC + "' for update");
        }
        return connection; // closed uncommitted, the pool rolls it back
    }

    /** Stores {@code v} on a request thread and returns once the writer waits for the lock inserting it. */
    private Future<?> storeOnceTheWriterWaits(Verification v) throws Exception {
        Future<?> stored = requests.submit(() -> writer.store(v));
        awaitUntil(() -> jdbc.queryForObject("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                + " and query ilike 'insert into verification%'", Long.class) == 1, "the writer to wait for the lock");
        return stored;
    }

    /** Stores each of {@code group} on a request thread of its own; returns once every one waits in the queue. */
    private List<Future<?>> queued(List<Verification> group) throws Exception {
        CountDownLatch started = new CountDownLatch(group.size());
        List<Thread> threads = new CopyOnWriteArrayList<>();
        List<Future<?>> stored = group.stream().map(v -> requests.submit(() -> {
            threads.add(Thread.currentThread());
            started.countDown();
            writer.store(v);
        })).collect(Collectors.toList());
        assertThat(started.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        // a request waits timed only for its verification to be stored, once it is queued
        awaitUntil(() -> threads.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING), "every request to queue");
        return stored;
    }

    private Map<String, String> storedReceipts() {
        return jdbc.queryForList("select id::text, receipt from verification").stream()
                .collect(Collectors.toMap(row -> (String) row.get("id"), row -> (String) row.get("receipt")));
    }

    private static void awaitUntil(Callable<Boolean> condition, String what) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.call()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + PATIENCE + " for " + what);
            }
            Thread.sleep(20);
        }
    }
}
