package org.hashbridge.sandbox.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reads the memory of some processes every half second on a thread of its own and keeps each one's peak: the
 * nodes' resident memory under the load the benchmark puts on them. A process is looked up again at every
 * reading, so a restarted node is followed.
 */
final class MemoryWatch implements AutoCloseable {

    private final Map<String, Supplier<ProcessHandle>> processes;
    private final Map<String, Footprint.ProcessMemory> peaks = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    MemoryWatch(Map<String, Supplier<ProcessHandle>> processes) {
        this.processes = Map.copyOf(processes);
        this.thread = new Thread(this::watch, "memory-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        while (running) {
            processes.forEach((name, process) -> {
                try {
                    Footprint.ProcessMemory now = Footprint.withDescendants(process.get());
                    peaks.merge(name, now, (a, b) -> b.rssKib() > a.rssKib() ? b : a);
                } catch (IllegalStateException restarting) {
                    // the node is being restarted: nothing to read until it is back
                }
            });
            Pause.of(Duration.ofMillis(500));
        }
    }

    /** The reading with the highest RSS so far, or null when there was none. */
    Footprint.ProcessMemory peak(String name) {
        return peaks.get(name);
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
