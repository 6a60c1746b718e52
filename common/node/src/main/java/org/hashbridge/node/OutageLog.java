package org.hashbridge.node;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * What a worker that writes to or reads from the chain logs while the chain cannot be reached: the first failed
 * attempt as it happens, then at most one summary line per {@link #SUMMARY_INTERVAL} while the outage lasts
 * ("anchoring postponed: chain unavailable for 3 min, 240 attempts"), and one line once an attempt gets through
 * again. An outage of an hour costs a worker about sixty lines, where each attempt (several a second) wrote one.
 * Safe for use by several threads.
 */
public final class OutageLog {

    /** How often, at most, an outage still under way is summed up. */
    public static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);

    private final Logger log;
    private final String work;
    private final Supplier<Instant> clock;
    private final Duration interval;

    private Instant since;
    private Instant summedUpAt;
    private long attempts;

    /**
     * @param log  the worker's own logger, so that the lines name the worker
     * @param work what is postponed, as a line starts with it: "anchoring", "recording consents"
     */
    public OutageLog(Logger log, String work) {
        this(log, work, Instant::now, SUMMARY_INTERVAL);
    }

    OutageLog(Logger log, String work, Supplier<Instant> clock, Duration interval) {
        this.log = Objects.requireNonNull(log, "log");
        this.work = Objects.requireNonNull(work, "work");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    /**
     * One attempt postponed because the chain could not be reached.
     *
     * @param reason why, as {@code ChainUnavailable} says it (never a secret)
     */
    public synchronized void unavailable(String reason) {
        Instant now = clock.get();
        attempts++;
        if (since == null) {
            since = now;
            summedUpAt = now;
            log.warn("{} postponed: the chain is unavailable ({}); summed up every {} while it lasts", work, reason,
                    readable(interval));
        } else if (!now.isBefore(summedUpAt.plus(interval))) {
            summedUpAt = now;
            log.warn("{} postponed: chain unavailable for {}, {}; the last: {}", work,
                    readable(Duration.between(since, now)), attempts(attempts), reason);
        }
    }

    /** An attempt got through to the chain: ends the outage under way, if any, with one line. */
    public synchronized void available() {
        if (since == null) {
            return;
        }
        log.info("{} resumed: the chain answers again after {} unavailable, {} postponed", work,
                readable(Duration.between(since, clock.get())), attempts(attempts));
        since = null;
        summedUpAt = null;
        attempts = 0;
    }

    /** Whether an outage is under way, as this worker saw it last. */
    public synchronized boolean underWay() {
        return since != null;
    }

    private static String attempts(long count) {
        return count == 1 ? "1 attempt" : count + " attempts";
    }

    /** "45 s", "3 min", "2 h 5 min". */
    static String readable(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 120) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        return minutes < 120 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min";
    }
}
