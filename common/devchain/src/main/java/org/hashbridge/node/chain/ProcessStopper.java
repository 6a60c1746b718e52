package org.hashbridge.node.chain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops a process and everything it started: politely first, by force after a grace period. */
final class ProcessStopper {

    private ProcessStopper() {
    }

    /**
     * Asks each process of the tree to terminate (SIGTERM), children first, so that anvil gets exactly
     * one signal, straight from us, and saves its state; an npm wrapper then ends with its child.
     * Whatever has not exited within {@code grace} is killed, and waited for.
     */
    static void stop(Process process, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : tree) {
            handle.destroy();
            long left = Math.max(0, deadline - System.nanoTime());
            if (!awaitExit(handle, left)) {
                handle.destroyForcibly();
                awaitExit(handle, grace.toNanos());
            }
        }
    }

    private static boolean awaitExit(ProcessHandle handle, long nanos) {
        try {
            handle.onExit().get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return !handle.isAlive();
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }
}
