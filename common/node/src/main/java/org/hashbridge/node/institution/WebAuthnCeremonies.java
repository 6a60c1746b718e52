package org.hashbridge.node.institution;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.authenticator.Curve;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.BadAlgorithmException;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadTopOriginException;
import com.webauthn4j.verifier.exception.CrossOriginException;
import com.webauthn4j.verifier.exception.MissingChallengeException;
import com.webauthn4j.verifier.exception.NotAllowedAlgorithmException;
import com.webauthn4j.verifier.exception.VerificationException;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.hashbridge.protocol.ResidentKey;
import org.springframework.stereotype.Component;

/**
 * The WebAuthn ceremonies webauthn4j checks for this node: a passkey's registration (attestation "none", ES256 only,
 * this relying party's id and origins, a challenge this node issued) and a passkey's assertion (the stored key, the
 * same relying party, a signature counter that moves on). Each refusal is a {@link ResidentKeyRefused} with a stable
 * code; webauthn4j's own messages are not passed on.
 */
@Component
class WebAuthnCeremonies {

    /** COSE -7: ECDSA with SHA-256 on P-256, the only key a resident key can be. */
    static final long ES256 = COSEAlgorithmIdentifier.ES256.getValue();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager();
    private final RelyingParty relyingParty;

    WebAuthnCeremonies(RelyingParty relyingParty) {
        this.relyingParty = relyingParty;
    }

    /** A passkey whose registration verified. @param credentialId base64url */
    record Registered(String credentialId, ResidentKey key, long signCount) {
    }

    /**
     * Verifies the JSON {@code PublicKeyCredential} of a registration.
     *
     * @param challengeTaken takes the challenge the client data names: true when this node issued it for this resident
     */
    Registered register(String credentialJson, Predicate<byte[]> challengeTaken) {
        RegistrationData parsed;
        try {
            parsed = manager.parseRegistrationResponseJSON(credentialJson == null ? "" : credentialJson);
        } catch (RuntimeException e) {
            // webauthn4j answers some malformed responses (a member missing) with a NullPointerException, not only
            // with its DataConversionException: whatever it cannot parse is malformed
            throw ResidentKeyRefused.malformedPasskey();
        }
        if (parsed.getCollectedClientData() == null || parsed.getAttestationObject() == null) {
            throw ResidentKeyRefused.malformedPasskey();
        }
        byte[] challenge = parsed.getCollectedClientData().getChallenge() == null ? null
                : parsed.getCollectedClientData().getChallenge().getValue();
        if (!challengeTaken.test(challenge)) {
            throw ResidentKeyRefused.passkeyChallengeInvalid();
        }
        ServerProperty server = new ServerProperty(origins(), relyingParty.id(), new DefaultChallenge(challenge));
        List<PublicKeyCredentialParameters> es256Only = List.of(
                new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256));
        try {
            manager.verify(parsed, new RegistrationParameters(server, es256Only, false, true));
        } catch (VerificationException e) {
            throw refused(e);
        }
        var authenticatorData = parsed.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData credential = authenticatorData.getAttestedCredentialData();
        return new Registered(BASE64URL.encodeToString(credential.getCredentialId()), p256(credential.getCOSEKey()),
                authenticatorData.getSignCount());
    }

    /**
     * Verifies an assertion by {@code passkey}: its signature by the stored key, this relying party's id and origins,
     * the user's presence, a counter that moved on (or stays 0, as many passkeys keep it), and the challenge its client
     * data names, which {@code challengeTaken} must accept.
     *
     * @return the assertion's signature counter, to store
     */
    long assertion(Passkey passkey, byte[] authenticatorData, byte[] clientDataJSON, byte[] signature,
                   Predicate<byte[]> challengeTaken) {
        byte[] credentialId = Base64.getUrlDecoder().decode(passkey.credentialId());
        AuthenticationData parsed;
        try {
            parsed = manager.parse(new AuthenticationRequest(credentialId, authenticatorData, clientDataJSON, signature));
        } catch (RuntimeException e) {
            throw ResidentKeyRefused.malformedPasskey(); // as for a registration: unparsable is malformed
        }
        if (parsed.getCollectedClientData() == null || parsed.getCollectedClientData().getChallenge() == null
                || parsed.getAuthenticatorData() == null) {
            throw ResidentKeyRefused.malformedPasskey();
        }
        byte[] challenge = parsed.getCollectedClientData().getChallenge().getValue();
        if (!challengeTaken.test(challenge)) {
            throw ResidentKeyRefused.passkeyChallengeInvalid();
        }
        ServerProperty server = new ServerProperty(origins(), relyingParty.id(), new DefaultChallenge(challenge));
        var record = new CredentialRecordImpl(new NoneAttestationStatement(), null, null, null, passkey.signCount(),
                new AttestedCredentialData(AAGUID.ZERO, credentialId,
                        EC2COSEKey.create(passkey.key().publicKey(), COSEAlgorithmIdentifier.ES256)),
                null, null, null, null);
        try {
            manager.verify(parsed, new AuthenticationParameters(server, record, List.of(credentialId), false, true));
        } catch (VerificationException e) {
            throw refused(e);
        }
        return parsed.getAuthenticatorData().getSignCount();
    }

    private Set<Origin> origins() {
        return relyingParty.origins().stream().map(Origin::new).collect(Collectors.toUnmodifiableSet());
    }

    /** The credential's key as a resident key: an EC2 key on P-256 for ES256, nothing else. */
    private static ResidentKey p256(COSEKey key) {
        if (!(key instanceof EC2COSEKey ec) || ec.getCurve() != Curve.SECP256R1
                || (ec.getAlgorithm() != null && !COSEAlgorithmIdentifier.ES256.equals(ec.getAlgorithm()))
                || ec.getX() == null || ec.getY() == null || ec.getX().length != 32 || ec.getY().length != 32) {
            throw ResidentKeyRefused.passkeyAlgorithmUnsupported();
        }
        return new ResidentKey("EC", "P-256", BASE64URL.encodeToString(ec.getX()), BASE64URL.encodeToString(ec.getY()));
    }

    private static ResidentKeyRefused refused(VerificationException e) {
        if (e instanceof BadChallengeException || e instanceof MissingChallengeException) {
            return ResidentKeyRefused.passkeyChallengeInvalid();
        }
        if (e instanceof BadOriginException || e instanceof BadTopOriginException || e instanceof CrossOriginException) {
            return ResidentKeyRefused.passkeyOriginInvalid();
        }
        if (e instanceof NotAllowedAlgorithmException || e instanceof BadAlgorithmException) {
            return ResidentKeyRefused.passkeyAlgorithmUnsupported();
        }
        return ResidentKeyRefused.passkeyInvalid(e.getClass().getSimpleName());
    }
}
