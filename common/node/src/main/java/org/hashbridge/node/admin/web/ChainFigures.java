package org.hashbridge.node.admin.web;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hashbridge.node.chain.RegistryChain;
import org.hashbridge.node.config.ChainProperties;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * This node on the chain: the registry, its operator account and that account's balance (read from the chain,
 * the one figure of the dashboard that is), and its latest transactions from the outbox tables.
 */
@Component
class ChainFigures {

    /** A chain write of this node: what it wrote, where it stands, and when the node asked for it. */
    record Transaction(String txHash, String kind, Long block, String status, Instant at) {
    }

    private final RegistryChain chain;
    private final JdbcClient jdbc;
    private final RestClient rpc;

    ChainFigures(RegistryChain chain, ChainProperties settings, JdbcClient jdbc) {
        this.chain = chain;
        this.jdbc = jdbc;
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(2));
        requests.setReadTimeout(Duration.ofSeconds(2));
        this.rpc = RestClient.builder().baseUrl(settings.rpcUrl()).requestFactory(requests).build();
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
            Map<?, ?> answer = rpc.post().body(Map.of("jsonrpc", "2.0", "id", 1, "method", "eth_getBalance",
                    "params", List.of(chain.operatorAddress(), "latest"))).retrieve().body(Map.class);
            return answer != null && answer.get("result") instanceof String hex && hex.startsWith("0x")
                    ? Optional.of(new BigInteger(hex.substring(2), 16)) : Optional.empty();
        } catch (RestClientException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A transaction's receipt as the chain holds it: whether it succeeded, where it was mined, who sent it to what,
     * the gas it used and how many events it emitted.
     */
    record Receipt(boolean succeeded, long block, String blockHash, String from, String to, long gasUsed, int events) {
    }

    /**
     * The receipt of {@code txHash}, read from the chain now ({@code eth_getTransactionReceipt}); empty when the
     * chain holds none (not mined, or not on this chain) or does not answer.
     */
    Optional<Receipt> receipt(String txHash) {
        try {
            Map<?, ?> answer = rpc.post().body(Map.of("jsonrpc", "2.0", "id", 1, "method", "eth_getTransactionReceipt",
                    "params", List.of(txHash))).retrieve().body(Map.class);
            if (answer == null || !(answer.get("result") instanceof Map<?, ?> receipt)) {
                return Optional.empty();
            }
            return Optional.of(new Receipt("0x1".equals(receipt.get("status")), quantity(receipt.get("blockNumber")),
                    String.valueOf(receipt.get("blockHash")), String.valueOf(receipt.get("from")),
                    String.valueOf(receipt.get("to")), quantity(receipt.get("gasUsed")),
                    receipt.get("logs") instanceof List<?> logs ? logs.size() : 0));
        } catch (RestClientException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static long quantity(Object hex) {
        if (!(hex instanceof String text) || !text.startsWith("0x")) {
            throw new NumberFormatException("not a JSON-RPC quantity: " + hex);
        }
        return Long.parseLong(text.substring(2), 16);
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
