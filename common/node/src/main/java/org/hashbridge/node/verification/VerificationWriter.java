package org.hashbridge.node.verification;

import jakarta.annotation.PreDestroy;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Objects;
import java.util.stream.Collectors;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.web.Failures;
import org.hashbridge.node.web.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores answered verifications a group at a time (group commit). A request hands its verification to the
 * one writer thread and waits; the writer inserts everything that queued meanwhile, up to
 * {@code hashbridge.verification.max-group}, as one JDBC batch in one transaction, and each request goes on
 * to answer only once that transaction has committed. The stored row is also the access's outbox entry
 * ({@link AccessRecorder}), so the answer, its record and its access are stored together or not at all.
 *
 * <p>A group the database refuses (a constraint one row breaks, a trigger, a lost connection) fails every
 * request in it with {@link #notStored()}: none of its verifications is stored and none is answered, so no
 * verdict goes out without its record. A request that stops waiting (its thread interrupted, the wait
 * longer than {@code store-within}) is answered with the same refusal, but its verification stays in the
 * queue and is stored once, like the others: a client that went away leaves exactly one record.
 *
 * <p>The writer's thread serves no request: what it logs of a group carries the ids of the group's requests
 * (each taken from the logging context when it queued), so a refused request's log line can be found by its id.
 */
@Component
class VerificationWriter {

    private static final Logger log = LoggerFactory.getLogger(VerificationWriter.class);
    private static final long POLL_MILLIS = 100;

    /** A verification to store, with the id of the request that waits for it, for the writer's log. */
    private record Pending(Verification verification, String requestId, CompletableFuture<Void> stored) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final EntityManager entities;
    private final TransactionTemplate transactions;
    private final VerificationProperties settings;
    private final Thread writer;
    private volatile boolean closed;

    VerificationWriter(EntityManager entities, PlatformTransactionManager transactionManager, VerificationProperties settings) {
        this.entities = entities;
        this.transactions = new TransactionTemplate(transactionManager);
        this.settings = settings;
        this.writer = new Thread(this::run, "verification-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Stores {@code verification}, returning once the transaction that holds it has committed.
     *
     * @throws NodeException {@link #notStored()} when its group was refused (it is not stored), when the node is
     *                       closing, or when it was not stored within {@code store-within} (it may be stored later)
     */
    void store(Verification verification) {
        if (closed) {
            throw notStored();
        }
        Pending pending = new Pending(verification, RequestIds.current(), new CompletableFuture<>());
        queue.add(pending);
        try {
            pending.stored().get(settings.storeWithin().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw notStored();
        } catch (TimeoutException e) {
            log.warn("verification {} not stored within {}; answered as not stored", verification.id(), settings.storeWithin());
            throw notStored();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notStored();
        }
    }

    private void run() {
        List<Pending> group = new ArrayList<>(settings.maxGroup());
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, settings.maxGroup() - 1);
                write(group);
            } catch (InterruptedException e) {
                closed = true;
            } finally {
                group.clear();
            }
        }
    }

    private void write(List<Pending> group) {
        try {
            transactions.executeWithoutResult(status -> group.forEach(p -> entities.persist(p.verification())));
        } catch (RuntimeException e) {
            // the writer must outlive any failure: every request of the group is refused, none answered. The
            // failure's messages quote the rows' values: told by its classes and SQL state, under the ids of
            // the requests it refuses
            String ids = requestIds(group);
            try (MDC.MDCCloseable logged = MDC.putCloseable(RequestIds.MDC_KEY, ids.isEmpty() ? null : ids)) {
                log.error("could not store a group of {} verifications ({}); each of their requests is refused",
                        group.size(), Failures.describe(e));
            }
            group.forEach(p -> p.stored().completeExceptionally(e));
            return;
        }
        group.forEach(p -> p.stored().complete(null));
    }

    private static String requestIds(List<Pending> group) {
        return group.stream().map(Pending::requestId).filter(Objects::nonNull).distinct()
                .collect(Collectors.joining(","));
    }

    /** Stores what has queued, then stops: requests that arrive later are refused. */
    @PreDestroy
    void close() throws InterruptedException {
        closed = true;
        writer.join(settings.storeWithin().toMillis());
    }

    /** The refusal of a request whose verification could not be stored: nothing was answered. */
    static NodeException notStored() {
        return new NodeException(NodeException.Kind.UNAVAILABLE, "DATABASE_UNAVAILABLE", "Storage unavailable",
                "the node could not store the verification; nothing was answered, retry later");
    }
}
