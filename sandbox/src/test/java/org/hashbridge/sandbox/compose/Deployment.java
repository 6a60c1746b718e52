package org.hashbridge.sandbox.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The repository's side of docker-compose.yml: the files under deploy/ it is built from, the Dockerfiles, and
 * each node's packaged settings.
 *
 * @param root the repository's root
 */
record Deployment(Path root) {

    /** A validator of deploy/besu/validators: its service and its fixed address. */
    record Validator(String service, String address) {
    }

    /** A line of deploy/generated-files: a path under deploy/generated, who owns it, and the service that writes it. */
    record Generated(String path, String owner, String mode, String writer) {

        boolean directory() {
            return path.endsWith("/");
        }
    }

    /** The repository this test runs in: the sandbox module's parent. */
    static Deployment ofThisRepository() {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.isRegularFile(here.resolve("docker-compose.yml")) ? here : here.getParent();
        return new Deployment(root);
    }

    Compose compose() {
        return Compose.read(root.resolve("docker-compose.yml"));
    }

    String text(String relative) {
        try {
            return Files.readString(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> lines(String relative) {
        return text(relative).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    List<Validator> validators() {
        return lines("deploy/besu/validators").stream().map(l -> l.split("\\s+"))
                .map(f -> new Validator(f[0], f[1])).toList();
    }

    List<Generated> generatedFiles() {
        return lines("deploy/generated-files").stream().map(l -> l.split("\\s+"))
                .map(f -> new Generated(f[0], f[1], f[2], f[3])).toList();
    }

    /** deploy/besu/qbft-config.json, the input of {@code besu operator generate-blockchain-config}. */
    JsonNode qbftConfig() {
        return JsonMapper.builder().build().readTree(text("deploy/besu/qbft-config.json"));
    }

    /** deploy/besu/config.toml's options, each value without its quotes. */
    Map<String, String> besuOptions() {
        Properties options = new Properties();
        lines("deploy/besu/config.toml").forEach(l -> {
            int equals = l.indexOf('=');
            options.setProperty(l.substring(0, equals).strip(), l.substring(equals + 1).strip().replace("\"", ""));
        });
        Map<String, String> ordered = new LinkedHashMap<>();
        options.stringPropertyNames().forEach(name -> ordered.put(name, options.getProperty(name)));
        return ordered;
    }

    /** Every Dockerfile docker-compose.yml builds, by its path. */
    Map<String, String> dockerfiles() {
        Map<String, String> files = new LinkedHashMap<>();
        for (String path : List.of("deploy/node/Dockerfile", "deploy/operator/Dockerfile")) {
            files.put(path, text(path));
        }
        return files;
    }

    /** The images a Dockerfile starts from: its {@code ARG *_IMAGE=} defaults and its literal {@code FROM}s. */
    static List<String> baseImages(String dockerfile) {
        List<String> images = new ArrayList<>();
        Matcher args = Pattern.compile("(?m)^ARG \\w+_IMAGE=(\\S+)").matcher(dockerfile);
        while (args.find()) {
            images.add(args.group(1));
        }
        Matcher froms = Pattern.compile("(?m)^FROM (\\S+)").matcher(dockerfile);
        while (froms.find()) {
            if (!froms.group(1).startsWith("$")) {
                images.add(froms.group(1));
            }
        }
        return images;
    }

    /** A node's packaged settings, the first winning: its side's file, then the file both sides share. */
    static List<PropertySource<?>> packagedSettings(String side) {
        YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
        List<PropertySource<?>> sources = new ArrayList<>();
        try {
            sources.addAll(loader.load(side + "-node.yml", new ClassPathResource(side + "-node.yml")));
            sources.addAll(loader.load("hashbridge-node.yml", new ClassPathResource("hashbridge-node.yml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }
}
