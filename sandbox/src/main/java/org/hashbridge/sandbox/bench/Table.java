package org.hashbridge.sandbox.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one run, grouped in sections, printed as an aligned plain-text table and written as JSON. A
 * figure the issue sets a target for carries it, and whether the run met it.
 */
final class Table {

    /** A goal such as "at least 0.35x": the measured number, and whether it met the goal. */
    record Target(String goal, double measured, boolean met) {

        static Target atLeast(double goal, double measured, String unit) {
            return new Target(">= " + plain(goal) + unit, measured, measured >= goal);
        }

        static Target atMost(double goal, double measured, String unit) {
            return new Target("<= " + plain(goal) + unit, measured, measured <= goal);
        }

        static Target below(double goal, double measured, String unit) {
            return new Target("< " + plain(goal) + unit, measured, measured < goal);
        }

        String verdict() {
            return (met ? "met" : "NOT MET") + " (target " + goal + ")";
        }

        private static String plain(double value) {
            return value == Math.rint(value) ? number(value, 0) : number(value, 2);
        }
    }

    private record Row(String section, String figure, String value, Target target, String note) {
    }

    private final List<Row> rows = new ArrayList<>();
    private String section = "";

    void section(String title) {
        section = title;
        progress(title);
    }

    void add(String figure, String value, String note) {
        add(figure, value, null, note);
    }

    void add(String figure, String value, Target target, String note) {
        rows.add(new Row(section, figure, value, target, note));
        progress(figure + ": " + value + (target == null ? "" : "  " + target.verdict())
                + (note.isEmpty() ? "" : "  (" + note + ")"));
    }

    static void progress(String line) {
        System.out.println("  .. " + line);
        System.out.flush();
    }

    static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** The figures with a target, met or not. */
    List<String> targets() {
        return rows.stream().filter(r -> r.target() != null)
                .map(r -> r.section().split(", | \\(")[0] + ": " + r.figure() + ": " + r.value() + ", " + r.target().verdict())
                .toList();
    }

    String render() {
        int figureWidth = rows.stream().mapToInt(r -> r.figure().length()).max().orElse(10);
        int valueWidth = rows.stream().mapToInt(r -> r.value().length()).max().orElse(10);
        int targetWidth = rows.stream().filter(r -> r.target() != null).mapToInt(r -> r.target().verdict().length())
                .max().orElse(0);
        StringBuilder out = new StringBuilder();
        String current = null;
        for (Row row : rows) {
            if (!row.section().equals(current)) {
                current = row.section();
                out.append('\n').append(current).append('\n');
            }
            String target = row.target() == null ? "" : row.target().verdict();
            out.append(String.format(Locale.ROOT, "  %-" + figureWidth + "s  %" + valueWidth + "s  %-"
                    + Math.max(1, targetWidth) + "s  %s", row.figure(), row.value(), target, row.note()).stripTrailing())
                    .append('\n');
        }
        return out.toString();
    }

    /** Writes the run as JSON: {@code header} (the machine, the run) and each section's figures. */
    void writeJson(Path file, Map<String, Object> header) {
        Map<String, List<Map<String, Object>>> sections = new LinkedHashMap<>();
        for (Row row : rows) {
            Map<String, Object> figure = new LinkedHashMap<>();
            figure.put("figure", row.figure());
            figure.put("value", row.value());
            if (row.target() != null) {
                figure.put("target", row.target().goal());
                figure.put("measured", row.target().measured());
                figure.put("met", row.target().met());
            }
            figure.put("note", row.note());
            sections.computeIfAbsent(row.section(), s -> new ArrayList<>()).add(figure);
        }
        Map<String, Object> json = new LinkedHashMap<>(header);
        List<Map<String, Object>> list = new ArrayList<>();
        sections.forEach((title, figures) -> list.add(Map.of("section", title, "figures", figures)));
        json.put("sections", list);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, NodeApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
