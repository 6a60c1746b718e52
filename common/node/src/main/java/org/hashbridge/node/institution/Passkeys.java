package org.hashbridge.node.institution;

import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.ResidentApproval;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A resident's passkeys on this node: the options a page hands to the browser, the registrations and assertions
 * webauthn4j verifies ({@link WebAuthnCeremonies}), the stored credentials and their counters. Binding a passkey's key
 * on chain is {@link ResidentKeys}' part.
 */
@Component
class Passkeys {

    private static final long TIMEOUT_MILLIS = WebAuthnChallenges.VALID_FOR.toMillis();
    private static final String PREFERRED = "preferred";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final ResidentRepository residents;
    private final PasskeyRepository passkeys;
    private final WebAuthnChallenges challenges;
    private final WebAuthnCeremonies ceremonies;
    private final RelyingParty relyingParty;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Passkeys(ResidentRepository residents, PasskeyRepository passkeys, WebAuthnChallenges challenges,
             WebAuthnCeremonies ceremonies, RelyingParty relyingParty, TransactionTemplate transactions, Clock clock) {
        this.residents = residents;
        this.passkeys = passkeys;
        this.challenges = challenges;
        this.ceremonies = ceremonies;
        this.relyingParty = relyingParty;
        this.transactions = transactions;
        this.clock = clock;
    }

    RegistrationOptions registrationOptions(Caller resident) {
        return transactions.execute(status -> {
            Resident known = residents.findById(resident.id()).orElseThrow(InstitutionRefused::unknownResident);
            String userHandle = known.userHandle();
            residents.save(known);
            byte[] challenge = challenges.issue(resident.id(), WebAuthnChallenges.Purpose.REGISTRATION);
            return new RegistrationOptions(new RegistrationOptions.RelyingParty(relyingParty.id(), relyingParty.name()),
                    new RegistrationOptions.User(userHandle, label(), label()), BASE64URL.encodeToString(challenge),
                    List.of(new RegistrationOptions.Parameter("public-key", WebAuthnCeremonies.ES256)), TIMEOUT_MILLIS,
                    descriptors(resident), new RegistrationOptions.AuthenticatorSelection(PREFERRED, false, PREFERRED),
                    "none");
        });
    }

    /**
     * The passkey of a registration response, verified in full against a challenge this node gave the resident.
     *
     * @throws ResidentKeyRefused as {@link WebAuthnCeremonies#register}, or {@code PASSKEY_EXISTS}
     */
    WebAuthnCeremonies.Registered verifyRegistration(Caller resident, String credentialJson) {
        WebAuthnCeremonies.Registered registered = ceremonies.register(credentialJson,
                challenge -> challenges.take(challenge, resident.id(), WebAuthnChallenges.Purpose.REGISTRATION));
        if (transactions.execute(status -> passkeys.existsById(registered.credentialId()))) {
            throw ResidentKeyRefused.passkeyExists();
        }
        return registered;
    }

    AssertionOptions approvalOptions(Caller resident, Hash32 challenge) {
        List<RegistrationOptions.Descriptor> allowed = transactions.execute(status -> descriptors(resident));
        if (allowed.isEmpty()) {
            throw ResidentKeyRefused.noPasskey();
        }
        return new AssertionOptions(BASE64URL.encodeToString(challenge.bytes()), relyingParty.id(), allowed, PREFERRED,
                TIMEOUT_MILLIS);
    }

    AssertionOptions signInOptions() {
        byte[] challenge = transactions.execute(status -> challenges.issue(null, WebAuthnChallenges.Purpose.SIGN_IN));
        return new AssertionOptions(BASE64URL.encodeToString(challenge), relyingParty.id(), List.of(), PREFERRED,
                TIMEOUT_MILLIS);
    }

    /** The approval the assertion makes with the stored key; the credential's counter moves on. */
    ResidentApproval approval(Caller resident, String credentialId, String authenticatorData, String clientDataJSON,
                              String signature) {
        Passkey passkey = transactions.execute(status -> passkeys.findByCredentialIdAndSubjectId(credentialId, resident.id()))
                .orElseThrow(ResidentKeyRefused::unknownPasskey);
        // what it approves is checked by whoever takes the approval; until then it has changed nothing, so its counter
        // is checked against the stored one but not stored: a refused approval cannot spoil the next genuine one
        verified(passkey, authenticatorData, clientDataJSON, signature, challenge -> true, false);
        return new ResidentApproval(passkey.key(), authenticatorData, clientDataJSON, signature);
    }

    /** The resident whose passkey signed a sign-in challenge of this node. */
    Caller signIn(String credentialId, String authenticatorData, String clientDataJSON, String signature) {
        Passkey passkey = transactions.execute(status -> passkeys.findById(credentialId == null ? "" : credentialId))
                .orElseThrow(ResidentKeyRefused::unknownPasskey);
        verified(passkey, authenticatorData, clientDataJSON, signature,
                challenge -> transactions.execute(status -> challenges.take(challenge, null, WebAuthnChallenges.Purpose.SIGN_IN)),
                true);
        return new Caller(passkey.subjectId(), Role.RESIDENT);
    }

    private void verified(Passkey passkey, String authenticatorData, String clientDataJSON, String signature,
                          java.util.function.Predicate<byte[]> challengeTaken, boolean recordUse) {
        long signCount = ceremonies.assertion(passkey, decode(authenticatorData), decode(clientDataJSON), decode(signature),
                challengeTaken);
        transactions.executeWithoutResult(status -> {
            Passkey current = passkeys.findById(passkey.credentialId()).orElseThrow(ResidentKeyRefused::unknownPasskey);
            if (signCount != 0 && signCount <= current.signCount()) {
                throw ResidentKeyRefused.passkeyInvalid("its signature counter went back: a copy of the passkey may be in use");
            }
            if (recordUse) {
                current.used(signCount, clock.instant());
            }
        });
    }

    /** How the authenticator names the resident's account: by this node, never by the resident's identifier. */
    private String label() {
        return "resident of " + relyingParty.name();
    }

    List<ResidentKeyView.Passkey> list(Caller resident) {
        return transactions.execute(status -> passkeys.findBySubjectIdOrderByCreatedAt(resident.id()).stream()
                .map(Passkey::view).toList());
    }

    private List<RegistrationOptions.Descriptor> descriptors(Caller resident) {
        return passkeys.findBySubjectIdOrderByCreatedAt(resident.id()).stream()
                .map(p -> new RegistrationOptions.Descriptor("public-key", p.credentialId())).toList();
    }

    private static byte[] decode(String base64url) {
        try {
            return Base64.getUrlDecoder().decode(base64url == null ? "" : base64url);
        } catch (IllegalArgumentException e) {
            throw ResidentKeyRefused.malformedPasskey();
        }
    }
}
