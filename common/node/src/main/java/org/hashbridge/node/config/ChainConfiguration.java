package org.hashbridge.node.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.hashbridge.node.chain.AccountKey;
import org.hashbridge.node.chain.ChainSettings;
import org.hashbridge.node.chain.Web3jRegistryChain;
import org.hashbridge.node.startup.KeyPasswords;
import org.hashbridge.node.startup.StartRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Connects the node to the registry with its operator account. */
@Configuration(proxyBeanMethods = false)
class ChainConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ChainConfiguration.class);
    private static final String KEY_FILE = "hashbridge.chain.operator-key-file";

    @Bean(destroyMethod = "close")
    Web3jRegistryChain registryChain(ChainProperties chain, MeterRegistry meters) {
        ChainSettings settings = new ChainSettings(chain.rpcUrl(), chain.registryAddress(), operatorKey(chain),
                chain.chainId(), chain.confirmations(), chain.pollInterval(), chain.timeout(), chain.transactionType(),
                chain.gasPrice());
        return Web3jRegistryChain.connect(settings, meters);
    }

    /**
     * The key comes from a web3j wallet file and its password; the raw hex {@code hashbridge.chain.operator-key} is
     * for the sandbox and tests, never committed YAML.
     *
     * @throws StartRefused when the file cannot be read, is not a wallet file, or its password does not open it
     */
    static AccountKey operatorKey(ChainProperties chain) {
        if (chain.operatorKeyFile() != null) {
            char[] password = KeyPasswords.read("hashbridge.chain.operator-key-password", chain.operatorKeyPassword(),
                    chain.operatorKeyPasswordFile());
            return fromWallet(chain, new String(password));
        }
        if (chain.operatorKey() == null || chain.operatorKey().isBlank()) {
            throw StartRefused.missingSettings(java.util.List.of(KEY_FILE + " (the operator account's web3j wallet file)"));
        }
        log.warn("the operator key is read from hashbridge.chain.operator-key, in clear: for the sandbox and tests only, "
                + "not for production (set {} to a web3j wallet file)", KEY_FILE);
        return AccountKey.fromHex(chain.operatorKey().trim());
    }

    private static AccountKey fromWallet(ChainProperties chain, String password) {
        if (!Files.isReadable(chain.operatorKeyFile())) {
            throw StartRefused.keyFile(KEY_FILE, chain.operatorKeyFile(),
                    Files.exists(chain.operatorKeyFile()) ? "cannot be read" : "does not exist");
        }
        try {
            return AccountKey.fromWalletFile(chain.operatorKeyFile(), password);
        } catch (IllegalArgumentException e) {
            throw StartRefused.keyFile(KEY_FILE, chain.operatorKeyFile(), "is not opened by its password "
                    + "(hashbridge.chain.operator-key-password): the password is wrong or the file is damaged");
        } catch (UncheckedIOException e) {
            throw StartRefused.keyFile(KEY_FILE, chain.operatorKeyFile(), "is not a web3j wallet file (Ethereum V3 key "
                    + "store JSON) (" + e.getCause().getMessage() + ")");
        }
    }
}
