package org.hashbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hashbridge.protocol.Hash32;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.admin.Admin;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * The sandbox chain's transaction pool, as an operator who watches it sees it: with anvil's automine
 * off, a node's transaction waits there, can be read, and can be overtaken by one sent at a higher gas
 * price before the next block is mined.
 */
final class Mempool implements AutoCloseable {

    private static final long CHAIN_ID = 31337;

    private final HttpService service;
    private final Admin web3j;

    Mempool(String rpcUrl) {
        this.service = new HttpService(rpcUrl);
        this.web3j = Admin.build(service);
    }

    /** The 4-byte selector of a registry function, such as {@code anchorRoot(bytes32,bytes32,uint32)}. */
    static String selector(String signature) {
        return Hash.sha3String(signature).substring(0, 10);
    }

    /** The {@code index}-th 32-byte argument of a call's input. */
    static Hash32 argument(String input, int index) {
        int from = 10 + 64 * index;
        return Hash32.fromHex(input.substring(from, from + 64));
    }

    void automine(boolean on) {
        anvil("evm_setAutomine", on);
    }

    void mine() {
        anvil("evm_mine");
    }

    /** Waits up to 30 s for a transaction from {@code from} calling the function of {@code selector} to wait in the pool. */
    Transaction awaitPending(String from, String selector) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Optional<Transaction> pending = pending(from, selector);
            if (pending.isPresent()) {
                return pending.get();
            }
            Journeys.pause(Duration.ofMillis(50));
        }
        throw new AssertionError("no " + selector + " from " + from + " reached the pool within 30 s");
    }

    /** Waits up to 30 s until {@code count} transactions from {@code from} calling the function of {@code selector} wait in the pool. */
    List<Transaction> awaitPending(String from, String selector, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            List<Transaction> pending = send(web3j.txPoolContent()).getResult().getPendingTransactions().stream()
                    .filter(tx -> tx.getFrom().equalsIgnoreCase(from))
                    .filter(tx -> tx.getInput().toLowerCase(Locale.ROOT).startsWith(selector)).toList();
            if (pending.size() >= count) {
                return pending;
            }
            Journeys.pause(Duration.ofMillis(50));
        }
        throw new AssertionError("fewer than " + count + " " + selector + " from " + from + " reached the pool within 30 s");
    }

    private Optional<Transaction> pending(String from, String selector) {
        List<Transaction> all = send(web3j.txPoolContent()).getResult().getPendingTransactions();
        return all.stream().filter(tx -> tx.getFrom().equalsIgnoreCase(from))
                .filter(tx -> tx.getInput().toLowerCase(Locale.ROOT).startsWith(selector)).findFirst();
    }

    /** Signs and sends a call to {@code to} at {@code gasPrice} with the account's next nonce; does not wait for it. */
    String send(String privateKeyHex, String to, String data, BigInteger gasPrice) {
        Credentials account = Credentials.create(privateKeyHex);
        BigInteger nonce = send(web3j.ethGetTransactionCount(account.getAddress(), DefaultBlockParameterName.PENDING))
                .getTransactionCount();
        RawTransaction raw = RawTransaction.createTransaction(nonce, gasPrice, BigInteger.valueOf(500_000), to, data);
        EthSendTransaction sent = send(web3j.ethSendRawTransaction(
                Numeric.toHexString(TransactionEncoder.signMessage(raw, CHAIN_ID, account))));
        return sent.getTransactionHash();
    }

    TransactionReceipt receipt(String txHash) {
        return send(web3j.ethGetTransactionReceipt(txHash)).getTransactionReceipt()
                .orElseThrow(() -> new AssertionError("no receipt for " + txHash));
    }

    private void anvil(String method, Object... params) {
        send(new Request<>(method, List.of(params), service, AnyResponse.class));
    }

    private static <R extends Response<?>> R send(Request<?, R> request) {
        try {
            R response = request.send();
            assertThat(response.hasError()).as(() -> request.getMethod() + ": " + response.getError().getMessage()).isFalse();
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        web3j.shutdown();
    }

    public static class AnyResponse extends Response<Object> {
    }
}
