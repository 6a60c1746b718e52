package org.hashbridge.node.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.hashbridge.node.OperatorAction;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit trail: every {@link OperatorAction} stored with who did it, when and from where, in the
 * transaction that published it (so it is stored exactly when the change commits). Who is the signed-in
 * operator; for a sign-in attempt, the account it names; otherwise {@code provisioning} while the node
 * starts, {@code anonymous} in a request and {@code system} outside one. The table is append-only: the database refuses to change a row.
 */
@Component
public class AuditTrail {

    /** One recorded action, as the trail shows it. */
    public record Entry(long id, Instant at, String actor, String action, String target, String detail,
                        String remoteAddress) {
    }

    static final String LOGIN = "OPERATOR_LOGIN";
    static final String LOGIN_FAILED = "OPERATOR_LOGIN_FAILED";
    static final String LOGIN_REFUSED_LOCKED = "OPERATOR_LOGIN_REFUSED_LOCKED";
    static final String LOCKED = "OPERATOR_LOCKED";
    static final String LOGOUT = "OPERATOR_LOGOUT";
    private static final java.util.Set<String> SIGN_IN = java.util.Set.of(LOGIN, LOGIN_FAILED, LOGIN_REFUSED_LOCKED, LOCKED);

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile boolean started;

    AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener(ApplicationStartedEvent.class)
    void nodeStarted() {
        started = true;
    }

    @EventListener
    void record(OperatorAction action) {
        HttpServletRequest request = currentRequest();
        jdbc.sql("insert into operator_audit (at, actor, action, target, detail, remote_address) values (?, ?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), actor(request, action), action.action(), clip(action.target(), 200),
                        clip(action.detail(), 500), request == null ? null : request.getRemoteAddr())
                .update();
    }

    /**
     * A page of the trail, newest first.
     *
     * @param page from 0
     */
    public Listing<Entry> page(int page, int size) {
        List<Entry> rows = jdbc.sql("select id, at, actor, action, target, detail, remote_address from operator_audit"
                        + " order by at desc, id desc limit ? offset ?")
                .params(size + 1, Listing.offset(page, size))
                .query((rs, n) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
        return Listing.of(rows, Math.max(page, 0), size);
    }

    private String actor(HttpServletRequest request, OperatorAction action) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return clip(authentication.getName(), 64);
        }
        if (SIGN_IN.contains(action.action())) {
            return clip(action.target(), 64);
        }
        if (!started) {
            return "provisioning";
        }
        return request != null ? "anonymous" : "system";
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
