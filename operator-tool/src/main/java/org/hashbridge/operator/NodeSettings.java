package org.hashbridge.operator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.WalletUtils;

/**
 * What a node needs from a deployment, as the environment lines it reads
 * ({@code HASHBRIDGE_CHAIN_CHAIN_ID=..}, {@code HASHBRIDGE_CHAIN_REGISTRY_ADDRESS=..}): a file of them is
 * both a Docker Compose {@code env_file} and a shell file to source.
 */
record NodeSettings(long chainId, String registry, String governance) {

    static final String CHAIN_ID = "HASHBRIDGE_CHAIN_CHAIN_ID";
    static final String REGISTRY_ADDRESS = "HASHBRIDGE_CHAIN_REGISTRY_ADDRESS";

    /** The lines for a node; the Safe only as a comment, since no node reads it. */
    List<String> lines() {
        return List.of(CHAIN_ID + "=" + chainId, REGISTRY_ADDRESS + "=" + registry,
                "# the registry is governed by the Safe " + governance);
    }

    void write(Path out) {
        try {
            Files.write(out, lines(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ToolFailure.badInput("cannot write " + out + ": " + e.getClass().getSimpleName());
        }
    }

    /**
     * The registry address a previous run wrote to {@code file} for chain {@code chainId}; empty when the file
     * does not exist yet.
     *
     * @throws ToolFailure when the file is unreadable, names another chain or holds no valid address
     */
    static Optional<String> registryIn(Path file, long chainId) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw ToolFailure.badInput("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
        Optional<String> chain = value(lines, CHAIN_ID);
        if (chain.isPresent() && !chain.get().equals(Long.toString(chainId))) {
            throw ToolFailure.badInput(file + " is for chain " + chain.get() + ", not " + chainId);
        }
        Optional<String> registry = value(lines, REGISTRY_ADDRESS);
        if (registry.isPresent() && !WalletUtils.isValidAddress(registry.get())) {
            throw ToolFailure.badInput(file + " has no valid " + REGISTRY_ADDRESS);
        }
        return registry;
    }

    private static Optional<String> value(List<String> lines, String name) {
        return lines.stream().map(String::strip).filter(line -> line.startsWith(name + "="))
                .map(line -> line.substring(name.length() + 1).strip()).reduce((first, last) -> last);
    }
}
