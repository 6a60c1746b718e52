package org.hashbridge.bank;

import java.util.List;

/**
 * The node's answer to a bulk anchoring request.
 *
 * @param requestId the request, for {@link HashBridgeClient#anchorsOfRequest}; the same when the same
 *                  request is sent again
 * @param created   how many anchors the request stored; the others were stored before under their references
 * @param anchors   one per item, in the request's order, without vouchers yet
 */
public record BulkAnchoring(String requestId, int created, List<Anchor> anchors) {

    public BulkAnchoring {
        anchors = List.copyOf(anchors);
    }
}
