package org.hashbridge.node.startup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Every setting a node reads, its default and what happens when it is wrong: one list, {@code settings.md} beside
 * this class, the table docs/operations.md shows (a test keeps them equal) and {@code --help} prints.
 *
 * @param name         as the docs write it, {@code hashbridge.chain.rpc-url}
 * @param defaultValue "required", "none" or the value
 * @param description  what it is, and what happens when it is wrong
 */
public record Settings(String name, String defaultValue, String description) {

    /** The settings table in Markdown, as docs/operations.md holds it. */
    public static String table() {
        try (InputStream in = Settings.class.getResourceAsStream("settings.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the settings table is missing from the node's jar", e);
        }
    }

    /** The table's rows. */
    public static List<Settings> all() {
        return table().lines().skip(2).map(Settings::row).toList();
    }

    private static Settings row(String line) {
        String[] cells = line.substring(2, line.length() - 2).split(" \\| ", 3);
        return new Settings(plain(cells[0]), plain(cells[1]), plain(cells[2]));
    }

    /** The environment variable of this setting, as Spring Boot's relaxed binding reads it. */
    public String environmentVariable() {
        return name.replace("[n].", "_0_").replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static String plain(String markdown) {
        return markdown.replace("`", "").replaceAll("\\[([^]]+)]\\([^)]+\\)", "$1");
    }
}
