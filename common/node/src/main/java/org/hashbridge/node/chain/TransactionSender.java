package org.hashbridge.node.chain;

import java.math.BigInteger;
import java.time.Duration;
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
 * Sends signed transactions from one account, one at a time: each write holds the account's lock from
 * simulation until its receipt, and takes the next nonce from a local counter, so concurrent callers
 * never reuse a nonce. The counter is re-read from the chain whenever the outcome of a send is unknown,
 * so a transaction the node dropped leaves no gap.
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
    private BigInteger nextNonce; // guarded by lock

    TransactionSender(Rpc rpc, AccountKey key, long chainId, Duration pollInterval, Duration timeout) {
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
        acquire(function);
        try {
            BigInteger gasLimit = estimateGas(function, to, data);
            BigInteger gasPrice = rpc.sendOk("eth_gasPrice", rpc.web3j().ethGasPrice()).getGasPrice();
            String txHash = sendSigned(function, to, data, gasLimit, gasPrice);
            return receipts.successfulReceipt(function, txHash, to, data);
        } catch (ChainUnavailable e) {
            // the transaction may or may not be in the pool: count nonces from the chain again
            nextNonce = null;
            throw e;
        } finally {
            lock.unlock();
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
