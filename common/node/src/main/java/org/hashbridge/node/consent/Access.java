package org.hashbridge.node.consent;

import java.time.Instant;

/**
 * One verification that used a consent, as the verifying node recorded it on chain.
 *
 * @param verifier the verifying institution when it is the one the consent names, otherwise the
 *                 pseudonymous key the chain holds, prefixed {@code key:}
 * @param receipt  SHA-256 of the receipt the verifier holds, so the resident can match it
 */
public record Access(String verifier, Instant at, String verdict, String receipt, String transaction) {
}
