package org.hashbridge.sandbox.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of one run, grouped in sections, printed as an aligned plain-text table. */
final class Table {

    private record Row(String section, String figure, String value, String note) {
    }

    private final List<Row> rows = new ArrayList<>();
    private String section = "";

    void section(String title) {
        section = title;
    }

    void add(String figure, String value, String note) {
        rows.add(new Row(section, figure, value, note));
        progress(figure + ": " + value + (note.isEmpty() ? "" : "  (" + note + ")"));
    }

    static void progress(String line) {
        System.out.println("  .. " + line);
        System.out.flush();
    }

    static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    String render() {
        int figureWidth = rows.stream().mapToInt(r -> r.figure().length()).max().orElse(10);
        int valueWidth = rows.stream().mapToInt(r -> r.value().length()).max().orElse(10);
        StringBuilder out = new StringBuilder();
        String current = null;
        for (Row row : rows) {
            if (!row.section().equals(current)) {
                current = row.section();
                out.append('\n').append(current).append('\n');
            }
            out.append(String.format(Locale.ROOT, "  %-" + figureWidth + "s  %" + valueWidth + "s  %s%n",
                    row.figure(), row.value(), row.note()).stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
