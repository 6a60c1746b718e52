package org.hashbridge.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import org.hashbridge.node.chain.DevAccounts;
import org.hashbridge.node.chain.DevRegistry;
import org.hashbridge.node.institution.Secrets;
import org.hashbridge.sandbox.Demo.Side;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.exception.CipherException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deploys the registry, registers both operators, and writes each node's operator key file and
 * onboarding file (hashes of fresh secrets, never the secrets themselves); makes each node's demo operator a
 * fresh password, given to the node as a hash.
 */
final class SandboxSetup {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** web3j's wallet files are written with the Jackson its classes are annotated for. */
    private static final ObjectMapper WALLETS = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final PasswordEncoder OPERATOR_PASSWORDS = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private final String rpcUrl;
    private final String registryAddress;
    private final Path home;
    private final Map<String, String> secrets;
    // hashed once: a restarted node gets the same hash, so it sees no password change
    private final Map<String, String> operatorHashes = new java.util.concurrent.ConcurrentHashMap<>();

    private SandboxSetup(String rpcUrl, String registryAddress, Path home, Map<String, String> secrets) {
        this.rpcUrl = rpcUrl;
        this.registryAddress = registryAddress;
        this.home = home;
        this.secrets = secrets;
    }

    static SandboxSetup prepare(String rpcUrl, Path home) {
        String registry = DevRegistry.deploy(rpcUrl).registry();
        Map<String, String> secrets = new HashMap<>();
        Demo.INSTITUTIONS.forEach(i -> secrets.put(i.id(), newSecret("hbk_")));
        Demo.RESIDENTS.forEach(r -> secrets.put(r.subject(), newSecret("hbr_")));
        for (Side side : Side.values()) {
            secrets.put(Demo.operator(side), newSecret("hbo_"));
        }
        SandboxSetup setup = new SandboxSetup(rpcUrl, registry, home, secrets);
        for (Side side : Side.values()) {
            setup.writeNodeFiles(side);
        }
        return setup;
    }

    private void writeNodeFiles(Side side) {
        String key = side == Side.SZ ? DevAccounts.szOperatorKeyHex() : DevAccounts.hkOperatorKeyHex();
        writeWallet(operatorKeyFile(side), operatorKeyPasswordFile(side), key);
        List<Map<String, String>> institutions = Demo.INSTITUTIONS.stream().filter(i -> i.side() == side)
                .map(i -> Map.of("id", i.id(), "role", i.role(), "apiKeySha256", Secrets.hash(secrets.get(i.id()))))
                .toList();
        List<Map<String, String>> residents = Demo.RESIDENTS.stream().filter(r -> r.side() == side)
                .map(r -> Map.of("subject", r.subject(), "credentialSha256", Secrets.hash(secrets.get(r.subject()))))
                .toList();
        writeSecretFile(provisioningFile(side),
                JSON.writeValueAsString(Map.of("institutions", institutions, "residents", residents)));
    }

    /**
     * Writes {@code keyHex} as a web3j wallet file, as an operator hands a node its key, with a fresh password in a
     * file beside it. The wallet uses scrypt's light parameters: the sandbox starts nodes often, and its keys are
     * anvil's published ones anyway.
     */
    static void writeWallet(Path wallet, Path passwordFile, String keyHex) {
        String password = newSecret("hbw_");
        writeSecretFile(passwordFile, password);
        try {
            WalletFile file = Wallet.createLight(password, ECKeyPair.create(new BigInteger(keyHex.replaceFirst("^0x", ""), 16)));
            writeSecretFile(wallet, WALLETS.writeValueAsString(file));
        } catch (CipherException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the wallet file " + wallet, e);
        }
    }

    static void writeSecretFile(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String newSecret(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The settings that give a node its demo operator: the username and the bcrypt hash of its password (the
     * password itself is only in the sandbox's descriptor).
     */
    List<String> operatorSettings(Side side) {
        String username = Demo.operator(side);
        return List.of("--hashbridge.admin.operators[0].username=" + username,
                "--hashbridge.admin.operators[0].password-hash=" + operatorHashes.computeIfAbsent(username,
                        name -> OPERATOR_PASSWORDS.encode(secret(name))));
    }

    String rpcUrl() {
        return rpcUrl;
    }

    String registryAddress() {
        return registryAddress;
    }

    String secret(String owner) {
        String secret = secrets.get(owner);
        if (secret == null) {
            throw new IllegalArgumentException("no demo institution, resident or operator " + owner);
        }
        return secret;
    }

    Path dataDirectory(Side side) {
        return home.resolve(side.operator);
    }

    Path provisioningFile(Side side) {
        return home.resolve(side.operator + "-provisioning.json");
    }

    /** The node's operator key as a web3j wallet file. */
    Path operatorKeyFile(Side side) {
        return home.resolve(side.operator + "-operator.json");
    }

    Path operatorKeyPasswordFile(Side side) {
        return home.resolve(side.operator + "-operator.password");
    }
}
