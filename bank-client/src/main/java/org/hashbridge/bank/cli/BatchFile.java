package org.hashbridge.bank.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hashbridge.bank.AnchorItem;
import org.hashbridge.bank.DocumentHasher;
import org.hashbridge.protocol.Digest;
import org.hashbridge.protocol.DigestAlgorithm;
import org.hashbridge.protocol.FreeText;
import org.hashbridge.protocol.InvalidInput;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * An issuer's batch file: CSV (RFC 4180, UTF-8) whose first line names the columns, in any order, then one
 * document per line. {@code reference}, {@code documentType}, {@code subject} and {@code validUntil} are
 * required; each line gives either {@code file} (the document, hashed here, relative to the batch file's
 * folder) or {@code digest} (hex, computed elsewhere), and may give {@code algorithm}.
 */
final class BatchFile {

    static final List<String> COLUMNS = List.of("reference", "file", "digest", "algorithm", "documentType", "subject",
            "validUntil");
    private static final List<String> REQUIRED = List.of("reference", "documentType", "subject", "validUntil");
    private static final int MAX_REFERENCE = 200;
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvReadFeature.SKIP_EMPTY_LINES)
            .enable(CsvReadFeature.TRIM_SPACES).enable(CsvReadFeature.EMPTY_STRING_AS_NULL)
            .enable(CsvReadFeature.INSERT_NULLS_FOR_MISSING_COLUMNS).build();

    /**
     * One document of the file, as written.
     *
     * @param row the line it is on, the header being row 1
     */
    record Line(int row, Map<String, String> values) {

        String get(String column) {
            return values.get(column);
        }
    }

    private BatchFile() {
    }

    /** @throws UnusableInput when the file cannot be read, has no header, an unknown or missing column, or bad CSV */
    static List<Line> read(Path file) {
        List<Line> lines = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset(); // a spreadsheet's UTF-8 byte order mark is not part of the first column's name
            }
            MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(reader);
            while (rows.hasNextValue()) {
                int row = rows.currentLocation().getLineNr();
                Map<String, String> values = rows.nextValue();
                if (lines.isEmpty()) {
                    checkColumns(file, values.keySet());
                }
                lines.add(new Line(row, values));
            }
        } catch (IOException e) {
            throw UnusableInput.unreadable("batch file", file, e);
        } catch (JacksonException e) {
            throw UnusableInput.because("the batch file " + file + " is not CSV as expected, at row "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ": " + e.getOriginalMessage());
        }
        if (lines.isEmpty()) {
            throw UnusableInput.because("the batch file " + file + " holds no documents: a header line, then one line each");
        }
        return lines;
    }

    private static void checkColumns(Path file, Set<String> columns) {
        Set<String> unknown = new LinkedHashSet<>(columns);
        COLUMNS.forEach(unknown::remove);
        Set<String> missing = new LinkedHashSet<>(REQUIRED);
        missing.removeAll(columns);
        if (!unknown.isEmpty() || !missing.isEmpty() || !(columns.contains("file") || columns.contains("digest"))) {
            throw UnusableInput.because("the batch file " + file + " has the columns " + columns + "; it needs "
                    + REQUIRED + ", file or digest, and may have algorithm");
        }
    }

    /**
     * The item of each line, files hashed with {@code algorithm} unless a line names its own; every line that
     * cannot be used is named in one failure, so a file is fixed in one go.
     *
     * @param hashed called after each line, for progress
     * @throws UnusableInput naming each line that cannot be used and why
     */
    static List<AnchorItem> items(Path batchFile, List<Line> lines, DigestAlgorithm algorithm, boolean canonicalJson,
                                  Runnable hashed) {
        Path folder = batchFile.toAbsolutePath().getParent();
        List<AnchorItem> items = new ArrayList<>(lines.size());
        List<String> problems = new ArrayList<>();
        Map<String, Integer> rowOfReference = new HashMap<>();
        for (Line line : lines) {
            try {
                String reference = FreeText.strip(line.get("reference"), MAX_REFERENCE, "INVALID_REFERENCE", "a reference");
                Integer first = rowOfReference.putIfAbsent(reference, line.row());
                if (first != null) {
                    throw UnusableInput.because("the same reference as row " + first);
                }
                items.add(item(reference, line, folder, algorithm, canonicalJson));
            } catch (InvalidInput e) {
                problems.add("row " + line.row() + ": " + e.code() + ": " + e.getMessage());
            } catch (UnusableInput e) {
                problems.add("row " + line.row() + ": " + e.getMessage());
            }
            hashed.run();
        }
        if (!problems.isEmpty()) {
            throw UnusableInput.because(problems.size() + " rows of " + batchFile + " cannot be used:\n  "
                    + String.join("\n  ", problems));
        }
        return items;
    }

    private static AnchorItem item(String reference, Line line, Path folder, DigestAlgorithm algorithm,
                                   boolean canonicalJson) {
        for (String column : List.of("documentType", "subject", "validUntil")) {
            if (line.get(column) == null) {
                throw UnusableInput.because(column + " is empty");
            }
        }
        DigestAlgorithm chosen = line.get("algorithm") == null ? algorithm : DigestAlgorithm.of(line.get("algorithm"));
        return new AnchorItem(reference, digest(line, folder, chosen, canonicalJson), line.get("documentType"),
                line.get("subject"), line.get("validUntil"));
    }

    private static Digest digest(Line line, Path folder, DigestAlgorithm algorithm, boolean canonicalJson) {
        String file = line.get("file");
        String digest = line.get("digest");
        if ((file == null) == (digest == null)) {
            throw UnusableInput.because("give either file or digest");
        }
        if (digest != null) {
            return Digest.parse(algorithm.id(), digest);
        }
        DocumentHasher hasher = canonicalJson ? DocumentHasher.canonicalJson(algorithm) : DocumentHasher.raw(algorithm);
        return LocalFiles.hash(hasher, folder.resolve(file));
    }
}
