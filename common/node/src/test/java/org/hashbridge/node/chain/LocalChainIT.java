package org.hashbridge.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalChainIT {

    @TempDir
    Path dir;

    @Test
    void answersAsChain31337UntilClosedThenLeavesNoProcessBehind() throws Exception {
        LocalChain chain = LocalChain.start();
        try (AnvilControl rpc = new AnvilControl(chain.rpcUrl())) {
            assertThat(rpc.chainId()).isEqualTo(31337);
            assertThat(processesListeningOn(chain.port())).isPositive();
        } finally {
            chain.close();
        }

        assertThat(processesListeningOn(chain.port())).isZero();
    }

    @Test
    void keepsItsStateAcrossRestartsWhenGivenAStateFile() {
        Path anvil = LocalChain.findAnvil(Path.of(""));
        Path state = dir.resolve("chain-state.json");
        String registry;
        try (LocalChain first = LocalChain.start(anvil, 0, state)) {
            registry = DevRegistry.deploy(first.rpcUrl()).registry();
        }

        Optional<OperatorOnChain> afterRestart;
        try (LocalChain second = LocalChain.start(anvil, 0, state);
                Web3jRegistryChain node = Web3jRegistryChain.connect(
                        ChainSettings.anvil(second.rpcUrl(), registry, DevAccounts.hkOperator()))) {
            afterRestart = node.finalState().operator(DevAccounts.hkOperator().address());
        }

        assertThat(afterRestart).contains(new OperatorOnChain("HK", true));
    }

    private static long processesListeningOn(int port) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("--port " + port + " "))
                .count();
    }
}
