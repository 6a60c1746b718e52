package org.hashbridge.bank.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "receipt", mixinStandardHelpOptions = true)
final class ResidentReceiptCommand implements Callable<Integer> {

    ResidentReceiptCommand(Map<String, String> environment) {
    }

    @Override
    public Integer call() {
        return ExitCodes.USAGE;
    }
}
