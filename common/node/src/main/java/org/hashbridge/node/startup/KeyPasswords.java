package org.hashbridge.node.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The password of a key file: given as a setting, or read from a file named by another (a Docker secret). */
public final class KeyPasswords {

    private KeyPasswords() {
    }

    /**
     * The password; a file's one trailing line break is not part of it.
     *
     * @param setting the password's setting, such as {@code hashbridge.chain.operator-key-password}; its file is
     *                {@code <setting>-file}
     * @throws StartRefused when neither is set, or the file cannot be read
     */
    public static char[] read(String setting, String password, Path passwordFile) {
        if (password != null && !password.isEmpty()) {
            return password.toCharArray();
        }
        if (passwordFile == null) {
            throw StartRefused.missingSettings(java.util.List.of(setting + " or " + setting + "-file"));
        }
        try {
            String content = Files.readString(passwordFile, StandardCharsets.UTF_8);
            return content.replaceFirst("\\R\\z", "").toCharArray();
        } catch (IOException e) {
            throw StartRefused.of("The " + setting + "-file " + passwordFile + " cannot be read ("
                    + e.getClass().getSimpleName() + ").", "Make it readable by the node's user, or set " + setting + ".");
        }
    }
}
