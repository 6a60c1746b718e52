package org.hashbridge.node.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the node's chain writes behave. Each write is an outbox step: stored before it is sent, sent
 * outside any database transaction, completed once its event is on chain.
 *
 * @param answerWithin  how long a request that writes the chain (consent grant and revocation, anchor
 *                      revocation) waits for its write before answering 202 with a pending status
 * @param lease         how long one node instance may take to send a step before another instance (or
 *                      the same one after a restart) sends it again; keep it above twice
 *                      {@code hashbridge.chain.timeout}, since a write can wait that long for the account
 *                      and again for its receipt. Sending twice is safe, only wasteful
 * @param retryInterval how often pending consents and revocations are sent again
 * @param auditInterval how often the node checks that the chain still holds its newest writes
 */
@Validated
@ConfigurationProperties("hashbridge.outbox")
public record OutboxProperties(Duration answerWithin, Duration lease, Duration retryInterval, Duration auditInterval) {

    public OutboxProperties {
        answerWithin = answerWithin == null ? Duration.ofSeconds(5) : answerWithin;
        lease = lease == null ? Duration.ofSeconds(75) : lease;
        retryInterval = retryInterval == null ? Duration.ofSeconds(1) : retryInterval;
        auditInterval = auditInterval == null ? Duration.ofSeconds(30) : auditInterval;
    }
}
