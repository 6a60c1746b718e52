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
import org.web3j.crypto.Keys;
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
 * local counter, so concurrent callers never reuse a nonce. The counter starts from the chain's pending count
 * ({@code eth_getTransactionCount(pending)}), so a restarted sender follows its predecessor's pending
 * transactions, and is read again whenever the outcome of a send is unknown, so a transaction given up on leaves
 * no gap that blocks later ones. A transaction the node drops while it is awaited is sent again
 * ({@link ReceiptWatcher}). Each write pays as {@link GasFees} says.
 *
 * <p>A node that refuses the account itself (Besu's account allowlist: "Sender account not authorized to send
 * transactions", code -32007) makes the write {@link ChainRejected} with {@link ChainRejected#ACCOUNT_NOT_PERMITTED}:
 * sending again cannot help until the network's operators permit the account.
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
    private final GasFees fees;
    private BigInteger nextNonce; // guarded by lock

    /** A sender of {@link TransactionType#AUTO automatic} type, at the node's price, whose writes are measured nowhere. */
    TransactionSender(Rpc rpc, AccountKey key, long chainId, Duration pollInterval, Duration timeout) {
        this(rpc, key, chainId, pollInterval, timeout, new GasFees(rpc, TransactionType.AUTO, null),
                new CompositeMeterRegistry());
    }

    TransactionSender(Rpc rpc, AccountKey key, long chainId, Duration pollInterval, Duration timeout, GasFees fees,
                      MeterRegistry meters) {
        this.meters = meters;
        this.fees = fees;
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
            ReceiptWatcher.Signed sent = sendSigned(function, to, data, gasLimit, fees.offer());
            TransactionReceipt receipt = receipts.successfulReceipt(function, sent, to, data,
                    System.nanoTime() + timeout.toNanos());
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
                Submitted outcome = one.failure() == null ? awaitReceipt(function, one.tx(), to, calls.get(i), deadline)
                        : new Submitted(null, one.failure());
                measure(function, started, outcome.failure());
                outcomes.add(outcome);
            }
            return outcomes;
        } finally {
            lock.unlock();
        }
    }

    /** A call of {@link #submitAll} sent as {@code tx}, or not sent for {@code failure}. */
    private record Sent(ReceiptWatcher.Signed tx, RuntimeException failure) {
    }

    /** Simulates and sends each call in turn; the caller holds the lock. */
    private List<Sent> sendAll(String function, String to, List<String> calls) {
        List<Sent> sent = new ArrayList<>(calls.size());
        ChainUnavailable stopped = null;
        ChainRejected notPermitted = null;
        GasFees.Offer offer = null;
        for (String data : calls) {
            if (stopped != null) {
                sent.add(new Sent(null, ChainUnavailable.unexpectedAnswer(function,
                        "not sent: an earlier write of the round found the chain unavailable: " + stopped.getMessage())));
                continue;
            }
            if (notPermitted != null) { // the account is refused whatever it sends
                sent.add(new Sent(null, notPermitted));
                continue;
            }
            try {
                BigInteger gasLimit = estimateGas(function, to, data);
                offer = offer != null ? offer : fees.offer();
                sent.add(new Sent(sendSigned(function, to, data, gasLimit, offer), null));
            } catch (ChainRejected e) {
                notPermitted = ChainRejected.ACCOUNT_NOT_PERMITTED.equals(e.error()) ? e : null;
                sent.add(new Sent(null, e));
            } catch (ChainUnavailable e) {
                nextNonce = null;
                stopped = e;
                sent.add(new Sent(null, e));
            }
        }
        return sent;
    }

    private Submitted awaitReceipt(String function, ReceiptWatcher.Signed tx, String to, String data, long deadline) {
        try {
            return new Submitted(receipts.successfulReceipt(function, tx, to, data, deadline), null);
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
            throw refusal(function + " eth_estimateGas", account.getAddress(), error);
        }
        // headroom: the estimate is exact for the state it ran on, which may move before mining
        return estimate.getAmountUsed().multiply(BigInteger.valueOf(6)).divide(BigInteger.valueOf(5));
    }

    private ReceiptWatcher.Signed sendSigned(String function, String to, String data, BigInteger gasLimit,
                                             GasFees.Offer offer) {
        for (int attempt = 1; ; attempt++) {
            BigInteger nonce = nextNonce != null ? nextNonce : pendingNonce();
            String raw = Numeric.toHexString(TransactionEncoder.signMessage(
                    offer.transaction(chainId, nonce, gasLimit, to, data), chainId, account));
            EthSendTransaction sent = rpc.send(function + " eth_sendRawTransaction", rpc.web3j().ethSendRawTransaction(raw));
            if (!sent.hasError()) {
                nextNonce = nonce.add(BigInteger.ONE);
                return new ReceiptWatcher.Signed(sent.getTransactionHash(), raw, nonce);
            }
            nextNonce = null;
            Response.Error error = sent.getError();
            if (attempt == MAX_SEND_ATTEMPTS || !mentionsNonce(error)) {
                throw refusal(function + " eth_sendRawTransaction", account.getAddress(), error);
            }
        }
    }

    private BigInteger pendingNonce() {
        return rpc.sendOk("eth_getTransactionCount", rpc.web3j()
                .ethGetTransactionCount(account.getAddress(), DefaultBlockParameterName.PENDING))
                .getTransactionCount();
    }

    /**
     * What a node's refusal of {@code action} means: {@link ChainRejected} ({@link ChainRejected#ACCOUNT_NOT_PERMITTED})
     * when the network does not let {@code account} send transactions, else {@link ChainUnavailable}.
     */
    static RuntimeException refusal(String action, String account, Response.Error error) {
        if (notPermitted(error)) {
            return ChainRejected.accountNotPermitted(action, Keys.toChecksumAddress(account));
        }
        return ChainUnavailable.refused(action, error.getCode(), error.getMessage());
    }

    /** Besu's refusal of an account its allowlist (local or on chain) does not hold; -32007 on current Besu. */
    static boolean notPermitted(Response.Error error) {
        return lowerCaseMessage(error).contains("sender account not authorized to send transactions");
    }

    static boolean isRevert(Response.Error error) {
        return error.getCode() == 3 || lowerCaseMessage(error).contains("revert");
    }

    /** The nonce was taken meanwhile: "nonce too low", or a transaction of the same nonce already pending. */
    private static boolean mentionsNonce(Response.Error error) {
        String message = lowerCaseMessage(error);
        return message.contains("nonce") || message.contains("underpriced") || alreadyKnown(error);
    }

    /** The node holds this very transaction already (geth and anvil: "already known"; Besu: "Known transaction"). */
    static boolean alreadyKnown(Response.Error error) {
        String message = lowerCaseMessage(error);
        return message.contains("already known") || message.contains("known transaction");
    }

    /** The account's nonce is past the transaction's (geth, anvil and Besu: "nonce too low"). */
    static boolean nonceTooLow(Response.Error error) {
        return lowerCaseMessage(error).contains("nonce too low");
    }

    private static String lowerCaseMessage(Response.Error error) {
        return error.getMessage() == null ? "" : error.getMessage().toLowerCase(Locale.ROOT);
    }
}
