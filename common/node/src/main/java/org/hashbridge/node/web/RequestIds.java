package org.hashbridge.node.web;

import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The id that ties one request's log lines and its answer together: the caller's own {@value #HEADER} when it is
 * well formed (1 to {@value #MAX_LENGTH} characters among letters, digits and {@code - _ . :}), so that a bank
 * can follow its request into the node's log; otherwise a new random UUID. Nothing else a client sends reaches
 * the log this way, and no such id can break a log line or a header. While a request is served the id is in the
 * logging context ({@link MDC}) under {@value #MDC_KEY}, which every log line and every problem document reads.
 */
public final class RequestIds {

    /** The request and response header. */
    public static final String HEADER = "X-Request-Id";
    /** The key of the logging context, and the property every problem carries. */
    public static final String MDC_KEY = "requestId";
    /** The request attribute that keeps the id for the error dispatches that follow the request. */
    static final String ATTRIBUTE = RequestIds.class.getName();
    static final int MAX_LENGTH = 64;

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

    private RequestIds() {
    }

    /** {@code offered} when it is well formed, else a new id. */
    static String acceptOrCreate(String offered) {
        return offered != null && WELL_FORMED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    /** The id of the request being served on this thread; null outside a request. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }
}
