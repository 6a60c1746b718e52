package org.hashbridge.node.chain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/** The registry's jurisdiction encoding: an ASCII code such as "HK" right-padded with zero bytes. */
final class Jurisdictions {

    private static final Pattern CODE = Pattern.compile("[A-Z0-9]{1,32}");

    private Jurisdictions() {
    }

    /**
     * @throws IllegalArgumentException unless {@code code} is 1 to 32 upper-case ASCII letters or digits
     */
    static byte[] encode(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("a jurisdiction is 1 to 32 upper-case ASCII letters or digits");
        }
        return Arrays.copyOf(code.getBytes(StandardCharsets.US_ASCII), 32);
    }

    /**
     * The code in a bytes32 value; the empty string for 32 zero bytes (the registry's "none").
     *
     * @throws IllegalArgumentException when the value is not 32 bytes or is not a padded code
     */
    static String decode(byte[] bytes32) {
        if (bytes32.length != 32) {
            throw new IllegalArgumentException("a jurisdiction is 32 bytes");
        }
        int end = bytes32.length;
        while (end > 0 && bytes32[end - 1] == 0) {
            end--;
        }
        String code = new String(bytes32, 0, end, StandardCharsets.US_ASCII);
        if (end > 0 && !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("not a padded jurisdiction code");
        }
        return code;
    }
}
