package org.hashbridge.node.chain;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;

/**
 * One JSON-RPC connection with a bounded time per call, that turns every transport failure into
 * {@link ChainUnavailable}.
 */
final class Rpc implements AutoCloseable {

    private final Web3j web3j;
    private final OkHttpClient http;
    private final Duration callTimeout;

    private Rpc(Web3j web3j, OkHttpClient http, Duration callTimeout) {
        this.web3j = web3j;
        this.http = http;
        this.callTimeout = callTimeout;
    }

    /** Nothing is sent until the first call, so a node starts even while its chain is down. */
    static Rpc connect(String rpcUrl, Duration callTimeout, Duration pollInterval) {
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(callTimeout).build();
        // web3j only schedules work for subscriptions, which we do not use; one daemon thread is plenty
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "web3j-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        Web3j web3j = Web3j.build(new HttpService(rpcUrl, http), pollInterval.toMillis(), scheduler);
        return new Rpc(web3j, http, callTimeout);
    }

    Web3j web3j() {
        return web3j;
    }

    /**
     * Sends {@code request} and returns the answer, which may carry a JSON-RPC error.
     *
     * @throws ChainUnavailable when the node cannot be reached or does not answer in time
     */
    <R extends Response<?>> R send(String action, Request<?, R> request) {
        return exchange(action, request::send);
    }

    /** One HTTP exchange with the node; every transport failure becomes {@link ChainUnavailable}. */
    private <T> T exchange(String action, Exchange<T> exchange) {
        try {
            return exchange.send();
        } catch (InterruptedIOException e) {
            throw ChainUnavailable.timedOut(action, callTimeout);
        } catch (IOException e) {
            throw ChainUnavailable.io(action, e);
        } catch (ClientConnectionException e) {
            throw ChainUnavailable.refused(action, 0, "HTTP error from the chain node");
        }
    }

    private interface Exchange<T> {
        T send() throws IOException;
    }

    /** Like {@link #send}, and a JSON-RPC error becomes {@link ChainUnavailable}. */
    <R extends Response<?>> R sendOk(String action, Request<?, R> request) {
        R response = send(action, request);
        if (response.hasError()) {
            throw ChainUnavailable.refused(action, response.getError().getCode(), response.getError().getMessage());
        }
        return response;
    }

    /**
     * Sends {@code requests}, all of one kind, in JSON-RPC batches of at most {@value #BATCH} and answers
     * them in the order asked, matched by id; a JSON-RPC error in any answer becomes {@link ChainUnavailable}.
     *
     * @throws ChainUnavailable also when an answer is missing
     */
    <R extends Response<?>> List<R> sendAllOk(String action, List<? extends Request<?, R>> requests) {
        List<R> answers = new ArrayList<>(requests.size());
        for (int from = 0; from < requests.size(); from += BATCH) {
            List<? extends Request<?, R>> chunk = requests.subList(from, Math.min(requests.size(), from + BATCH));
            BatchRequest batch = web3j.newBatch();
            chunk.forEach(batch::add);
            Map<Long, Response<?>> byId = new HashMap<>();
            exchange(action, batch::send).getResponses().forEach(response -> byId.put(response.getId(), response));
            for (Request<?, R> request : chunk) {
                @SuppressWarnings("unchecked")
                R answer = (R) byId.get(request.getId());
                if (answer == null) {
                    throw ChainUnavailable.unexpectedAnswer(action, "a batch without the answer to request " + request.getId());
                }
                if (answer.hasError()) {
                    throw ChainUnavailable.refused(action, answer.getError().getCode(), answer.getError().getMessage());
                }
                answers.add(answer);
            }
        }
        return answers;
    }

    /** The most requests one JSON-RPC batch carries (Besu takes 1024 by default). */
    static final int BATCH = 100;

    /**
     * Reads a contract getter at the latest block through the wrapper's read-only transaction manager.
     *
     * @throws ChainUnavailable when the node cannot be reached, the call reverts or the answer is empty
     */
    <T> T read(String action, org.web3j.protocol.core.RemoteFunctionCall<T> call) {
        try {
            T value = call.send();
            if (value == null) {
                throw ChainUnavailable.unexpectedAnswer(action, "an empty answer");
            }
            return value;
        } catch (InterruptedIOException e) {
            throw ChainUnavailable.timedOut(action, callTimeout);
        } catch (IOException e) {
            throw ChainUnavailable.io(action, e);
        } catch (ChainUnavailable e) {
            throw e;
        } catch (Exception e) {
            // web3j reports a revert or an undecodable answer as a runtime or checked exception of its own
            throw ChainUnavailable.unexpectedAnswer(action, e);
        }
    }

    long blockNumber() {
        return sendOk("eth_blockNumber", web3j.ethBlockNumber()).getBlockNumber().longValueExact();
    }

    long chainId() {
        return sendOk("eth_chainId", web3j.ethChainId()).getChainId().longValueExact();
    }

    Instant blockTime(long blockNumber) {
        DefaultBlockParameter block = DefaultBlockParameter.valueOf(BigInteger.valueOf(blockNumber));
        EthBlock.Block found = sendOk("eth_getBlockByNumber", web3j.ethGetBlockByNumber(block, false)).getBlock();
        if (found == null) {
            throw ChainUnavailable.unexpectedAnswer("eth_getBlockByNumber", "no block " + blockNumber);
        }
        return Instant.ofEpochSecond(found.getTimestamp().longValueExact());
    }

    @Override
    public void close() {
        web3j.shutdown();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
