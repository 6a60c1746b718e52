package org.hashbridge.node.consent.web;

import java.util.Locale;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.web.Problems;
import org.hashbridge.protocol.InvalidInput;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A refusal of the services, as the resident page tells it: the status the API would answer, its stable code, and a
 * sentence in the page's language ({@code resident.refused.<CODE>}, or a general one naming the code).
 */
@Component
class Refusals {

    /** What a refusal is: its HTTP status, code and the sentence the resident reads. */
    record Refusal(HttpStatus status, String code, String message) {
    }

    private final MessageSource messages;

    Refusals(MessageSource messages) {
        this.messages = messages;
    }

    /** The refusal {@code e} is, or null when it is none the services make (then it is not the page's to tell). */
    Refusal of(RuntimeException e, Locale locale) {
        if (e instanceof NodeException refused) {
            return new Refusal(Problems.status(refused.kind()), refused.code(), message(refused.code(), locale));
        }
        if (e instanceof InvalidInput invalid) {
            return new Refusal(HttpStatus.BAD_REQUEST, invalid.code(), message(invalid.code(), locale));
        }
        return null;
    }

    String message(String code, Locale locale) {
        String fallback = messages.getMessage("resident.refused.other", new Object[] {code}, locale);
        return messages.getMessage("resident.refused." + code, null, fallback, locale);
    }
}
