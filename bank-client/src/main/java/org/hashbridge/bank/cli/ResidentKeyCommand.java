package org.hashbridge.bank.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.hashbridge.bank.ResidentClient;
import org.hashbridge.bank.ResidentKeyState;
import org.hashbridge.protocol.Hash32;
import picocli.CommandLine.Command;

/** {@code resident key}: what the registry binds to the resident, as their home node reads it. */
@Command(name = "key", mixinStandardHelpOptions = true,
        description = "Shows the key bound to you in the registry, as your home node reads it: your binding, the "
                + "key's hash, how many times it changed, and any recovery your home operator started (exit 1 then: "
                + "unless you lost your key, stop it with cancel-recovery before it completes).")
final class ResidentKeyCommand extends ResidentCall {

    ResidentKeyCommand(Map<String, String> environment) {
        super(environment);
    }

    @Override
    int call(ResidentClient client, PrintWriter out, PrintWriter err) {
        return print(client.key(), out);
    }

    /** Prints {@code state}; {@link ExitCodes#NEGATIVE} when a recovery is pending, which the resident must know. */
    static int print(ResidentKeyState state, PrintWriter out) {
        out.println("binding: " + state.binding().hex() + " (" + state.jurisdiction() + ", chain " + state.chainId()
                + ", registry " + state.registry() + ")");
        out.println("resident key: " + state.keyHash().map(Hash32::hex).orElse("none bound"));
        out.println("changes: " + state.nonce());
        if (state.pendingKey().isEmpty()) {
            return ExitCodes.OK;
        }
        out.println("recovery pending: key " + state.pendingKey().get().hex() + " replaces yours from "
                + state.recoverableAt().map(Object::toString).orElse("(unknown)"));
        return ExitCodes.NEGATIVE;
    }
}
