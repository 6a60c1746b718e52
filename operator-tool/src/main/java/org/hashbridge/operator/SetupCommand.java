package org.hashbridge.operator;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hashbridge.node.chain.AccountKey;
import org.hashbridge.node.chain.OperatorOnChain;
import org.hashbridge.node.chain.RegistryGovernance;
import org.hashbridge.node.chain.RegistryGovernance.Call;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code setup}: a first start with both governance keys at hand. It reads the registry before each step
 * and skips what is done already, so that a run cut short can be run again: with {@code --registry}, or
 * with the {@code --out} file the first run wrote as soon as it had deployed, it goes on with that registry.
 */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Deploys the registry governed by both governance accounts, admits HK (namespace hk) and "
                + "SZ (namespace cn), registers both operator accounts, and prints the HASHBRIDGE_CHAIN_* settings "
                + "the nodes need. Steps already done are reported and skipped.")
final class SetupCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ChainOptions chain;

    @Mixin
    private KeyFileOptions deployer;

    @Option(names = "--hk-governance-key-file", required = true, paramLabel = "WALLET",
            description = "Hong Kong's governance account (same password file)")
    private Path hkGovernanceKeyFile;

    @Option(names = "--sz-governance-key-file", required = true, paramLabel = "WALLET",
            description = "Shenzhen's governance account (same password file)")
    private Path szGovernanceKeyFile;

    @Option(names = "--hk-operator", required = true, paramLabel = "0xACCOUNT", description = "the HK node's account")
    private String hkOperator;

    @Option(names = "--sz-operator", required = true, paramLabel = "0xACCOUNT", description = "the SZ node's account")
    private String szOperator;

    @Option(names = "--registry", paramLabel = "0xREGISTRY",
            description = "go on with this registry instead of deploying one")
    private String registry;

    @Option(names = "--out", paramLabel = "FILE",
            description = "also write the settings there; a registry it names already is gone on with")
    private Path out;

    private PrintWriter progress;

    @Override
    public Integer call() {
        progress = spec.commandLine().getErr();
        String hkOperatorAccount = account("--hk-operator", hkOperator);
        String szOperatorAccount = account("--sz-operator", szOperator);
        String password = deployer.password();
        AccountKey deployKey = Wallets.load(deployer.keyFile, password);
        AccountKey hk = Wallets.load(hkGovernanceKeyFile, password);
        AccountKey sz = Wallets.load(szGovernanceKeyFile, password);
        if (hk.address().equals(sz.address())) {
            throw ToolFailure.badInput("the two governance key files hold the same account " + hk.address());
        }
        String rpcUrl = chain.checkedRpcUrl();
        NodeSettings settings = registry(rpcUrl, deployKey, hk, sz);
        RegistryView view = new RegistryView(rpcUrl, settings.registry(), chain.chainId, hk);
        view.requireRegistry();
        try (RegistryGovernance hkSide = Governance.connect(rpcUrl, settings.registry(), hk);
             RegistryGovernance szSide = Governance.connect(rpcUrl, settings.registry(), sz)) {
            Enactment both = new Enactment(hkSide, szSide);
            admit(view, both, "HK", "hk");
            admit(view, both, "SZ", "cn");
            register(view, both, hkOperatorAccount, "HK");
            register(view, both, szOperatorAccount, "SZ");
        }
        settings.lines().stream().filter(line -> !line.startsWith("#")).forEach(spec.commandLine().getOut()::println);
        if (out != null) {
            settings.write(out);
        }
        return 0;
    }

    /** The registry to set up: the one named, the one the {@code --out} file names, or a new one. */
    private NodeSettings registry(String rpcUrl, AccountKey deployKey, AccountKey hk, AccountKey sz) {
        Optional<String> earlier = registry != null ? Optional.of(account("--registry", registry))
                : out != null ? NodeSettings.registryIn(out, chain.chainId) : Optional.empty();
        if (earlier.isPresent()) {
            try (RegistryGovernance governance = Governance.connect(rpcUrl, earlier.get(), hk)) {
                progress.println("registry " + earlier.get() + " deployed already, governed by the Safe "
                        + governance.safeAddress() + ": going on with it");
                return new NodeSettings(chain.chainId, earlier.get(), governance.safeAddress());
            }
        }
        RegistryGovernance.Deployment deployment = RegistryGovernance.deploy(rpcUrl, deployKey,
                List.of(hk.address(), sz.address()));
        NodeSettings settings = new NodeSettings(chain.chainId, deployment.registry(), deployment.governance());
        progress.println("deployed the registry " + deployment.registry() + ", governed by the Safe "
                + deployment.governance() + " of " + hk.address() + " (HK) and " + sz.address() + " (SZ)");
        if (out != null) {
            settings.write(out); // at once, so that a run cut short goes on with this registry
        }
        return settings;
    }

    private void admit(RegistryView view, Enactment both, String jurisdiction, String namespace) {
        Optional<String> admitted = view.namespace(jurisdiction);
        if (admitted.isPresent()) {
            if (!admitted.get().equals(namespace)) {
                throw ToolFailure.badInput(jurisdiction + " is admitted with the namespace " + admitted.get()
                        + ", not " + namespace);
            }
            progress.println(jurisdiction + " admitted already (namespace " + namespace + "): skipped");
            return;
        }
        both.enact(Call.admitJurisdiction(jurisdiction, namespace));
        progress.println("admitted " + jurisdiction + " (namespace " + namespace + ")");
    }

    private void register(RegistryView view, Enactment both, String account, String jurisdiction) {
        Optional<OperatorOnChain> operator = view.operator(account);
        if (operator.isPresent()) {
            if (!operator.get().jurisdiction().equals(jurisdiction) || !operator.get().active()) {
                throw ToolFailure.badInput("the operator " + account + " is registered for "
                        + operator.get().jurisdiction() + (operator.get().active() ? "" : " and deactivated")
                        + ", not an active operator of " + jurisdiction);
            }
            progress.println("operator " + account + " of " + jurisdiction + " registered already: skipped");
            return;
        }
        both.enact(Call.registerOperator(account, jurisdiction));
        progress.println("registered the operator " + account + " of " + jurisdiction);
    }

    private static String account(String option, String value) {
        if (!WalletUtils.isValidAddress(value)) {
            throw ToolFailure.badInput(option + " " + value + " is not a 20-byte hex address");
        }
        return Keys.toChecksumAddress(value);
    }

    /** A governance call with both sides' consent: Shenzhen approves it, Hong Kong executes it. */
    private record Enactment(RegistryGovernance hk, RegistryGovernance sz) {
        void enact(Call call) {
            sz.approve(call);
            hk.execute(call);
        }
    }
}
