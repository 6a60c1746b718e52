package org.hashbridge.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.erdtman.jcs.JsonCanonicalizer;

/** RFC 8785 (JSON Canonicalization Scheme) through the reference implementation. */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    /**
     * The canonical UTF-8 bytes of a JSON text.
     *
     * @throws InvalidInput {@code INVALID_JSON} when {@code json} is not valid JSON
     */
    public static byte[] canonicalize(byte[] json) {
        try {
            return new JsonCanonicalizer(new String(json, StandardCharsets.UTF_8)).getEncodedUTF8();
        } catch (IOException | RuntimeException e) {
            throw InvalidInput.of("INVALID_JSON", "not a JSON text that RFC 8785 can canonicalize");
        }
    }
}
