package org.hashbridge.bank;

import java.util.List;

/**
 * One page of an issuer's anchors, each with its voucher once anchored.
 *
 * @param page  from 0
 * @param size  the most anchors a page holds
 * @param total how many anchors the whole list holds
 */
public record AnchorPage(List<Anchor> anchors, int page, int size, long total) {

    /** The most anchors one page may hold. */
    public static final int MAX_SIZE = 200;

    public AnchorPage {
        anchors = List.copyOf(anchors);
    }
}
