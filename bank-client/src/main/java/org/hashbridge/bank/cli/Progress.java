package org.hashbridge.bank.cli;

import java.io.PrintWriter;

/** Says how far a long step has come, on stderr, at most once a second and once at its end. */
final class Progress {

    private static final long EVERY_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private final String step;
    private final int total;
    private int done;
    private int said = -1;
    private long lastSaid = System.nanoTime();

    Progress(PrintWriter err, String step, int total) {
        this.err = err;
        this.step = step;
        this.total = total;
    }

    /** {@code count} more are done. */
    void advance(int count) {
        set(done + count);
    }

    /** {@code count} are done in all. */
    void set(int count) {
        done = count;
        long now = System.nanoTime();
        if (done != said && (done >= total || now - lastSaid >= EVERY_NANOS)) {
            lastSaid = now;
            said = done;
            err.printf("%s %,d of %,d%n", step, done, total);
            err.flush();
        }
    }
}
