package org.hashbridge.bank.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hashbridge.protocol.SoftwareAuthenticator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code resident keygen}: a new software key for a resident, written where only its owner can read it. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Makes a new resident key (P-256) and writes its private half as PKCS#8 PEM to a new file "
                + "that only you can read; an existing file is never overwritten. Nothing is sent anywhere.",
                "Whoever holds the file can consent in your name: keep it as you keep a password. Register it at "
                        + "your home node with resident register-key."})
final class ResidentKeygenCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "KEY.pem", required = true, description = "the new key file")
    private Path out;

    @Override
    public Integer call() {
        SoftwareAuthenticator key = SoftwareAuthenticator.generate();
        LocalFiles.writeSecret("resident key file", out, key.toPem());
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("resident key: " + key.key().hash().hex());
        stdout.println("public key (JWK): " + key.key().toJson());
        stdout.println("private key: saved to " + out + " (readable by you only)");
        return ExitCodes.OK;
    }
}
