package org.hashbridge.node.consent.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hashbridge.node.institution.AssertionOptions;
import org.hashbridge.node.institution.Caller;
import org.hashbridge.node.institution.ResidentKeys;
import org.hashbridge.protocol.InvalidInput;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signing in to the resident page with a registered passkey, once the resident has one: options for
 * {@code navigator.credentials.get} (a fresh challenge, any of this node's passkeys), then the assertion, checked in
 * full by {@link ResidentKeys#signInWithPasskey}; the resident it names is signed in to the page's session.
 */
@RestController
@RequestMapping(path = "/resident/login", produces = MediaType.APPLICATION_JSON_VALUE)
class ResidentPasskeySignIn {

    private final ResidentKeys keys;
    private final ResidentSessions sessions;

    ResidentPasskeySignIn(ResidentKeys keys, ResidentSessions sessions) {
        this.keys = keys;
        this.sessions = sessions;
    }

    @GetMapping("/passkey-options")
    AssertionOptions options() {
        return keys.signInOptions();
    }

    @PostMapping(path = "/passkey", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResidentPageApi.Next signIn(@RequestBody ResidentPageApi.Assertion assertion, HttpServletRequest request,
                                HttpServletResponse response) {
        if (assertion == null) {
            throw InvalidInput.of("MALFORMED_APPROVAL", "an assertion is the credential id and what it signed");
        }
        Caller resident = keys.signInWithPasskey(assertion.credentialId(), assertion.authenticatorData(),
                assertion.clientDataJSON(), assertion.signature());
        sessions.signIn(resident, request, response);
        return new ResidentPageApi.Next("SIGNED_IN", "/resident");
    }
}
