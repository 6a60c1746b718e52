package org.hashbridge.node.admin;

import java.util.List;

/**
 * One page of a list the dashboard shows, newest first.
 *
 * @param rows    the rows of this page
 * @param page    its number, from 0
 * @param hasNext whether a next page has rows
 */
public record Listing<T>(List<T> rows, int page, boolean hasNext) {

    public Listing {
        rows = List.copyOf(rows);
    }

    /** From rows read with {@code limit size + 1}: the extra row only says that a next page exists. */
    public static <T> Listing<T> of(List<T> fetched, int page, int size) {
        return new Listing<>(fetched.subList(0, Math.min(size, fetched.size())), page, fetched.size() > size);
    }

    /** The SQL {@code offset} of page {@code page}. */
    public static long offset(int page, int size) {
        return (long) Math.max(page, 0) * size;
    }
}
