package org.hashbridge.bank.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BankCliTest {

    private static final String[] ALL = {"hash", "verify", "fetch-keys", "verify-receipt", "anchor", "resident"};

    @Test
    void aSubcommandRunsInATreeOfItsOwn() {
        for (String name : ALL) {
            assertThat(BankCli.commandLine(Map.of(), name, "--help").getSubcommands()).containsOnlyKeys(name);
        }
    }

    @Test
    void anythingElseGetsTheWholeTree() {
        assertThat(BankCli.commandLine(Map.of()).getSubcommands()).containsOnlyKeys(ALL);
        assertThat(BankCli.commandLine(Map.of(), "--help").getSubcommands()).containsOnlyKeys(ALL);
        assertThat(BankCli.commandLine(Map.of(), "hash-it", "file").getSubcommands()).containsOnlyKeys(ALL);
    }

    @Test
    void anUnknownCommandIsAUsageErrorSuggestingFromEveryCommand() {
        CliRun run = CliRun.of("anchr", "--batch", "batch.csv");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Unmatched arguments", "Did you mean: hashbridge-bank anchor");
    }

    @Test
    void aSubcommandInItsOwnTreeKeepsItsExitCodes() {
        CliRun run = CliRun.of("hash", "--algorithm", "md5", "file");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("'md5' is not a digest algorithm");
    }
}
