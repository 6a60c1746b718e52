package org.hashbridge.node.chain;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Waits for a transaction's receipt and turns a mined failure (status {@code 0x0}, which web3j does
 * not report as an exception) into {@link ChainRejected} with the contract's error.
 *
 * <p>Polls are spaced to a tenth of the chain's observed block period, never closer than the configured
 * poll interval nor further than {@link #MAX_PAUSE}: on a chain that makes a block every 2 s, a write's
 * receipt is asked about ten times, not twenty at 100 ms, and found at most a tenth of a block late.
 * The first poll is at once, for a chain that mines on arrival (anvil's automine).
 *
 * <p>Every block period (within {@link #PRESENCE_CHECK} and {@link #MAX_PRESENCE_CHECK}) without a receipt, the
 * watcher asks whether the node still knows the transaction; when it does not (dropped from its pool, or lost
 * with a chain restarted without state) the same signed transaction is sent again: same nonce, same hash, so
 * whichever copy is mined is the receipt awaited, and the write is mined once.
 */
final class ReceiptWatcher {

    static final Duration MAX_PAUSE = Duration.ofSeconds(1);
    static final Duration PRESENCE_CHECK = Duration.ofSeconds(1);
    /** A network that makes empty blocks slowly (Besu's {@code emptyblockperiodseconds}) still has it checked. */
    static final Duration MAX_PRESENCE_CHECK = Duration.ofSeconds(5);

    /** A transaction signed and sent: its hash, its signed bytes ({@code 0x} hex) and its nonce. */
    record Signed(String hash, String raw, BigInteger nonce) {
    }

    private final Rpc rpc;
    private final String from;
    private final Duration pollInterval;
    private final Duration timeout;
    private final BlockPeriod blockPeriod;

    ReceiptWatcher(Rpc rpc, String from, Duration pollInterval, Duration timeout) {
        this.rpc = rpc;
        this.from = from;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
        this.blockPeriod = new BlockPeriod(rpc);
    }

    /**
     * Waits until {@code deadline} (of {@link System#nanoTime()}), which several transactions sent together share.
     *
     * @throws ChainRejected    when the transaction was mined with status failure
     * @throws ChainUnavailable when no receipt comes in time, or the transaction's nonce was taken by another one
     */
    TransactionReceipt successfulReceipt(String function, Signed tx, String to, String data, long deadline) {
        TransactionReceipt receipt = await(function, tx, deadline);
        if (!receipt.isStatusOK()) {
            throw ChainRejected.inBlock(function, errorOf(receipt, to, data), tx.hash());
        }
        return receipt;
    }

    /** The pause between two polls: a tenth of the block period, within the poll interval and {@link #MAX_PAUSE}. */
    Duration pause() {
        Duration tenth = blockPeriod.current().dividedBy(10);
        Duration capped = tenth.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : tenth;
        return capped.compareTo(pollInterval) < 0 ? pollInterval : capped;
    }

    private TransactionReceipt await(String function, Signed tx, long deadline) {
        Duration pause = pause();
        Duration period = blockPeriod.current();
        long checkEvery = Math.min(Math.max(period.toNanos(), PRESENCE_CHECK.toNanos()), MAX_PRESENCE_CHECK.toNanos());
        long nextCheck = System.nanoTime() + checkEvery;
        while (true) {
            Optional<TransactionReceipt> receipt = receiptOf(function, tx.hash());
            if (receipt.isPresent()) {
                return receipt.get();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw ChainUnavailable.timedOut(function + " waiting for the receipt of " + tx.hash(), timeout);
            }
            if (System.nanoTime() - nextCheck >= 0) {
                sendAgainIfLost(function, tx);
                nextCheck = System.nanoTime() + checkEvery;
            }
            sleep(function, pause);
        }
    }

    private Optional<TransactionReceipt> receiptOf(String function, String txHash) {
        return rpc.sendOk(function + " eth_getTransactionReceipt", rpc.web3j().ethGetTransactionReceipt(txHash))
                .getTransactionReceipt();
    }

    /**
     * Sends {@code tx} again when the node knows it no more. The node refusing its nonce as too low means the
     * nonce was used meanwhile: by {@code tx} itself (then its receipt is there) or by another transaction (then
     * {@code tx} can never be mined).
     */
    private void sendAgainIfLost(String function, Signed tx) {
        boolean known = rpc.sendOk(function + " eth_getTransactionByHash",
                rpc.web3j().ethGetTransactionByHash(tx.hash())).getTransaction().isPresent();
        if (known) {
            return;
        }
        EthSendTransaction sent = rpc.send(function + " eth_sendRawTransaction again",
                rpc.web3j().ethSendRawTransaction(tx.raw()));
        Response.Error error = sent.getError();
        if (error == null || TransactionSender.alreadyKnown(error)) {
            return;
        }
        if (!TransactionSender.nonceTooLow(error)) {
            throw TransactionSender.refusal(function + " eth_sendRawTransaction again", from, error);
        }
        if (receiptOf(function, tx.hash()).isEmpty()) {
            throw ChainUnavailable.unexpectedAnswer(function, "nonce " + tx.nonce() + " of " + tx.hash()
                    + " was taken by another transaction of " + from + ", so it will never be mined");
        }
    }

    private static void sleep(String function, Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
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
