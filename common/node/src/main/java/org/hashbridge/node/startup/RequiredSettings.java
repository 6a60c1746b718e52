package org.hashbridge.node.startup;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Refuses to start, before anything else starts (database, chain client, web server), when a setting the node
 * cannot run without is missing: all of them named at once in one {@link StartRefused}.
 */
public final class RequiredSettings implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        List<String> missing = missing(event.getEnvironment());
        if (!missing.isEmpty()) {
            throw StartRefused.missingSettings(missing);
        }
    }

    /** The missing settings, each with what would do instead. */
    static List<String> missing(Environment settings) {
        List<String> missing = new ArrayList<>();
        require(settings, missing, "spring.datasource.url", " (a PostgreSQL JDBC URL)");
        require(settings, missing, "hashbridge.chain.rpc-url", "");
        require(settings, missing, "hashbridge.chain.chain-id", " (the chain's id, as eth_chainId answers it)");
        require(settings, missing, "hashbridge.chain.registry-address", "");
        if (blank(settings, "hashbridge.chain.operator-key-file") && blank(settings, "hashbridge.chain.operator-key")) {
            missing.add("hashbridge.chain.operator-key-file (the operator account's web3j wallet file)");
        } else if (!blank(settings, "hashbridge.chain.operator-key-file")) {
            requirePassword(settings, missing, "hashbridge.chain.operator-key-password");
        }
        if (blank(settings, "hashbridge.receipts.key-store")) {
            if (!settings.getProperty("hashbridge.node.generate-keys", Boolean.class, false)) {
                missing.add("hashbridge.receipts.key-store (the PKCS#12 store of the receipt and subject keys; "
                        + "hashbridge.node.generate-keys=true only for the sandbox and tests)");
            }
        } else {
            requirePassword(settings, missing, "hashbridge.receipts.key-store-password");
        }
        return missing;
    }

    private static void requirePassword(Environment settings, List<String> missing, String password) {
        if (blank(settings, password) && blank(settings, password + "-file")) {
            missing.add(password + " or " + password + "-file");
        }
    }

    private static void require(Environment settings, List<String> missing, String name, String hint) {
        if (blank(settings, name)) {
            missing.add(name + hint);
        }
    }

    private static boolean blank(Environment settings, String name) {
        String value = settings.getProperty(name);
        return value == null || value.isBlank();
    }
}
