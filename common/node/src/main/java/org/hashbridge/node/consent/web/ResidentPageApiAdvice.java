package org.hashbridge.node.consent.web;

import java.util.Locale;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.web.Problems;
import org.hashbridge.protocol.InvalidInput;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A refusal to the resident page's script: the problem the API would answer, with a {@code message} in the page's
 * language that the script shows as it is (it holds no text of its own). Other failures are the node's usual problems.
 */
@RestControllerAdvice(assignableTypes = {ResidentPageApi.class, ResidentPasskeySignIn.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class ResidentPageApiAdvice {

    private final Refusals refusals;

    /** Made of the message source alone, so that the web slices of other controllers, which see this advice, need nothing more. */
    ResidentPageApiAdvice(MessageSource messages) {
        this.refusals = new Refusals(messages);
    }

    @ExceptionHandler({NodeException.class, InvalidInput.class})
    ResponseEntity<ProblemDetail> refused(RuntimeException e, Locale locale) {
        Refusals.Refusal refusal = refusals.of(e, locale);
        ProblemDetail problem = Problems.of(refusal.status(), refusal.code(), "Refused", e.getMessage());
        problem.setProperty("message", refusal.message());
        if (e instanceof NodeException refused) {
            refused.properties().forEach(problem::setProperty);
        }
        return ResponseEntity.status(refusal.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
