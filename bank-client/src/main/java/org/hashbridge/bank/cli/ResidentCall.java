package org.hashbridge.bank.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hashbridge.bank.ResidentClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A {@code resident} command that calls the resident's home node with their credential. */
abstract class ResidentCall implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ResidentNode home;

    private final Map<String, String> environment;

    ResidentCall(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public final Integer call() {
        return call(home.client(environment), spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** The command's work with a client of the home node; answers the exit code. */
    abstract int call(ResidentClient client, PrintWriter out, PrintWriter err);
}
