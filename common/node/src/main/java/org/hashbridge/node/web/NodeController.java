package org.hashbridge.node.web;

import java.util.List;
import java.util.Map;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.config.NodeKeys;
import org.hashbridge.node.config.NodeProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public facts about this node: who runs it, which chain and registry, and its receipt keys. */
@RestController
@RequestMapping("/api/v1")
class NodeController {

    record NodeInfo(String operator, String jurisdiction, long chainId, String registryAddress,
                    List<String> digestAlgorithms, String operatorAddress, List<String> languages) {
    }

    private final NodeProperties node;
    private final RegistryChain chain;
    private final NodeKeys keys;

    NodeController(NodeProperties node, RegistryChain chain, NodeKeys keys) {
        this.node = node;
        this.chain = chain;
        this.keys = keys;
    }

    @GetMapping(path = "/node", produces = MediaType.APPLICATION_JSON_VALUE)
    NodeInfo node() {
        return new NodeInfo(node.operator(), node.jurisdiction(), chain.chainId(), chain.registryAddress(),
                node.digestAlgorithms(), chain.operatorAddress(), node.languages());
    }

    /**
     * The JWKS that verifies this node's receipts (RFC 7517), each key with its {@code alg}: the key it signs
     * with (Ed25519, or SM2 under the {@code sm} profile), then the keys of the receipts it signed before with
     * other algorithms.
     */
    @GetMapping(path = "/receipt-keys", produces = {"application/jwk-set+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<Map<String, Object>> receiptKeys() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
                .body(keys.receiptKeys().toJSONObject());
    }
}
