package org.hashbridge.bank.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.hashbridge.bank.KeyRegistration;
import org.hashbridge.bank.ResidentClient;
import org.hashbridge.protocol.SoftwareAuthenticator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code resident register-key}: binds a software key to the resident at their home node. */
@Command(name = "register-key", mixinStandardHelpOptions = true,
        description = {"Registers your key at your home node, which binds its hash to you in the registry. The key "
                + "signs a proof that you hold it. When a key is bound already, give it as --old-key: it approves the "
                + "replacement, which the registry itself checks; without it the node refuses (RESIDENT_KEY_BOUND).",
                "Lost the old key? Your home node's operator can start a recovery; it completes after 7 days, and "
                        + "the key bound until then can stop it."})
final class ResidentRegisterKeyCommand extends ResidentCall {

    @Option(names = "--key", paramLabel = "KEY.pem", required = true, description = "the key to register")
    private Path keyFile;

    @Option(names = "--old-key", paramLabel = "OLD.pem", description = "the key bound now, which approves its replacement")
    private Path oldKeyFile;

    ResidentRegisterKeyCommand(Map<String, String> environment) {
        super(environment);
    }

    @Override
    int call(ResidentClient client, PrintWriter out, PrintWriter err) {
        SoftwareAuthenticator key = LocalFiles.readResidentKey("resident key file", keyFile);
        SoftwareAuthenticator oldKey = oldKeyFile == null ? null : LocalFiles.readResidentKey("old key file", oldKeyFile);
        KeyRegistration registration = client.registerKey(key, oldKey);
        out.println("resident key: " + registration.keyHash().hex());
        if (registration.bound()) {
            out.println("status: BOUND (the registry has it)");
            return ExitCodes.OK;
        }
        out.println("status: " + registration.status() + " (the node is still writing it on chain: see it with "
                + "resident key)");
        return ExitCodes.NEGATIVE;
    }
}
