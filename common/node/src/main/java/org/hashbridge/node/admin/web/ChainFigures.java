package org.hashbridge.node.admin.web;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hashbridge.node.chain.ChainUnavailable;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.chain.TransactionOnChain;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This node on the chain: the registry, its operator account and that account's balance, and its latest
 * transactions from the outbox tables with their receipts (the balance and the receipts read from the chain through
 * the node's chain client).
 */
@Component
class ChainFigures {

    /** A chain write of this node: what it wrote, where it stands, and when the node asked for it. */
    record Transaction(String txHash, String kind, Long block, String status, Instant at) {
    }

    private final RegistryChain chain;
    private final JdbcClient jdbc;

    ChainFigures(RegistryChain chain, JdbcClient jdbc) {
        this.chain = chain;
        this.jdbc = jdbc;
    }

    long chainId() {
        return chain.chainId();
    }

    String registryAddress() {
        return chain.registryAddress();
    }

    String operatorAddress() {
        return chain.operatorAddress();
    }

    /** The operator account's balance in wei, or empty when the chain does not answer. */
    Optional<BigInteger> operatorBalance() {
        try {
            return Optional.of(chain.operatorBalance());
        } catch (ChainUnavailable e) {
            return Optional.empty();
        }
    }

    /** The receipt of {@code txHash} as the chain holds it now; empty when it holds none or does not answer. */
    Optional<TransactionOnChain> receipt(String txHash) {
        try {
            return chain.receipt(txHash);
        } catch (ChainUnavailable e) {
            return Optional.empty();
        }
    }

    List<Transaction> latestTransactions(int limit) {
        return jdbc.sql("""
                select * from (
                    select tx_hash, 'ANCHOR_ROOT' kind, block_number, status, created_at at from anchor_batch
                        where tx_hash is not null
                    union all
                    select tx_hash, 'CONSENT', block_number, status, issued_at from consent where tx_hash is not null
                    union all
                    select access_tx, 'ACCESS', access_block, access_status, verified_at from verification
                        where access_tx is not null
                ) writes order by at desc limit ?
                """).param(limit)
                .query((rs, n) -> new Transaction(rs.getString(1), rs.getString(2), (Long) rs.getObject(3),
                        rs.getString(4), NodeFigures.instant(rs.getTimestamp(5))))
                .list();
    }
}
