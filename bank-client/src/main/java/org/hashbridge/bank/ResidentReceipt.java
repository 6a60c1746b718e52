package org.hashbridge.bank;

import java.util.Objects;
import org.hashbridge.protocol.ConsentReceipt;

/**
 * A consent receipt whose signature checked out against the keys its node publishes.
 *
 * @param receipt the ISO/IEC TS 27560 consent record, as signed
 * @param jws     the signed form, a compact JWS: keep it, it is checkable offline with the node's receipt keys
 */
public record ResidentReceipt(ConsentReceipt receipt, String jws) {

    public ResidentReceipt {
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(jws, "jws");
    }
}
