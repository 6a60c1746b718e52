package org.hashbridge.node.chain;

/**
 * A transaction's receipt as the chain holds it: whether it succeeded, where it was mined, who sent it to what,
 * the gas it used and how many events it emitted.
 */
public record TransactionOnChain(boolean succeeded, long block, String blockHash, String from, String to, long gasUsed,
                                 int events) {
}
