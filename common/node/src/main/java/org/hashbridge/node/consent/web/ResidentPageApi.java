package org.hashbridge.node.consent.web;

import com.nimbusds.jose.jwk.Curve;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.consent.ConsentService;
import org.hashbridge.node.consent.ConsentView;
import org.hashbridge.node.institution.AssertionOptions;
import org.hashbridge.node.institution.Caller;
import org.hashbridge.node.institution.RegistrationOptions;
import org.hashbridge.node.institution.ResidentKeyView;
import org.hashbridge.node.institution.ResidentKeys;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.InvalidInput;
import org.hashbridge.protocol.ResidentApproval;
import org.hashbridge.protocol.ResidentChallenges;
import org.hashbridge.protocol.ResidentKey;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The resident page's passkey ceremonies, as JSON for its script (session and CSRF token, as the page): options for
 * {@code navigator.credentials.create} or {@code .get}, then what the browser answered, made into the resident's
 * approval ({@link ResidentKeys#approvalFromPasskey}) and handed to the service that acts on it. Each answer names the
 * page to show next; a refusal is a problem whose {@code message} is in the page's language
 * ({@link ResidentPageApiAdvice}).
 */
@RestController
@RequestMapping(path = "/resident/api", produces = MediaType.APPLICATION_JSON_VALUE)
class ResidentPageApi {

    /** What the browser's {@code navigator.credentials.get} answered, in base64url. */
    record Assertion(String credentialId, String authenticatorData, String clientDataJSON, String signature) {
    }

    /**
     * A new passkey ({@code PublicKeyCredential} as JSON) and, when it replaces the bound key, the bound passkey's
     * assertion over the replacement.
     */
    record Registration(JsonNode credential, Assertion replacement) {
    }

    /** The new passkey's public key, SubjectPublicKeyInfo DER in base64url, as the browser's {@code getPublicKey()} gives it. */
    record NewKey(String publicKey) {
    }

    /** What the page shows next. */
    record Next(String status, String next) {
    }

    private final ResidentKeys keys;
    private final ConsentService consents;

    ResidentPageApi(ResidentKeys keys, ConsentService consents) {
        this.keys = keys;
        this.consents = consents;
    }

    @GetMapping("/passkey/options")
    RegistrationOptions passkeyOptions(@AuthenticationPrincipal Caller resident) {
        return keys.passkeyOptions(resident);
    }

    /**
     * Options for the bound passkey to approve handing the binding over to a new key: the replacement challenge the
     * registry checks (chain, registry, jurisdiction, binding, the new key's hash, the binding's nonce). A key other than
     * the one registered next makes an approval the node refuses ({@code APPROVAL_CHALLENGE_MISMATCH}).
     */
    @PostMapping(path = "/passkey/replacement-options", consumes = MediaType.APPLICATION_JSON_VALUE)
    AssertionOptions replacementOptions(@AuthenticationPrincipal Caller resident, @RequestBody NewKey key) {
        ResidentKeyView current = keys.current(resident);
        Hash32 challenge = ResidentChallenges.keyReplacement(current.chainId(), address(current.registry()),
                ResidentChallenges.jurisdiction(current.jurisdiction()), Hash32.fromHex(current.binding()),
                residentKey(key.publicKey()).hash(), current.nonce());
        return keys.approvalOptions(resident, challenge);
    }

    @PostMapping(path = "/passkey", consumes = MediaType.APPLICATION_JSON_VALUE)
    Next registerPasskey(@AuthenticationPrincipal Caller resident, @RequestBody Registration registration) {
        if (registration.credential() == null || !registration.credential().isObject()) {
            throw new NodeException(NodeException.Kind.INVALID, "MALFORMED_PASSKEY", "Malformed passkey",
                    "credential is the PublicKeyCredential the browser made, as JSON");
        }
        ResidentApproval replacement = registration.replacement() == null ? null
                : approval(resident, registration.replacement());
        ResidentKeyView key = keys.registerPasskey(resident, registration.credential().toString(), replacement);
        return new Next(key.latest().map(ResidentKeyView.Registration::status).orElse("PENDING"), "/resident/passkey");
    }

    @GetMapping("/consents/{id}/approval-options")
    AssertionOptions approvalOptions(@AuthenticationPrincipal Caller resident, @PathVariable UUID id) {
        ConsentView consent = consents.find(resident, id);
        return keys.approvalOptions(resident, challenge(consent.challenge().orElseThrow(() -> notAwaiting())));
    }

    @PostMapping(path = "/consents/{id}/approval", consumes = MediaType.APPLICATION_JSON_VALUE)
    Next approve(@AuthenticationPrincipal Caller resident, @PathVariable UUID id, @RequestBody Assertion assertion) {
        ConsentView consent = consents.approve(resident, id, approval(resident, assertion));
        return new Next(consent.status().name(), "/resident/consents/" + id + "?approved");
    }

    @GetMapping("/consents/{id}/revocation-options")
    AssertionOptions revocationOptions(@AuthenticationPrincipal Caller resident, @PathVariable UUID id) {
        ConsentView consent = consents.find(resident, id);
        return keys.approvalOptions(resident, challenge(consent.revocationChallenge().orElseThrow(() ->
                new NodeException(NodeException.Kind.CONFLICT, "NOT_RESIDENT_SIGNED", "Not resident-signed",
                        "this consent was collected by the operator: withdraw it without a passkey"))));
    }

    @PostMapping(path = "/consents/{id}/revocation", consumes = MediaType.APPLICATION_JSON_VALUE)
    Next revoke(@AuthenticationPrincipal Caller resident, @PathVariable UUID id, @RequestBody Assertion assertion) {
        ConsentView consent = consents.revokeSigned(resident, id, approval(resident, assertion));
        return new Next(consent.status().name(), "/resident/consents/" + id + "?revoked");
    }

    /** Options for the bound passkey to stop a key recovery the home operator started. */
    @GetMapping("/recovery/cancellation-options")
    AssertionOptions cancellationOptions(@AuthenticationPrincipal Caller resident) {
        ResidentKeyView current = keys.current(resident);
        Hash32 challenge = ResidentChallenges.recoveryCancellation(current.chainId(), address(current.registry()),
                ResidentChallenges.jurisdiction(current.jurisdiction()), Hash32.fromHex(current.binding()), current.nonce());
        return keys.approvalOptions(resident, challenge);
    }

    @PostMapping(path = "/recovery/cancellation", consumes = MediaType.APPLICATION_JSON_VALUE)
    Next cancelRecovery(@AuthenticationPrincipal Caller resident, @RequestBody Assertion assertion) {
        ResidentKeyView key = keys.cancelRecovery(resident, approval(resident, assertion));
        return new Next(key.pendingRecovery().isPresent() ? "RECOVERING" : "CANCELLED", "/resident/passkey");
    }

    private ResidentApproval approval(Caller resident, Assertion assertion) {
        if (assertion == null) {
            throw InvalidInput.of("MALFORMED_APPROVAL", "an assertion is the credential id and what it signed");
        }
        return keys.approvalFromPasskey(resident, assertion.credentialId(), assertion.authenticatorData(),
                assertion.clientDataJSON(), assertion.signature());
    }

    private static NodeException notAwaiting() {
        return new NodeException(NodeException.Kind.CONFLICT, "CONSENT_NOT_AWAITING_APPROVAL", "Not awaiting approval",
                "this consent is not waiting for the resident's approval");
    }

    private static Hash32 challenge(String base64url) {
        return Hash32.of(Base64.getUrlDecoder().decode(base64url));
    }

    /** A registry address, {@code 0x} and 40 hex digits, as its 20 bytes. */
    private static byte[] address(String registry) {
        return HexFormat.of().parseHex(registry.substring(2).toLowerCase(Locale.ROOT));
    }

    /** @throws InvalidInput {@code MALFORMED_PASSKEY} unless it is a P-256 public key in SubjectPublicKeyInfo form */
    static ResidentKey residentKey(String spki) {
        try {
            byte[] der = Base64.getUrlDecoder().decode(spki == null ? "" : spki);
            if (KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der)) instanceof ECPublicKey ec
                    && Curve.forECParameterSpec(ec.getParams()) == Curve.P_256) {
                return ResidentKey.of(ec);
            }
        } catch (GeneralSecurityException | IllegalArgumentException | InvalidInput e) {
            // refused below
        }
        throw InvalidInput.of("MALFORMED_PASSKEY", "publicKey is a P-256 key's SubjectPublicKeyInfo, base64url");
    }
}
