package org.hashbridge.bank.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** An input the user gave that cannot be read or used; exit code {@value ExitCodes#USAGE}, no stack trace. */
final class UnusableInput extends RuntimeException {

    private UnusableInput(String message, Throwable cause) {
        super(message, cause);
    }

    static UnusableInput because(String message) {
        return new UnusableInput(message, null);
    }

    static UnusableInput unreadable(String what, Path file, IOException cause) {
        return new UnusableInput("cannot read the " + what + " " + file + ": " + reason(cause), cause);
    }

    static UnusableInput unwritable(String what, Path file, IOException cause) {
        return new UnusableInput("cannot write the " + what + " " + file + ": " + reason(cause), cause);
    }

    private static String reason(IOException cause) {
        if (cause instanceof NoSuchFileException) {
            return "no such file";
        }
        if (cause instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (cause instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
