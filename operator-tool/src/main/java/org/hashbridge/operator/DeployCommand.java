package org.hashbridge.operator;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hashbridge.node.chain.AccountKey;
import org.hashbridge.node.chain.RegistryGovernance;
import org.hashbridge.node.chain.RegistryGovernance.Deployment;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code deploy}: the Safe of the governance accounts and the registry it governs. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = "Deploys a Safe owned by the governance accounts, needing all of them, and a HashBridge "
                + "registry governed by it; prints registry=0x.. and governance=0x.. (the Safe).")
final class DeployCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ChainOptions chain;

    @Mixin
    private KeyFileOptions signer;

    @Option(names = "--governance", required = true, paramLabel = "JURISDICTION=0xACCOUNT",
            description = "a jurisdiction's governance account, once per jurisdiction (at least two)")
    private Map<String, String> governance;

    @Option(names = "--out", paramLabel = "FILE", description = "also write registry= and governance= there")
    private Path out;

    @Override
    public Integer call() {
        List<String> accounts = governanceAccounts(governance);
        AccountKey key = signer.key();
        Deployment deployment = RegistryGovernance.deploy(chain.checkedRpcUrl(), key, accounts);
        List<String> lines = List.of("registry=" + deployment.registry(), "governance=" + deployment.governance());
        PrintWriter stdout = spec.commandLine().getOut();
        lines.forEach(stdout::println);
        if (out != null) {
            try {
                Files.write(out, lines, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw ToolFailure.badInput("cannot write " + out + ": " + e.getClass().getSimpleName());
            }
        }
        return 0;
    }

    /** The Safe's owners, one distinct, well-formed account per jurisdiction, at least two. */
    static List<String> governanceAccounts(Map<String, String> byJurisdiction) {
        if (byJurisdiction.size() < 2) {
            throw ToolFailure.badInput("--governance is needed once per jurisdiction, at least twice");
        }
        byJurisdiction.forEach((jurisdiction, account) -> {
            if (!jurisdiction.matches("[A-Z0-9]{1,32}")) {
                throw ToolFailure.badInput("--governance " + jurisdiction + ": a jurisdiction is 1 to 32 upper-case "
                        + "letters or digits, such as HK");
            }
            if (!WalletUtils.isValidAddress(account)) {
                throw ToolFailure.badInput("--governance " + jurisdiction + "=" + account + " is not a 20-byte hex address");
            }
        });
        List<String> accounts = byJurisdiction.values().stream().map(Keys::toChecksumAddress).toList();
        if (new HashSet<>(accounts).size() != accounts.size()) {
            throw ToolFailure.badInput("each jurisdiction needs a governance account of its own");
        }
        return accounts;
    }
}
