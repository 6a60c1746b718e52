package org.hashbridge.node.chain;

import java.math.BigInteger;
import org.web3j.crypto.RawTransaction;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;

/**
 * What a write offers to pay for its gas, as the settings' {@link TransactionType} and gas price say: a
 * legacy {@code gasPrice}, or EIP-1559's fee cap and tip. A configured price is offered as it is, 0
 * included, which is what a zero-gas QBFT network (Besu's {@code --min-gas-price=0}, {@code zeroBaseFee})
 * takes; without one, the node is asked.
 */
final class GasFees {

    private final Rpc rpc;
    private final TransactionType type;
    private final BigInteger gasPrice;

    /** @param gasPrice the price per gas every write offers, or null to ask the node for each */
    GasFees(Rpc rpc, TransactionType type, BigInteger gasPrice) {
        this.rpc = rpc;
        this.type = type;
        this.gasPrice = gasPrice;
    }

    /**
     * The fees of a transaction: {@code gasPrice} for a legacy one; for an EIP-1559 one, {@code maxFeePerGas} and
     * {@code maxPriorityFeePerGas}.
     */
    record Offer(boolean eip1559, BigInteger gasPrice, BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {

        static Offer legacy(BigInteger gasPrice) {
            return new Offer(false, gasPrice, null, null);
        }

        static Offer eip1559(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
            return new Offer(true, null, maxFeePerGas, maxPriorityFeePerGas);
        }

        /** An unsigned transaction at these fees, calling {@code to}, or deploying {@code data} when it is null. */
        RawTransaction transaction(long chainId, BigInteger nonce, BigInteger gasLimit, String to, String data) {
            if (eip1559) {
                // web3j encodes an empty recipient as a contract creation
                return RawTransaction.createTransaction(chainId, nonce, gasLimit, to == null ? "" : to, BigInteger.ZERO,
                        data, maxPriorityFeePerGas, maxFeePerGas);
            }
            return to == null
                    ? RawTransaction.createContractTransaction(nonce, gasPrice, gasLimit, BigInteger.ZERO, data)
                    : RawTransaction.createTransaction(nonce, gasPrice, gasLimit, to, data);
        }
    }

    /**
     * The fees to offer now. With a configured price P, a legacy transaction offers P and an EIP-1559 one a cap and
     * a tip of P. Without one, a legacy transaction offers {@code eth_gasPrice}, and an EIP-1559 one the tip
     * {@code eth_maxPriorityFeePerGas} under a cap of twice the latest base fee plus that tip, so that it stays
     * valid while the base fee rises for a few blocks.
     *
     * @throws ChainUnavailable when the node cannot be asked
     */
    Offer offer() {
        boolean fixedLegacy = type == TransactionType.LEGACY;
        boolean fixed1559 = type == TransactionType.EIP1559 && gasPrice != null;
        EthBlock.Block latest = fixedLegacy || fixed1559 ? null : latestBlock();
        boolean eip1559 = type == TransactionType.EIP1559 || (type == TransactionType.AUTO && hasBaseFee(latest));
        if (!eip1559) {
            return Offer.legacy(gasPrice != null ? gasPrice
                    : rpc.sendOk("eth_gasPrice", rpc.web3j().ethGasPrice()).getGasPrice());
        }
        if (gasPrice != null) {
            return Offer.eip1559(gasPrice, gasPrice);
        }
        BigInteger tip = rpc.sendOk("eth_maxPriorityFeePerGas", rpc.web3j().ethMaxPriorityFeePerGas())
                .getMaxPriorityFeePerGas();
        BigInteger baseFee = hasBaseFee(latest) ? latest.getBaseFeePerGas() : BigInteger.ZERO;
        return Offer.eip1559(baseFee.shiftLeft(1).add(tip), tip);
    }

    private EthBlock.Block latestBlock() {
        EthBlock.Block latest = rpc.sendOk("eth_getBlockByNumber",
                rpc.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)).getBlock();
        if (latest == null) {
            throw ChainUnavailable.unexpectedAnswer("eth_getBlockByNumber", "no latest block");
        }
        return latest;
    }

    private static boolean hasBaseFee(EthBlock.Block block) {
        return block != null && block.getBaseFeePerGasRaw() != null;
    }
}
