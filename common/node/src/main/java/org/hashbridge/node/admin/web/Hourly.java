package org.hashbridge.node.admin.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts per hour over the last 24 hours, oldest first, an hour without any counted as zero: one chart's
 * data. Each series is a name (a verdict, say) and its 24 counts.
 */
record Hourly(List<Instant> hours, Map<String, long[]> series) {

    static final int HOURS = 24;

    /** The 24 hours that end with the one holding {@code now}. */
    static List<Instant> hoursUntil(Instant now) {
        Instant last = now.truncatedTo(ChronoUnit.HOURS);
        List<Instant> hours = new ArrayList<>(HOURS);
        for (int i = HOURS - 1; i >= 0; i--) {
            hours.add(last.minus(i, ChronoUnit.HOURS));
        }
        return hours;
    }

    /** Buckets rows of (hour, series, count) into the 24 hours; rows outside them are ignored. */
    static Hourly of(Instant now, List<String> names, List<Row> rows) {
        List<Instant> hours = hoursUntil(now);
        Map<String, long[]> series = new LinkedHashMap<>();
        names.forEach(name -> series.put(name, new long[HOURS]));
        for (Row row : rows) {
            int index = hours.indexOf(row.hour());
            if (index >= 0) {
                series.computeIfAbsent(row.series(), name -> new long[HOURS])[index] += row.count();
            }
        }
        return new Hourly(hours, series);
    }

    record Row(Instant hour, String series, long count) {
    }

    long total() {
        return series.values().stream().flatMapToLong(java.util.Arrays::stream).sum();
    }
}
