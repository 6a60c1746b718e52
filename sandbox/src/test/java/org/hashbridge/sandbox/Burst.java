package org.hashbridge.sandbox;

import static org.hashbridge.sandbox.Journeys.HK_RESIDENT;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many issuers' requests at once: {@code total} anchoring requests of distinct documents, spread over the
 * given node instances by a few threads, each pausing a little between requests so the burst lasts a while.
 */
final class Burst {

    /** One accepted submission: the document's digest and the anchor id the node answered. */
    record Submitted(String digest, String anchorId) {
    }

    private final ExecutorService threads;
    private final List<Future<?>> running;
    private final Queue<Submitted> accepted = new ConcurrentLinkedQueue<>();
    private final Queue<String> refused = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sent = new AtomicInteger();

    private Burst(List<Api> issuers, int total, int threadCount, Duration pause, Instant validUntil) {
        this.threads = Executors.newFixedThreadPool(threadCount);
        this.running = java.util.stream.IntStream.range(0, threadCount).<Future<?>>mapToObj(t -> threads.submit(() -> {
            for (int i = t; i < total; i += threadCount) {
                submit(issuers.get(i % issuers.size()), validUntil);
                Journeys.pause(pause);
            }
        })).toList();
    }

    static Burst start(List<Api> issuers, int total, Duration pause, Instant validUntil) {
        return new Burst(issuers, total, 4, pause, validUntil);
    }

    private void submit(Api issuer, Instant validUntil) {
        String digest = Journeys.sha256(Journeys.creditReport(HK_RESIDENT));
        Api.Response answer = issuer.post("/api/v1/anchors", Map.of("digest", digest, "algorithm", "sha-256",
                "documentType", "credit-report", "subject", HK_RESIDENT, "validUntil", validUntil.toString()));
        sent.incrementAndGet();
        if (answer.status() == 202) {
            accepted.add(new Submitted(digest, answer.body().path("anchorId").asString()));
        } else {
            refused.add(answer.status() + " " + answer.raw());
        }
    }

    int sent() {
        return sent.get();
    }

    /** Waits for every request to be answered. */
    Burst finish() {
        for (Future<?> thread : running) {
            try {
                thread.get(5, TimeUnit.MINUTES);
            } catch (Exception e) {
                throw new IllegalStateException("the burst did not finish", e);
            }
        }
        threads.shutdown();
        return this;
    }

    List<Submitted> accepted() {
        return List.copyOf(accepted);
    }

    List<String> refused() {
        return List.copyOf(refused);
    }
}
