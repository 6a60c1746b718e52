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
 * @param maxBatchSize  the most leaves one Merkle root covers (a proof of {@code ceil(log2(maxBatchSize))} hashes); a
 *                      round shares an issuer's pending leaves evenly between as few roots as this allows
 * @param maxBulkItems  the most anchors one {@code POST /api/v1/anchors:batch} may ask for; its body may take
 *                      {@value #BULK_BYTES_PER_ITEM} bytes per item
 */
@Validated
@ConfigurationProperties("hashbridge.anchoring")
public record AnchoringProperties(Duration batchInterval, @Min(1) @Max(65536) int maxBatchSize,
                                  @Min(1) @Max(100_000) int maxBulkItems) {

    /** Room for one item of the largest form, every character escaped, with its JSON punctuation. */
    public static final int BULK_BYTES_PER_ITEM = 2048;

    public AnchoringProperties {
        batchInterval = batchInterval == null ? Duration.ofMillis(500) : batchInterval;
        maxBatchSize = maxBatchSize == 0 ? 16_384 : maxBatchSize;
        maxBulkItems = maxBulkItems == 0 ? 10_000 : maxBulkItems;
    }

    /** The most bytes a bulk anchoring request's body may take. */
    public long maxBulkBodyBytes() {
        return (long) maxBulkItems * BULK_BYTES_PER_ITEM;
    }
}
