package org.hashbridge.protocol;

import java.util.List;
import java.util.Objects;

/**
 * What a verifying node attests, signed as the payload of a compact JWS (EdDSA; ES256 before nodes moved
 * to EdDSA). The bank keeps it as proof of what was checked, when, against which root and consent.
 *
 * @param node           the verifying node's operator ("sz", "hk")
 * @param verifiedAt     ISO-8601 instant
 * @param consent        the consent commitment, hex
 */
public record Receipt(int version, String verificationId, String node, String verifier, String verdict,
                      List<Check> checks, String algorithm, String digest, String issuer, String documentType,
                      String root, String leaf, String consent, long chainId, String registry, long block,
                      String verifiedAt) {

    public static final int VERSION = 1;

    public Receipt {
        Objects.requireNonNull(verificationId, "verificationId");
        Objects.requireNonNull(verdict, "verdict");
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    /** @throws InvalidInput {@code MALFORMED_RECEIPT} when the payload is not a receipt */
    static Receipt fromJson(byte[] json) {
        return ProtocolJson.read(json, Receipt.class, "MALFORMED_RECEIPT", "the receipt", "receipt");
    }

    byte[] toCanonicalJson() {
        return ProtocolJson.canonical(this);
    }
}
