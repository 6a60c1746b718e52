package org.hashbridge.node.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the anchoring outbox batches submissions.
 *
 * @param batchInterval how often pending submissions are batched and anchored
 * @param maxBatchSize  the most leaves one Merkle root covers
 */
@Validated
@ConfigurationProperties("hashbridge.anchoring")
public record AnchoringProperties(Duration batchInterval, @Min(1) @Max(65536) int maxBatchSize) {

    public AnchoringProperties {
        batchInterval = batchInterval == null ? Duration.ofMillis(500) : batchInterval;
        maxBatchSize = maxBatchSize == 0 ? 1024 : maxBatchSize;
    }
}
