package org.hashbridge.protocol;

/**
 * Text a person typed, such as a consent's purpose or a revocation's reason: printable characters only,
 * so that what is stored, hashed, shown and logged is exactly what was meant. Control characters (NUL,
 * line feeds, tabs, DEL, the C1 range), line and paragraph separators, format characters (bidirectional
 * overrides, zero-width spaces; except the zero-width joiners that some scripts and emoji need) and
 * unpaired surrogates are refused, never stripped.
 */
public final class FreeText {

    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    private FreeText() {
    }

    /**
     * The text without leading and trailing spaces (space separators: U+0020, the no-break space, the
     * ideographic space), checked as {@link #require} checks it. Only spaces are stripped: a line feed, tab
     * or separator at either end is refused like one inside.
     *
     * @throws InvalidInput {@code code} as {@link #require} does
     */
    public static String strip(String value, int maxLength, String code, String name) {
        return require(value == null ? null : stripSpaces(value), maxLength, code, name);
    }

    private static String stripSpaces(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && Character.getType(value.charAt(start)) == Character.SPACE_SEPARATOR) {
            start++;
        }
        while (end > start && Character.getType(value.charAt(end - 1)) == Character.SPACE_SEPARATOR) {
            end--;
        }
        return value.substring(start, end);
    }

    /**
     * The text, unchanged.
     *
     * @param maxLength the most characters (Unicode code points, as PostgreSQL counts them) allowed
     * @param code      the stable code of the refusal, such as {@code INVALID_PURPOSE}
     * @param name      how the refusal names the field, such as {@code "a purpose"}
     * @throws InvalidInput {@code code} when the text is missing, blank, longer than {@code maxLength}
     *                      or holds a character that is not printable
     */
    public static String require(String value, int maxLength, String code, String name) {
        if (value == null || value.isBlank() || value.codePointCount(0, value.length()) > maxLength
                || !isPrintable(value)) {
            throw InvalidInput.of(code, name + " is 1 to " + maxLength + " printable characters");
        }
        return value;
    }

    /** True when {@code value} holds no character that {@link FreeText} refuses; null is not printable. */
    public static boolean isPrintable(String value) {
        return value != null && value.codePoints().allMatch(FreeText::isPrintable);
    }

    private static boolean isPrintable(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.SURROGATE, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            case Character.FORMAT -> codePoint == ZERO_WIDTH_NON_JOINER || codePoint == ZERO_WIDTH_JOINER;
            default -> true;
        };
    }
}
