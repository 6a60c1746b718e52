package org.hashbridge.bank.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import org.hashbridge.bank.DocumentHasher;
import org.hashbridge.protocol.Digest;
import org.hashbridge.protocol.SoftwareAuthenticator;

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

    /**
     * A resident's key, as keygen wrote it.
     *
     * @throws org.hashbridge.protocol.InvalidInput {@code MALFORMED_RESIDENT_KEY} when it holds no P-256 private key
     */
    static SoftwareAuthenticator readResidentKey(String what, Path file) {
        return SoftwareAuthenticator.fromPem(readText(what, file));
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

    /**
     * Writes a secret to a new file that only its owner may read (on file systems with POSIX permissions). An
     * existing file, or a link, is never overwritten: a key written over another is a key lost.
     */
    static void writeSecret(String what, Path file, String text) {
        boolean posix = file.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try {
            Files.createFile(file, ownerOnly);
        } catch (FileAlreadyExistsException e) {
            throw UnusableInput.because("the " + what + " " + file + " exists already; it is not overwritten");
        } catch (IOException e) {
            throw UnusableInput.unwritable(what, file, e);
        }
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the write failed already: that is what the user needs to hear
            }
            throw UnusableInput.unwritable(what, file, e);
        }
    }
}
