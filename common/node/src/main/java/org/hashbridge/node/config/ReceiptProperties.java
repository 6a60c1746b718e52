package org.hashbridge.node.config;

import org.hashbridge.protocol.ReceiptAlgorithm;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How this node signs receipts.
 *
 * @param algorithm the algorithm of the receipts it signs from now on: {@code EDDSA} (Ed25519, the default) or
 *                  {@code SM2} (SM2 over SM3, set by the {@code sm} profile). Never {@code ES256}, which signs
 *                  no new receipts; the keys of earlier algorithms stay published whatever this says
 */
@Validated
@ConfigurationProperties("hashbridge.receipts")
public record ReceiptProperties(ReceiptAlgorithm algorithm) {

    /** @throws IllegalArgumentException for {@code ES256} */
    public ReceiptProperties {
        algorithm = algorithm == null ? ReceiptAlgorithm.EDDSA : algorithm;
        if (algorithm == ReceiptAlgorithm.ES256) {
            throw new IllegalArgumentException("ES256 signs no new receipts: hashbridge.receipts.algorithm is EDDSA or SM2");
        }
    }
}
