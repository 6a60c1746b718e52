package org.hashbridge.node.institution;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The resident page as a WebAuthn relying party.
 *
 * @param rpId    the relying party id passkeys are made for: the host name the resident page is served under
 *                ({@code residents.hk-operator.example}), never changed afterwards (a passkey works only for its rp
 *                id); {@code localhost} by default, for the sandbox
 * @param origins the exact origins the resident page is served from ({@code https://residents.hk-operator.example});
 *                unset, the node's own {@code http://localhost:<port>}, for the sandbox
 */
@Validated
@ConfigurationProperties("hashbridge.residents")
record ResidentProperties(String rpId, List<String> origins) {

    ResidentProperties {
        rpId = rpId == null || rpId.isBlank() ? "localhost" : rpId.strip();
        origins = origins == null ? List.of() : origins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
    }
}
