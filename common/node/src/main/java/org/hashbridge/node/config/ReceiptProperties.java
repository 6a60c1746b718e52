package org.hashbridge.node.config;

import java.nio.file.Path;
import org.hashbridge.protocol.ReceiptAlgorithm;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * How this node signs receipts.
 *
 * @param algorithm the algorithm of the receipts it signs from now on: {@code EDDSA} (Ed25519, the default) or
 *                  {@code SM2} (SM2 over SM3, set by the {@code sm} profile). Never {@code ES256}, which signs
 *                  no new receipts; the keys of earlier algorithms stay published whatever this says
 * @param keyStore  the PKCS#12 key store ({@link org.hashbridge.protocol.NodeKeyStore}) holding the receipt key
 *                  ({@code receipt}) and the subject key ({@code subject}); unset, the node makes its keys in its data
 *                  directory, only with {@code hashbridge.node.generate-keys=true}
 * @param keyStorePassword     its password
 * @param keyStorePasswordFile a file holding it, such as a Docker secret
 * @param retiredKeys a JWK set file of the public receipt keys this node signed with before a rotation, published
 *                    after the signing key so that the receipts they signed still verify
 */
@Validated
@ConfigurationProperties("hashbridge.receipts")
public record ReceiptProperties(ReceiptAlgorithm algorithm, Path keyStore, String keyStorePassword,
                                Path keyStorePasswordFile, Path retiredKeys) {

    /** @throws IllegalArgumentException for {@code ES256} */
    @ConstructorBinding
    public ReceiptProperties {
        algorithm = algorithm == null ? ReceiptAlgorithm.EDDSA : algorithm;
        if (algorithm == ReceiptAlgorithm.ES256) {
            throw new IllegalArgumentException("ES256 signs no new receipts: hashbridge.receipts.algorithm is EDDSA or SM2");
        }
    }

    /** Receipts of {@code algorithm}, with the keys the node makes in its data directory. */
    public ReceiptProperties(ReceiptAlgorithm algorithm) {
        this(algorithm, null, null, null, null);
    }

    /** Every setting but the key store's password, which must reach no log. */
    @Override
    public String toString() {
        return "ReceiptProperties[algorithm=" + algorithm + ", keyStore=" + keyStore + ", keyStorePasswordFile="
                + keyStorePasswordFile + ", retiredKeys=" + retiredKeys + "]";
    }
}
