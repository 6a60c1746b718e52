package org.hashbridge.node.anchoring;

import java.util.List;
import org.hashbridge.protocol.InvalidInput;

/**
 * One page of an issuer's anchors.
 *
 * @param page  the page number, from 0
 * @param size  the most anchors a page holds
 * @param total how many anchors the list has in all
 */
public record AnchorPage(List<AnchorView> anchors, int page, int size, long total) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    /**
     * Which page an issuer asks for: {@code page} from 0, {@code size} from 1 to {@value #MAX_SIZE}.
     */
    public record Request(int page, int size) {

        /**
         * Reads the query parameters; absent ones take their defaults (page 0, {@value #DEFAULT_SIZE} per page).
         *
         * @throws InvalidInput {@code INVALID_PAGE} when either is not a whole number in its range
         */
        public static Request parse(String page, String size) {
            return new Request(page == null ? 0 : whole(page, Integer.MAX_VALUE), size == null ? DEFAULT_SIZE : whole(size, MAX_SIZE));
        }

        public Request {
            if (page < 0 || size < 1 || size > MAX_SIZE) {
                throw invalid();
            }
        }

        private static int whole(String text, int max) {
            try {
                int value = Integer.parseInt(text);
                if (value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw invalid();
        }

        private static InvalidInput invalid() {
            return InvalidInput.of("INVALID_PAGE", "page is a number from 0, size a number from 1 to " + MAX_SIZE);
        }

        long offset() {
            return (long) page * size;
        }
    }
}
