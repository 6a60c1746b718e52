package org.hashbridge.sandbox.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as Docker Compose reads it (YAML anchors and merge keys resolved), with the few questions
 * the rules of {@link ComposeRules} ask of it. {@link #edit} makes a changed copy, for the tests that break a rule.
 */
final class Compose {

    /** A file or directory of the host mounted into a service: a bind mount or a secret. */
    record Mount(String source, String target) {
    }

    private final Map<String, Object> root;

    private Compose(Map<String, Object> root) {
        this.root = root;
    }

    static Compose read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Compose parse(String yaml) {
        return new Compose(new Yaml().load(yaml));
    }

    /** A copy of this file with {@code change} applied to its YAML tree. */
    Compose edit(Consumer<Map<String, Object>> change) {
        Compose copy = parse(new Yaml().dump(root));
        change.accept(copy.root);
        return copy;
    }

    Set<String> services() {
        return new TreeSet<>(map(root, "services").keySet());
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = map(map(root, "services"), name);
        if (service.isEmpty()) {
            throw new IllegalArgumentException("docker-compose.yml has no service " + name);
        }
        return service;
    }

    String image(String service) {
        return (String) service(service).get("image");
    }

    boolean built(String service) {
        return service(service).containsKey("build");
    }

    /** A service that runs once and exits: its restart policy is "no". */
    boolean oneShot(String service) {
        return "no".equals(String.valueOf(service(service).get("restart")));
    }

    Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        map(service(service), "environment").forEach((key, value) -> environment.put(key, String.valueOf(value)));
        return environment;
    }

    List<String> command(String service) {
        return strings(service(service).get("command"));
    }

    /** The services this one waits for, each with its condition. */
    Map<String, String> dependsOn(String service) {
        Map<String, String> conditions = new LinkedHashMap<>();
        Object dependsOn = service(service).get("depends_on");
        if (dependsOn instanceof Map<?, ?> entries) {
            entries.forEach((name, spec) -> conditions.put((String) name, (String) map(spec).get("condition")));
        } else {
            strings(dependsOn).forEach(name -> conditions.put(name, null));
        }
        return conditions;
    }

    /** The services this one waits to have completed successfully, directly or through those it waits for. */
    Set<String> completedBefore(String service) {
        Set<String> completed = new TreeSet<>();
        dependsOn(service).forEach((name, condition) -> {
            if ("service_completed_successfully".equals(condition)) {
                completed.add(name);
            }
            completed.addAll(completedBefore(name));
        });
        return completed;
    }

    /** Its bind mounts (sources starting with {@code ./} or {@code /}) and its secrets, as files of the host. */
    List<Mount> hostMounts(String service) {
        List<Mount> mounts = new ArrayList<>();
        for (String volume : strings(service(service).get("volumes"))) {
            String[] parts = volume.split(":");
            if (parts[0].startsWith("./") || parts[0].startsWith("/")) {
                mounts.add(new Mount(parts[0], parts[1]));
            }
        }
        for (Object secret : list(service(service).get("secrets"))) {
            String source = secret instanceof Map<?, ?> long_ ? (String) long_.get("source") : (String) secret;
            String target = secret instanceof Map<?, ?> long_ && long_.get("target") != null
                    ? (String) long_.get("target") : source;
            mounts.add(new Mount((String) map(map(root, "secrets"), source).get("file"),
                    target.startsWith("/") ? target : "/run/secrets/" + target));
        }
        return mounts;
    }

    /** Where its named volumes are mounted. */
    List<String> volumeTargets(String service) {
        return strings(service(service).get("volumes")).stream().filter(v -> !v.startsWith(".") && !v.startsWith("/"))
                .map(v -> v.split(":")[1]).toList();
    }

    List<String> ports(String service) {
        return strings(service(service).get("ports"));
    }

    String address(String service, String network) {
        return (String) map(map(service(service), "networks"), network).get("ipv4_address");
    }

    Map<String, Object> healthcheck(String service) {
        return map(service(service), "healthcheck");
    }

    Map<String, Object> network(String name) {
        return map(map(root, "networks"), name);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object parent, String key) {
        return parent instanceof Map<?, ?> map ? map((Object) ((Map<String, Object>) map).get(key)) : Map.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    static List<Object> list(Object value) {
        return value instanceof List<?> list ? List.copyOf(list) : List.of();
    }

    static List<String> strings(Object value) {
        return list(value).stream().map(String::valueOf).toList();
    }
}
