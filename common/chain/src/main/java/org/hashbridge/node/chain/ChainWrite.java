package org.hashbridge.node.chain;

import java.time.Instant;
import java.util.Objects;

/**
 * A transaction the registry accepted: it is mined in {@code blockNumber} with status success.
 * Being mined is not being final; readers only see it once enough confirmations follow.
 *
 * @param txHash      the transaction hash, {@code 0x}-prefixed lower-case hex
 * @param blockNumber the block that holds the transaction
 * @param blockTime   that block's timestamp, to the second
 */
public record ChainWrite(String txHash, long blockNumber, Instant blockTime) {

    public ChainWrite {
        Objects.requireNonNull(txHash, "txHash");
        Objects.requireNonNull(blockTime, "blockTime");
        if (blockNumber < 0) {
            throw new IllegalArgumentException("blockNumber must not be negative");
        }
    }
}
