package org.hashbridge.node.consent;

import org.hashbridge.protocol.ConsentReceipt;

/**
 * A consent receipt as the resident downloads it: the ISO/IEC TS 27560 consent record and the same record signed by
 * this node, a compact JWS with its receipt key ({@code GET /api/v1/receipt-keys} verifies it,
 * {@link ConsentReceipt#verify} checks it).
 */
public record SignedConsentReceipt(ConsentReceipt receipt, String jws) {
}
