package org.hashbridge.node.web;

import org.hashbridge.node.NodeException;
import org.hashbridge.node.chain.ChainRejected;
import org.hashbridge.protocol.InvalidInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem with a stable {@code code}. Bad input is a 4xx naming
 * what was wrong; an unexpected failure is a 500 or 503 that says nothing of its cause.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<ProblemDetail> invalidInput(InvalidInput e) {
        return problem(Problems.of(HttpStatus.BAD_REQUEST, e.code(), "Invalid request", e.getMessage()));
    }

    @ExceptionHandler(NodeException.class)
    ResponseEntity<ProblemDetail> refused(NodeException e) {
        ProblemDetail problem = Problems.of(Problems.status(e.kind()), e.code(), e.title(), e.getMessage());
        e.properties().forEach(problem::setProperty);
        return problem(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badPathValue(MethodArgumentTypeMismatchException e) {
        return problem(Problems.of(HttpStatus.BAD_REQUEST, "INVALID_" + e.getName().replaceAll("([a-z])([A-Z])", "$1_$2")
                .toUpperCase(java.util.Locale.ROOT), "Invalid request", e.getName() + " is not well formed"));
    }

    @ExceptionHandler(ChainRejected.class)
    ResponseEntity<ProblemDetail> chainRejected(ChainRejected e) {
        log.error("the registry refused a write: {}", e.getMessage());
        return problem(Problems.of(HttpStatus.CONFLICT, "CHAIN_REJECTED", "Refused by the registry",
                "the registry contract refused the change (" + e.error() + "); nothing was changed"));
    }

    /**
     * Two requests changed the same row at once (an optimistic lock failed, a lock could not be had):
     * the later one is refused, as any conflict is, and may be retried against the new state.
     */
    @ExceptionHandler(ConcurrencyFailureException.class)
    ResponseEntity<ProblemDetail> concurrentChange(ConcurrencyFailureException e) {
        log.info("refused a concurrent change: {}", e.getClass().getSimpleName());
        return problem(Problems.of(HttpStatus.CONFLICT, "CONCURRENT_CHANGE", "Concurrent change",
                "another request changed this resource at the same time; read it again and retry if still needed"));
    }

    /** The firewall checks a parameter or header only when it is read; answered as the firewall answers. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(HttpServletRequest request) {
        return problem(FirewallConfiguration.rejected(request));
    }

    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        // its message may quote the rows of the statement that failed: told without it
        log.error("database failure: {}", Failures.describe(e));
        return problem(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "DATABASE_UNAVAILABLE", "Storage unavailable",
                "the node could not store the request; nothing was answered, retry later"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidInput invalid) {
                return widen(invalidInput(invalid));
            }
            if (cause instanceof BodySizeLimitFilter.BodyTooLarge) {
                return widen(problem(BodySizeLimitFilter.tooLarge()));
            }
        }
        return widen(problem(Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_JSON", "Malformed request body",
                "the body is not the JSON this call expects")));
    }

    /** Spring MVC's own exceptions (415, 405, 406, 404, ...) keep their status and get a code. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail : ProblemDetail.forStatus(status);
        String code = HttpStatus.valueOf(status.value()).name();
        ProblemDetail coded = Problems.of(status, code, problem.getTitle(), problem.getDetail());
        HttpHeaders answer = new HttpHeaders();
        answer.putAll(headers);
        answer.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(coded, answer, status);
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
        log.error("unexpected failure", e);
        return problem(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Internal error",
                "the node could not answer; nothing was changed"));
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> widen(ResponseEntity<ProblemDetail> entity) {
        return (ResponseEntity) entity;
    }
}
