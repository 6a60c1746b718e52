package org.hashbridge.node.startup;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What {@code java -jar <node>.jar --help} prints: the settings, without starting anything. */
public final class NodeHelp {

    private static final Set<String> ASKING = Set.of("--help", "-h");
    private static final int WIDTH = 100;

    private NodeHelp() {
    }

    /** Whether the command line asks for help. */
    public static boolean asked(String... args) {
        for (String arg : args) {
            if (ASKING.contains(arg)) {
                return true;
            }
        }
        return false;
    }

    public static void print(String jar, PrintStream out) {
        out.println("Usage: java -jar " + jar + " [--setting=value ...]");
        out.println();
        out.println("A HashBridge operator node. Every setting comes from a --setting=value argument, the environment");
        out.println("(upper case, '.' and '-' as '_': HASHBRIDGE_CHAIN_RPC_URL), a config/ file, or a file named after it");
        out.println("in a directory imported with --spring.config.import=optional:configtree:/run/secrets/.");
        out.println("The node refuses to start, saying which, when a required setting is missing or wrong.");
        out.println("docs/operations.md, section Settings, holds this list.");
        for (Settings setting : Settings.all()) {
            out.println();
            out.println("  " + setting.name() + "  [" + setting.environmentVariable() + "]");
            out.println("      default: " + setting.defaultValue());
            wrap(setting.description()).forEach(line -> out.println("      " + line));
        }
    }

    private static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + word.length() + 1 > WIDTH - 6) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
