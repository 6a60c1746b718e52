package org.hashbridge.operator;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The file of a node's retired receipt keys ({@code hashbridge.receipts.retired-keys}): a JWK set of public keys only,
 * each key once, which the node publishes after its signing key.
 */
final class RetiredKeys {

    private RetiredKeys() {
    }

    /** Adds the public halves of {@code keys} to {@code file}, creating it; a key already there is not added twice. */
    static void add(Path file, JWKSet keys) {
        List<JWK> all = new ArrayList<>();
        try {
            if (Files.exists(file)) {
                all.addAll(JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8)).getKeys());
            }
        } catch (IOException | ParseException e) {
            throw ToolFailure.badInput(file + " is not a JWK set: " + e.getClass().getSimpleName());
        }
        for (JWK key : keys.toPublicJWKSet().getKeys()) {
            if (all.stream().noneMatch(k -> k.getKeyID().equals(key.getKeyID()))) {
                all.add(key);
            }
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path written = Files.createTempFile(parent, ".retired-keys", ".json");
            Files.writeString(written, new JWKSet(all).toString(true), StandardCharsets.UTF_8);
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw ToolFailure.badInput("cannot write " + file + ": " + e.getClass().getSimpleName());
        }
    }
}
