package org.hashbridge.protocol;

import java.util.regex.Pattern;

/** A kind of document, such as {@code credit-report}: lower-case letters, digits and dashes. */
public record DocumentType(String value) {

    private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** @throws InvalidInput {@code INVALID_DOCUMENT_TYPE} when {@code value} does not match */
    public DocumentType {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw InvalidInput.of("INVALID_DOCUMENT_TYPE",
                    "a document type is 1 to 64 lower-case letters, digits or dashes, such as 'credit-report'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
