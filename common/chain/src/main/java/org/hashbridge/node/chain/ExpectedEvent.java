package org.hashbridge.node.chain;

import java.util.List;
import java.util.Locale;
import org.hashbridge.protocol.Hash32;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The event a registry write must emit, with the indexed values it must carry. A transaction mined with
 * status success but without it did not write the registry: a call to an address without the registry's
 * code (a chain reset before the registry was deployed again) succeeds and emits nothing.
 *
 * @param event   the registry event
 * @param indexed its first indexed topics, in order; null for one that may be anything
 */
record ExpectedEvent(Event event, List<Hash32> indexed) {

    static ExpectedEvent of(Event event, Hash32... indexed) {
        return new ExpectedEvent(event, java.util.Collections.unmodifiableList(java.util.Arrays.asList(indexed.clone())));
    }

    /** True when {@code receipt} holds this event, emitted by {@code registry}. */
    boolean emittedIn(TransactionReceipt receipt, String registry) {
        return logsOf(receipt, registry, event).stream().anyMatch(this::carriesIndexed);
    }

    /** The logs of {@code event} that {@code registry} emitted in {@code receipt}. */
    static List<Log> logsOf(TransactionReceipt receipt, String registry, Event event) {
        String signature = EventEncoder.encode(event);
        return receipt.getLogs().stream()
                .filter(log -> log.getAddress() != null && log.getAddress().equalsIgnoreCase(registry))
                .filter(log -> !log.getTopics().isEmpty() && log.getTopics().get(0).equalsIgnoreCase(signature))
                .toList();
    }

    private boolean carriesIndexed(Log log) {
        List<String> topics = log.getTopics();
        if (topics.size() < indexed.size() + 1) {
            return false;
        }
        for (int i = 0; i < indexed.size(); i++) {
            if (indexed.get(i) != null && !topics.get(i + 1).toLowerCase(Locale.ROOT).equals(indexed.get(i).prefixedHex())) {
                return false;
            }
        }
        return true;
    }

    String name() {
        return event.getName();
    }
}
