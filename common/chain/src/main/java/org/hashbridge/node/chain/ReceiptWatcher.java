package org.hashbridge.node.chain;

import java.time.Duration;
import java.util.Optional;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Waits for a transaction's receipt and turns a mined failure (status {@code 0x0}, which web3j does
 * not report as an exception) into {@link ChainRejected} with the contract's error.
 */
final class ReceiptWatcher {

    private final Rpc rpc;
    private final String from;
    private final Duration pollInterval;
    private final Duration timeout;

    ReceiptWatcher(Rpc rpc, String from, Duration pollInterval, Duration timeout) {
        this.rpc = rpc;
        this.from = from;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
    }

    /**
     * @throws ChainRejected    when the transaction was mined with status failure
     * @throws ChainUnavailable when no receipt comes within the timeout
     */
    TransactionReceipt successfulReceipt(String function, String txHash, String to, String data) {
        return successfulReceipt(function, txHash, to, data, System.nanoTime() + timeout.toNanos());
    }

    /**
     * {@link #successfulReceipt(String, String, String, String)} waiting until {@code deadline} (of
     * {@link System#nanoTime()}), which several transactions sent together share.
     */
    TransactionReceipt successfulReceipt(String function, String txHash, String to, String data, long deadline) {
        TransactionReceipt receipt = await(function, txHash, deadline);
        if (!receipt.isStatusOK()) {
            throw ChainRejected.inBlock(function, errorOf(receipt, to, data), txHash);
        }
        return receipt;
    }

    private TransactionReceipt await(String function, String txHash, long deadline) {
        while (true) {
            Optional<TransactionReceipt> receipt = rpc.sendOk(function + " eth_getTransactionReceipt",
                    rpc.web3j().ethGetTransactionReceipt(txHash)).getTransactionReceipt();
            if (receipt.isPresent()) {
                return receipt.get();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw ChainUnavailable.timedOut(function + " waiting for the receipt of " + txHash, timeout);
            }
            pause(function);
        }
    }

    private void pause(String function) {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChainUnavailable.interrupted(function);
        }
    }

    /**
     * Receipts carry no revert data on most nodes (Besu adds it as {@code revertReason} when enabled),
     * so the call is replayed on the state of its block, which reproduces the contract's refusal.
     */
    private String errorOf(TransactionReceipt receipt, String to, String data) {
        String revertData = receipt.getRevertReason();
        if (revertData != null && revertData.startsWith("0x")) {
            return RegistryErrors.nameOf(revertData);
        }
        if (to == null) {
            return ChainRejected.UNKNOWN_ERROR;
        }
        DefaultBlockParameter block = DefaultBlockParameter.valueOf(receipt.getBlockNumber());
        EthCall replay = rpc.send("eth_call replay", rpc.web3j()
                .ethCall(Transaction.createEthCallTransaction(from, to, data), block));
        Response.Error error = replay.getError();
        if (error != null && TransactionSender.isRevert(error)) {
            return RegistryErrors.nameOfErrorData(error.getData());
        }
        return ChainRejected.UNKNOWN_ERROR;
    }
}
