package org.hashbridge.node.chain;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Sends signed transactions from one account, one write (or one {@linkplain #submitAll round of writes}) at a
 * time: each holds the account's lock from simulation until its receipts, and takes the next nonce from a
 * local counter, so concurrent callers never reuse a nonce. The counter is re-read from the chain whenever the
 * outcome of a send is unknown, so a transaction the node dropped leaves no gap.
 *
 * <p>Each write is timed, from its simulation to its receipt (or its failure), in {@code hashbridge.chain.write}
 * by {@code function} and {@code outcome} ({@code success}, {@code rejected}, {@code unavailable}); each failure
 * also counts in {@code hashbridge.chain.write.failures} by {@code function} and {@code outcome}.
 */
final class TransactionSender {

    /** Another instance sending from the same account can take a nonce between our read and our send. */
    private static final int MAX_SEND_ATTEMPTS = 4;

    private final Rpc rpc;
    private final Credentials account;
    private final long chainId;
    private final Duration timeout;
    private final ReceiptWatcher receipts;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final MeterRegistry meters;
    private BigInteger nextNonce; // guarded by lock

    /** A sender whose writes are measured nowhere. */
    TransactionSender(Rpc rpc, AccountKey key, long chainId, Duration pollInterval, Duration timeout) {
        this(rpc, key, chainId, pollInterval, timeout, new CompositeMeterRegistry());
    }

    TransactionSender(Rpc rpc, AccountKey key, long chainId, Duration pollInterval, Duration timeout,
                      MeterRegistry meters) {
        this.meters = meters;
        this.rpc = rpc;
        this.account = key.credentials();
        this.chainId = chainId;
        this.timeout = timeout;
        this.receipts = new ReceiptWatcher(rpc, key.credentials().getAddress(), pollInterval, timeout);
    }

    /** {@link #submit} a call to contract {@code to} and describe the mined transaction. */
    ChainWrite write(String function, String to, String data) {
        return describe(submit(function, to, data));
    }

    /** The mined transaction of {@code receipt}, with its block's time. */
    ChainWrite describe(TransactionReceipt receipt) {
        long block = receipt.getBlockNumber().longValueExact();
        return new ChainWrite(receipt.getTransactionHash(), block, rpc.blockTime(block));
    }

    /**
     * Simulates a call on the latest state without sending anything.
     *
     * @throws ChainRejected    when the contract would refuse it
     * @throws ChainUnavailable when the chain cannot be asked
     */
    void simulate(String function, String to, String data) {
        estimateGas(function, to, data);
    }

    /**
     * Simulates, signs, sends and waits for a successful receipt.
     *
     * @param to   the contract, or null to deploy {@code data}
     * @throws ChainRejected    when the simulation or the mined transaction reverts
     * @throws ChainUnavailable when the chain cannot be reached or the receipt does not come in time
     */
    TransactionReceipt submit(String function, String to, String data) {
        long started = System.nanoTime();
        acquire(function);
        try {
            BigInteger gasLimit = estimateGas(function, to, data);
            BigInteger gasPrice = rpc.sendOk("eth_gasPrice", rpc.web3j().ethGasPrice()).getGasPrice();
            String txHash = sendSigned(function, to, data, gasLimit, gasPrice);
            TransactionReceipt receipt = receipts.successfulReceipt(function, txHash, to, data);
            measure(function, started, null);
            return receipt;
        } catch (ChainUnavailable e) {
            // the transaction may or may not be in the pool: count nonces from the chain again
            nextNonce = null;
            measure(function, started, e);
            throw e;
        } catch (ChainRejected e) {
            measure(function, started, e);
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /**
     * What became of one transaction of {@link #submitAll}: its successful receipt, or the {@link ChainRejected}
     * or {@link ChainUnavailable} a single {@link #submit} would have thrown.
     */
    record Submitted(TransactionReceipt receipt, RuntimeException failure) {
    }

    /**
     * {@link #submit} for several calls of {@code function} at once: each is simulated and sent, with consecutive
     * nonces, before any receipt is awaited, so one block can hold them all; then every receipt is awaited
     * within one shared timeout. A call the simulation refuses is not sent (the next takes its nonce); once the
     * chain stops answering, the calls not sent yet are not sent this time.
     *
     * @return one outcome per call, in their order
     */
    List<Submitted> submitAll(String function, String to, List<String> calls) {
        long started = System.nanoTime();
        acquire(function);
        try {
            List<Sent> sent = sendAll(function, to, calls);
            long deadline = System.nanoTime() + timeout.toNanos();
            List<Submitted> outcomes = new ArrayList<>(calls.size());
            for (int i = 0; i < calls.size(); i++) {
                Sent one = sent.get(i);
                Submitted outcome = one.failure() == null ? awaitReceipt(function, one.txHash(), to, calls.get(i), deadline)
                        : new Submitted(null, one.failure());
                measure(function, started, outcome.failure());
                outcomes.add(outcome);
            }
            return outcomes;
        } finally {
            lock.unlock();
        }
    }

    /** A call of {@link #submitAll} sent as {@code txHash}, or not sent for {@code failure}. */
    private record Sent(String txHash, RuntimeException failure) {
    }

    /** Simulates and sends each call in turn; the caller holds the lock. */
    private List<Sent> sendAll(String function, String to, List<String> calls) {
        List<Sent> sent = new ArrayList<>(calls.size());
        ChainUnavailable stopped = null;
        BigInteger gasPrice = null;
        for (String data : calls) {
            if (stopped != null) {
                sent.add(new Sent(null, ChainUnavailable.unexpectedAnswer(function,
                        "not sent: an earlier write of the round found the chain unavailable: " + stopped.getMessage())));
                continue;
            }
            try {
                BigInteger gasLimit = estimateGas(function, to, data);
                gasPrice = gasPrice != null ? gasPrice : rpc.sendOk("eth_gasPrice", rpc.web3j().ethGasPrice()).getGasPrice();
                sent.add(new Sent(sendSigned(function, to, data, gasLimit, gasPrice), null));
            } catch (ChainRejected e) {
                sent.add(new Sent(null, e));
            } catch (ChainUnavailable e) {
                nextNonce = null;
                stopped = e;
                sent.add(new Sent(null, e));
            }
        }
        return sent;
    }

    private Submitted awaitReceipt(String function, String txHash, String to, String data, long deadline) {
        try {
            return new Submitted(receipts.successfulReceipt(function, txHash, to, data, deadline), null);
        } catch (ChainRejected e) {
            return new Submitted(null, e);
        } catch (ChainUnavailable e) {
            nextNonce = null; // it may or may not be in the pool
            return new Submitted(null, e);
        }
    }

    /** Times one write from {@code started} to now, by its outcome: {@code failure}, or none. */
    private void measure(String function, long started, RuntimeException failure) {
        String outcome = failure == null ? "success" : failure instanceof ChainRejected ? "rejected" : "unavailable";
        Timer.builder("hashbridge.chain.write").description("a chain write, from its simulation to its receipt")
                .tags("function", function, "outcome", outcome).publishPercentileHistogram().register(meters)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        if (failure != null) {
            meters.counter("hashbridge.chain.write.failures", "function", function, "outcome", outcome).increment();
        }
    }

    private void acquire(String function) {
        try {
            if (!lock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw ChainUnavailable.timedOut(function + " waiting for the account's earlier writes", timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChainUnavailable.interrupted(function);
        }
    }

    private BigInteger estimateGas(String function, String to, String data) {
        Transaction call = Transaction.createEthCallTransaction(account.getAddress(), to, data);
        var estimate = rpc.send(function + " eth_estimateGas", rpc.web3j().ethEstimateGas(call));
        if (estimate.hasError()) {
            Response.Error error = estimate.getError();
            if (isRevert(error)) {
                throw ChainRejected.beforeSending(function, RegistryErrors.nameOfErrorData(error.getData()));
            }
            throw ChainUnavailable.refused(function + " eth_estimateGas", error.getCode(), error.getMessage());
        }
        // headroom: the estimate is exact for the state it ran on, which may move before mining
        return estimate.getAmountUsed().multiply(BigInteger.valueOf(6)).divide(BigInteger.valueOf(5));
    }

    private String sendSigned(String function, String to, String data, BigInteger gasLimit, BigInteger gasPrice) {
        for (int attempt = 1; ; attempt++) {
            BigInteger nonce = nextNonce != null ? nextNonce : pendingNonce();
            EthSendTransaction sent = rpc.send(function + " eth_sendRawTransaction",
                    rpc.web3j().ethSendRawTransaction(sign(nonce, to, data, gasLimit, gasPrice)));
            if (!sent.hasError()) {
                nextNonce = nonce.add(BigInteger.ONE);
                return sent.getTransactionHash();
            }
            nextNonce = null;
            Response.Error error = sent.getError();
            if (attempt == MAX_SEND_ATTEMPTS || !mentionsNonce(error)) {
                throw ChainUnavailable.refused(function + " eth_sendRawTransaction", error.getCode(), error.getMessage());
            }
        }
    }

    private BigInteger pendingNonce() {
        return rpc.sendOk("eth_getTransactionCount", rpc.web3j()
                .ethGetTransactionCount(account.getAddress(), DefaultBlockParameterName.PENDING))
                .getTransactionCount();
    }

    private String sign(BigInteger nonce, String to, String data, BigInteger gasLimit, BigInteger gasPrice) {
        RawTransaction raw = to == null
                ? RawTransaction.createContractTransaction(nonce, gasPrice, gasLimit, BigInteger.ZERO, data)
                : RawTransaction.createTransaction(nonce, gasPrice, gasLimit, to, data);
        return Numeric.toHexString(TransactionEncoder.signMessage(raw, chainId, account));
    }

    static boolean isRevert(Response.Error error) {
        String message = error.getMessage() == null ? "" : error.getMessage().toLowerCase(Locale.ROOT);
        return error.getCode() == 3 || message.contains("revert");
    }

    /** The nonce was taken meanwhile: "nonce too low", or a transaction of the same nonce already pending. */
    private static boolean mentionsNonce(Response.Error error) {
        String message = error.getMessage() == null ? "" : error.getMessage().toLowerCase(Locale.ROOT);
        return message.contains("nonce") || message.contains("underpriced") || message.contains("already known");
    }
}
