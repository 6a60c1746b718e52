package org.hashbridge.protocol;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A resident's identifier (an HKID or a PRC resident identity number) in its one normal form, the only
 * form that is ever hashed into a {@link SubjectReference} or compared: Unicode NFKC (full-width letters
 * and digits become ASCII), no leading or trailing white space, upper case. So {@code " hk-a1234567"},
 * {@code "HK-A1234567"} and its full-width spelling are one resident.
 *
 * @param value the normal form: 1 to 128 printable characters ({@link FreeText#isPrintable})
 */
public record SubjectId(String value) {

    public static final int MAX_LENGTH = 128;

    /** @throws InvalidInput {@code INVALID_SUBJECT} when {@code value} is not already in normal form */
    public SubjectId {
        if (value == null || !value.equals(normalise(value)) || !isWellFormed(value)) {
            throw invalid();
        }
    }

    /**
     * The identifier as a resident, an issuer or an operator wrote it, normalised.
     *
     * @throws InvalidInput {@code INVALID_SUBJECT} when it is missing, blank, over 128 characters once
     *                      normalised, or holds a character that is not printable
     */
    public static SubjectId of(String written) {
        if (written == null || !FreeText.isPrintable(written)) {
            throw invalid();
        }
        String normal = normalise(written);
        if (!isWellFormed(normal)) {
            throw invalid();
        }
        return new SubjectId(normal);
    }

    private static String normalise(String value) {
        String compatible = Normalizer.normalize(value, Normalizer.Form.NFKC).strip();
        return Normalizer.normalize(compatible.toUpperCase(Locale.ROOT), Normalizer.Form.NFKC);
    }

    private static boolean isWellFormed(String normal) {
        return !normal.isEmpty() && normal.length() <= MAX_LENGTH && FreeText.isPrintable(normal);
    }

    private static InvalidInput invalid() {
        return InvalidInput.of("INVALID_SUBJECT", "a subject identifier is 1 to 128 printable characters");
    }

    @Override
    public String toString() {
        return value;
    }
}
