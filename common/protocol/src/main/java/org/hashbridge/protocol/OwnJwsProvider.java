package org.hashbridge.protocol;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSProvider;
import com.nimbusds.jose.jca.JCAContext;
import java.util.Set;

/**
 * What Nimbus asks of every signer and verifier, for the ones written here on Bouncy Castle
 * ({@link Ed25519Jws}, {@link Sm2Jws}): the one algorithm each handles, and no JCA provider of its own.
 */
abstract class OwnJwsProvider implements JWSProvider {

    private final Set<JWSAlgorithm> algorithms;

    OwnJwsProvider(JWSAlgorithm algorithm) {
        this.algorithms = Set.of(algorithm);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return algorithms;
    }

    @Override
    public JCAContext getJCAContext() {
        return new JCAContext();
    }
}
