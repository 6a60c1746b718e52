package org.hashbridge.node.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/** Anvil's test-only JSON-RPC methods: mining on demand, pausing automine, moving time. */
public final class AnvilControl implements AutoCloseable {

    private final HttpService service;
    private final Web3j web3j;

    AnvilControl(String rpcUrl) {
        this.service = new HttpService(rpcUrl);
        this.web3j = Web3j.build(service);
    }

    public void mine(int blocks) throws IOException {
        for (int i = 0; i < blocks; i++) {
            call("evm_mine");
        }
    }

    public void automine(boolean on) throws IOException {
        call("evm_setAutomine", on);
    }

    /** Mines a block every {@code seconds} from now on, and no more on each transaction, as {@code anvil --block-time}. */
    public void intervalMining(int seconds) throws IOException {
        call("evm_setIntervalMining", seconds);
    }

    /** A transaction, pending or mined, as the chain holds it. */
    org.web3j.protocol.core.methods.response.Transaction transaction(String txHash) throws IOException {
        return web3j.ethGetTransactionByHash(txHash).send().getTransaction()
                .orElseThrow(() -> new AssertionError("no transaction " + txHash));
    }

    /** The balance of {@code address} at the latest block, in wei. */
    BigInteger balance(String address) throws IOException {
        return web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
    }

    /** Moves the chain's clock {@code seconds} ahead and mines a block at that time. */
    public void increaseTime(long seconds) throws IOException {
        call("evm_increaseTime", seconds);
        call("evm_mine");
    }

    public void nextBlockTimestamp(long epochSeconds) throws IOException {
        call("evm_setNextBlockTimestamp", epochSeconds);
    }

    /**
     * Replaces the newest {@code depth} blocks with as many new ones, the first of which holds {@code transactions}
     * (sent as {@code eth_sendTransaction} requests from unlocked accounts), as a reorganisation would: what the
     * replaced blocks held is gone, and the chain is as high as before.
     */
    public void reorg(int depth, List<Map<String, String>> transactions) throws IOException {
        call("anvil_reorg", depth, transactions.stream().map(tx -> List.of(tx, 0)).toList());
    }

    /** Removes the newest {@code depth} blocks: the chain is that much lower, and what they held is gone. */
    public void rollback(int depth) throws IOException {
        call("anvil_rollback", depth);
    }

    /** The hash of block {@code number}, {@code 0x} and lower-case hex. */
    public String blockHash(long number) throws IOException {
        return web3j.ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameter.valueOf(BigInteger.valueOf(number)),
                false).send().getBlock().getHash();
    }

    /** Gives {@code address} 100 ether, enough for any number of test writes. */
    public void fund(String address) {
        try {
            call("anvil_setBalance", address, "0x56bc75e2d63100000");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits up to 10 s until the pool holds at least {@code count} transactions not yet mined. */
    void awaitPendingTransactions(int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pendingTransactions() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " transactions reached the pool within 10 s");
            }
            Thread.sleep(20);
        }
    }

    /** The pending transaction whose input holds {@code hex} (lower case, no prefix): its hash. */
    String pendingTransactionWith(String hex) throws IOException {
        Map<?, ?> pending = (Map<?, ?>) ((Map<?, ?>) call("txpool_content")).get("pending");
        for (Object byNonce : pending.values()) {
            for (Object tx : ((Map<?, ?>) byNonce).values()) {
                Map<?, ?> transaction = (Map<?, ?>) tx;
                if (((String) transaction.get("input")).toLowerCase(java.util.Locale.ROOT).contains(hex)) {
                    return (String) transaction.get("hash");
                }
            }
        }
        throw new AssertionError("no pending transaction holds " + hex);
    }

    /** Removes a transaction from the pool, as a node that lost it would: it is never mined. */
    void dropTransaction(String txHash) throws IOException {
        call("anvil_dropTransaction", txHash);
    }

    /** The receipt of a mined transaction. */
    TransactionReceipt receipt(String txHash) throws IOException {
        return web3j.ethGetTransactionReceipt(txHash).send().getTransactionReceipt()
                .orElseThrow(() -> new AssertionError("no receipt for " + txHash));
    }

    int pendingTransactions() throws IOException {
        Map<?, ?> status = (Map<?, ?>) call("txpool_status");
        return Integer.decode((String) status.get("pending"));
    }

    public long latestBlockNumber() throws IOException {
        return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    public long latestBlockTime() throws IOException {
        return web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()
                .getBlock().getTimestamp().longValueExact();
    }

    BigInteger nonceOf(String txHash) throws IOException {
        return web3j.ethGetTransactionByHash(txHash).send().getTransaction().orElseThrow().getNonce();
    }

    /** How many transactions {@code address} has sent, pending ones included: its next nonce. */
    long transactionCount(String address) throws IOException {
        return web3j.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING).send()
                .getTransactionCount().longValueExact();
    }

    long chainId() throws IOException {
        return web3j.ethChainId().send().getChainId().longValueExact();
    }

    private Object call(String method, Object... params) throws IOException {
        AnyResponse response = new Request<>(method, List.of(params), service, AnyResponse.class).send();
        if (response.hasError()) {
            throw new IOException(method + ": " + response.getError().getMessage());
        }
        return response.getResult();
    }

    @Override
    public void close() {
        web3j.shutdown();
    }

    public static class AnyResponse extends Response<Object> {
    }
}
