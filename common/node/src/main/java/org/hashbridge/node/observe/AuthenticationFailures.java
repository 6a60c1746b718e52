package org.hashbridge.node.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The counter {@code hashbridge.authentication.failures}, by {@code kind}: {@code api-key} (a bearer secret that
 * matches no institution or resident) and {@code operator} (a failed operator login). Those who count a failure
 * increment it where it happens, through Micrometer's registry; this makes each series exist from the start, at
 * 0, so that a rate or an alert on it sees the first failure too.
 */
@Component
class AuthenticationFailures {

    static final String NAME = "hashbridge.authentication.failures";

    AuthenticationFailures(MeterRegistry meters) {
        for (String kind : new String[]{"api-key", "operator"}) {
            Counter.builder(NAME).tag("kind", kind).description("credentials refused").register(meters);
        }
    }
}
