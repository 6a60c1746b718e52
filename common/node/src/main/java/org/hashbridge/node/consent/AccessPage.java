package org.hashbridge.node.consent;

import java.util.List;
import org.hashbridge.protocol.InvalidInput;

/**
 * One page of a consent's accesses, oldest first.
 *
 * @param page  the page number, from 0
 * @param size  the most accesses a page holds
 * @param total how many accesses the consent has in all
 */
public record AccessPage(List<Access> accesses, int page, int size, int total) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    /** Which page a resident asks for. */
    public record Request(int page, int size) {

        /**
         * Reads the query parameters; absent ones take their defaults (page 0, {@value #DEFAULT_SIZE} per page).
         *
         * @throws InvalidInput {@code INVALID_PAGE} unless page is 0 or more and size 1 to {@value #MAX_SIZE}
         */
        public static Request parse(String page, String size) {
            int p = number(page, 0, Integer.MAX_VALUE, 0);
            int s = number(size, 1, MAX_SIZE, DEFAULT_SIZE);
            return new Request(p, s);
        }

        private static int number(String text, int min, int max, int absent) {
            if (text == null) {
                return absent;
            }
            try {
                int value = Integer.parseInt(text);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw InvalidInput.of("INVALID_PAGE", "page is a number from 0, size a number from 1 to " + MAX_SIZE);
        }

        /** Where the page starts among all accesses; past the last possible one for pages that far. */
        int offset() {
            return (int) Math.min((long) page * size, Integer.MAX_VALUE);
        }
    }
}
