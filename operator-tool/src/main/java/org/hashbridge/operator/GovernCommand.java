package org.hashbridge.operator;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.hashbridge.node.chain.AccountKey;
import org.hashbridge.node.chain.ChainWrite;
import org.hashbridge.node.chain.RegistryGovernance;
import org.hashbridge.node.chain.RegistryGovernance.Call;
import org.web3j.crypto.WalletUtils;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code govern}: one governance account's part of a governance call. Every account but the last
 * {@code --approve}s it; the last {@code --execute}s it, which counts as its approval.
 */
@Command(name = "govern", mixinStandardHelpOptions = true,
        description = "Approves or executes a governance call of the registry as one governance account: "
                + "every other account approves it first, the last one executes it.",
        subcommands = {GovernCommand.AdmitJurisdiction.class, GovernCommand.RegisterOperator.class,
                GovernCommand.DeactivateOperator.class})
final class GovernCommand {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ChainOptions chain;

    @Option(names = "--registry", required = true, paramLabel = "0xREGISTRY", description = "the registry's address")
    private String registry;

    @Mixin
    private KeyFileOptions signer;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Step step;

    static final class Step {
        @Option(names = "--approve", required = true, description = "approve the call, for another account to execute")
        boolean approve;

        @Option(names = "--execute", required = true, description = "execute the call, all other accounts having approved it")
        boolean execute;
    }

    int run(Call call) {
        if (!WalletUtils.isValidAddress(registry)) {
            throw ToolFailure.badInput("--registry " + registry + " is not a 20-byte hex address");
        }
        AccountKey key = signer.key();
        String rpcUrl = chain.checkedRpcUrl();
        PrintWriter out = spec.commandLine().getOut();
        try (RegistryGovernance governance = Governance.connect(rpcUrl, registry, key)) {
            if (step.approve) {
                out.println("approved " + call.function() + " as " + key.address() + ": Safe transaction "
                        + governance.approve(call));
            } else {
                ChainWrite write = governance.execute(call);
                out.println("executed " + call.function() + " in transaction " + write.txHash()
                        + ", block " + write.blockNumber());
            }
        }
        return 0;
    }

    @Command(name = "admit-jurisdiction", mixinStandardHelpOptions = true,
            description = "Admits a jurisdiction with the namespace of its institutions' identifiers.")
    static final class AdmitJurisdiction implements Callable<Integer> {

        @ParentCommand
        private GovernCommand govern;

        @Parameters(index = "0", paramLabel = "JURISDICTION", description = "such as HK")
        private String jurisdiction;

        @Parameters(index = "1", paramLabel = "NAMESPACE", description = "two lower-case letters, such as hk")
        private String namespace;

        @Override
        public Integer call() {
            return govern.run(Call.admitJurisdiction(jurisdiction, namespace));
        }
    }

    @Command(name = "register-operator", mixinStandardHelpOptions = true,
            description = "Registers an operator account for an admitted jurisdiction.")
    static final class RegisterOperator implements Callable<Integer> {

        @ParentCommand
        private GovernCommand govern;

        @Parameters(index = "0", paramLabel = "0xACCOUNT", description = "the operator node's chain account")
        private String account;

        @Parameters(index = "1", paramLabel = "JURISDICTION", description = "such as HK")
        private String jurisdiction;

        @Override
        public Integer call() {
            return govern.run(Call.registerOperator(account, jurisdiction));
        }
    }

    @Command(name = "deactivate-operator", mixinStandardHelpOptions = true,
            description = "Deactivates an operator account: it may write no more.")
    static final class DeactivateOperator implements Callable<Integer> {

        @ParentCommand
        private GovernCommand govern;

        @Parameters(index = "0", paramLabel = "0xACCOUNT", description = "the operator account")
        private String account;

        @Override
        public Integer call() {
            return govern.run(Call.deactivateOperator(account));
        }
    }
}
