package org.hashbridge.node.institution;

import java.util.List;
import org.hashbridge.node.config.NodeProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * This node as a WebAuthn relying party: the rp id passkeys are made for, its name, and the origins the resident page
 * is served from ({@code hashbridge.residents.*}); without configured origins, the node's own
 * {@code http://localhost:<port>}, known once its web server has started.
 */
@Component
class RelyingParty {

    private final ResidentProperties properties;
    private final NodeProperties node;
    private volatile List<String> ownOrigins = List.of();

    RelyingParty(ResidentProperties properties, NodeProperties node) {
        this.properties = properties;
        this.node = node;
    }

    @EventListener
    void serverStarted(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            ownOrigins = List.of("http://localhost:" + event.getWebServer().getPort());
        }
    }

    String id() {
        return properties.rpId();
    }

    /** What an authenticator shows for this node: "HashBridge HK". */
    String name() {
        return "HashBridge " + node.jurisdiction();
    }

    /** The origins an assertion or a registration may come from. */
    List<String> origins() {
        return properties.origins().isEmpty() ? ownOrigins : properties.origins();
    }
}
