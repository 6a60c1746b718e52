package org.hashbridge.node.admin;

import java.time.Clock;
import org.hashbridge.node.OperatorAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Copies the operator accounts of {@code hashbridge.admin.operators} into the database at start: a new
 * account is created, an existing one takes the configured hash (a password change, which also lifts a
 * lock). Nothing is deleted. Each change goes to the audit trail, by {@code provisioning}.
 */
@Component
class OperatorProvisioning implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(OperatorProvisioning.class);

    private final AdminProperties settings;
    private final OperatorAccountRepository accounts;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OperatorProvisioning(AdminProperties settings, OperatorAccountRepository accounts, TransactionTemplate transactions,
                         ApplicationEventPublisher events, Clock clock) {
        this.settings = settings;
        this.accounts = accounts;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        transactions.executeWithoutResult(status -> settings.operators().forEach(this::upsert));
        if (!settings.operators().isEmpty()) {
            log.info("provisioned {} operator accounts", settings.operators().size());
        } else if (accounts.count() == 0) {
            log.warn("no operator account: the dashboard and the operator API refuse every sign-in"
                    + " (set hashbridge.admin.operators, see docs/dashboard.md)");
        }
    }

    private void upsert(AdminProperties.Operator operator) {
        accounts.findById(operator.username()).ifPresentOrElse(existing -> {
            if (!existing.passwordHash().equals(operator.passwordHash())) {
                existing.changePasswordHash(operator.passwordHash());
                events.publishEvent(new OperatorAction("OPERATOR_PASSWORD_CHANGED", operator.username(), ""));
            }
        }, () -> {
            accounts.save(new OperatorAccount(operator.username(), operator.passwordHash(), clock.instant()));
            events.publishEvent(new OperatorAction("OPERATOR_CREATED", operator.username(), ""));
        });
    }
}
