package org.hashbridge.node.verification;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How answered verifications are stored ({@link VerificationWriter}).
 *
 * @param maxGroup    the most verifications stored in one transaction (one JDBC batch); at most
 *                    {@code hibernate.jdbc.batch_size} (500), so a group is one batch
 * @param storeWithin how long a request waits for its verification to be stored before it is refused with 503;
 *                    above the connection pool's timeout, so a database that is merely slow still answers
 * @param readGroups  the most read-only transactions the checks of verifications hold at once, each shared by the
 *                    requests that arrived while the one before was under way ({@link SharedReads}); below the
 *                    connection pool's size, which the other work of the node shares
 */
@Validated
@ConfigurationProperties("hashbridge.verification")
record VerificationProperties(@Min(1) @Max(500) Integer maxGroup, Duration storeWithin, @Min(1) Integer readGroups) {

    VerificationProperties {
        maxGroup = maxGroup == null ? 256 : maxGroup;
        storeWithin = storeWithin == null ? Duration.ofSeconds(30) : storeWithin;
        readGroups = readGroups == null ? 4 : readGroups;
    }

    static VerificationProperties defaults() {
        return new VerificationProperties(null, null, null);
    }
}
