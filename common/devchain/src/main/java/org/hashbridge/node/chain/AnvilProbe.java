package org.hashbridge.node.chain;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asks a starting anvil for its chain id until it answers, it dies or time runs out. */
final class AnvilProbe {

    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration RETRY = Duration.ofMillis(50);
    private static final Pattern RESULT = Pattern.compile("\"result\"\\s*:\\s*\"0x([0-9a-fA-F]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final HttpRequest chainId;

    AnvilProbe(String rpcUrl) {
        this.chainId = HttpRequest.newBuilder(URI.create(rpcUrl))
                .timeout(Duration.ofSeconds(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
                .build();
    }

    /**
     * @throws IllegalStateException when the process exits, another chain answers, or nothing answers
     *                               within 30 s
     */
    void awaitChainId(Process process, long expected) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("anvil exited with code " + process.exitValue());
            }
            Long answered = askChainId();
            if (answered != null) {
                if (answered != expected) {
                    throw new IllegalStateException("a chain with id " + answered + " answers on that port");
                }
                return;
            }
            pause();
        }
        throw new IllegalStateException("anvil did not answer within " + STARTUP.toSeconds() + " s");
    }

    /** The chain id, or null while nothing listens yet. */
    private Long askChainId() {
        try {
            String body = http.send(chainId, HttpResponse.BodyHandlers.ofString()).body();
            Matcher result = RESULT.matcher(body);
            return result.find() ? Long.parseLong(result.group(1), 16) : null;
        } catch (IOException notListeningYet) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for anvil", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for anvil", e);
        }
    }
}
