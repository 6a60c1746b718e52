package org.hashbridge.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import org.web3j.crypto.Hash;
import tools.jackson.databind.JsonNode;

/** The registry's events as the chain holds them, read over JSON-RPC as any observer of the chain could. */
final class RegistryLog {

    static final String CONSENT_RECORDED = topic("ConsentRecorded(bytes32,bytes32,bytes32,uint64)");
    static final String CONSENT_ACCESSED = topic("ConsentAccessed(bytes32,bytes32,bytes32,bool)");
    static final String LEAF_REVOKED = topic("LeafRevoked(bytes32,bytes32,bytes32)");
    static final String ROOT_ANCHORED = topic("RootAnchored(bytes32,bytes32,address,uint32)");

    private RegistryLog() {
    }

    /** The first topic of an event: the Keccak-256 of its signature. */
    static String topic(String signature) {
        return Hash.sha3String(signature);
    }

    /** Every event of the sandbox's registry since block 0, counted by its first topic. */
    static Map<String, Long> eventsByTopic(Sandbox sandbox) {
        String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getLogs\",\"params\":[{\"address\":\""
                + sandbox.registryAddress() + "\",\"fromBlock\":\"0x0\",\"toBlock\":\"latest\"}]}";
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.rpcUrl()))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(call)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode logs = Api.JSON.readTree(response.body()).path("result");
            if (!logs.isArray()) {
                throw new IllegalStateException("eth_getLogs answered " + response.body());
            }
            Map<String, Long> events = new TreeMap<>();
            for (JsonNode log : logs) {
                events.merge(log.path("topics").path(0).asString(), 1L, Long::sum);
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static long count(Sandbox sandbox, String topic) {
        return eventsByTopic(sandbox).getOrDefault(topic, 0L);
    }
}
