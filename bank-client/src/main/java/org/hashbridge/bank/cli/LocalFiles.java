package org.hashbridge.bank.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hashbridge.bank.DocumentHasher;
import org.hashbridge.protocol.Digest;

/** The files the commands read and write, with failures named after the file's role. */
final class LocalFiles {

    /** Vouchers, tokens, keys and receipts are a few kilobytes; refuse to load a document by mistake. */
    private static final long MAX_TEXT = 1 << 20;

    private LocalFiles() {
    }

    static String readText(String what, Path file) {
        try {
            if (Files.size(file) > MAX_TEXT) {
                throw UnusableInput.because("the " + what + " " + file + " is larger than 1 MiB");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw UnusableInput.unreadable(what, file, e);
        }
    }

    static Digest hash(DocumentHasher hasher, Path document) {
        try {
            return hasher.hash(document);
        } catch (IOException e) {
            throw UnusableInput.unreadable("document", document, e);
        }
    }

    static void writeText(String what, Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw UnusableInput.unwritable(what, file, e);
        }
    }
}
