package org.hashbridge.operator;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthChainId;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Option;

/**
 * The chain a command writes to: its JSON-RPC endpoint and the chain id the operator means. The id is
 * checked against the node's {@code eth_chainId} before anything is signed, so that a key is never used
 * on a chain other than the one named.
 */
final class ChainOptions {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Option(names = "--rpc-url", required = true, paramLabel = "URL",
            description = "JSON-RPC endpoint of a chain node, such as http://127.0.0.1:8545")
    String rpcUrl;

    @Option(names = "--chain-id", required = true, paramLabel = "N",
            description = "the chain id the network uses; refused unless the node answers the same")
    long chainId;

    /**
     * The RPC URL, once the node there has answered {@code eth_chainId} with {@link #chainId}.
     *
     * @throws ToolFailure {@code BAD_INPUT} when the URL is not an http(s) URL or the ids differ,
     *                     {@code UNREACHABLE} when the node does not answer
     */
    String checkedRpcUrl() {
        URI uri = httpUri();
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(TIMEOUT).build();
        HttpService service = new HttpService(uri.toString(), http);
        try {
            // Web3j's shutdown() would stop the executor every Web3j of this JVM shares: close the service only
            Web3j web3j = Web3j.build(service);
            EthChainId answer = web3j.ethChainId().send();
            if (answer.hasError()) {
                throw ToolFailure.unreachable("the chain node at " + rpcUrl + " refused eth_chainId: "
                        + answer.getError().getMessage());
            }
            BigInteger found = answer.getChainId();
            if (!BigInteger.valueOf(chainId).equals(found)) {
                throw ToolFailure.badInput("the chain at " + rpcUrl + " has chain id " + found
                        + ", not the " + chainId + " given with --chain-id");
            }
            return uri.toString();
        } catch (IOException e) {
            throw ToolFailure.unreachable("cannot reach the chain at " + rpcUrl + " (" + e.getClass().getSimpleName() + ")");
        } finally {
            closeQuietly(service);
        }
    }

    private static void closeQuietly(HttpService service) {
        try {
            service.close();
        } catch (IOException e) {
            // nothing was left open that matters to a command about to exit
        }
    }

    private URI httpUri() {
        try {
            URI uri = URI.create(rpcUrl);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException malformed) {
            // reported below, as any other URL that is not http(s)
        }
        throw ToolFailure.badInput("--rpc-url " + rpcUrl + " is not an http:// or https:// URL");
    }
}
