package org.hashbridge.sandbox.compose;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * What docker-compose.yml must hold to run the code of this repository, one rule a method; each answers the
 * problems it finds, in words an operator can act on, and nothing when the rule holds.
 */
final class ComposeRules {

    static final List<String> NODES = List.of("sz-node", "hk-node");
    private static final String GENERATED = "./deploy/generated/";
    /** A version tag of at least major.minor, optionally with a digest: never "latest", never a floating major. */
    private static final Pattern PINNED = Pattern.compile("[\\w./-]+:v?\\d+\\.\\d+[\\w.-]*(@sha256:[0-9a-f]{64})?");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|PRIVATE|_KEY)$");
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "(?i)(0x)?[0-9a-f]{64}|\\{(bcrypt|argon2|pbkdf2|scrypt|noop)}.*|.*-----BEGIN .*|hb[kro]_.*");

    private ComposeRules() {
    }

    /** Every setting a node requires is given to each node service, and every settings record binds. */
    static List<String> missingNodeSettings(Compose compose, Deployment deployment) {
        List<String> problems = new ArrayList<>();
        for (String node : NODES) {
            NodeSettings settings = NodeSettings.of(compose, deployment, node);
            settings.missing().forEach(name -> problems.add(node + " is not given " + name));
            settings.refusedRecords().forEach(refusal -> problems.add(node + " would refuse to start: " + refusal));
        }
        return problems;
    }

    /** The two node services are the same but for their side's name and port. */
    static List<String> nodeDifferences(Compose compose) {
        String sz = new Yaml().dump(compose.service("sz-node"))
                .replaceAll("(?<![a-z])sz(?![a-z])", "hk").replace("SZ", "HK").replace("8081", "8082");
        Map<String, String> expected = flatten("", new Yaml().load(sz));
        Map<String, String> actual = flatten("", compose.service("hk-node"));
        List<String> problems = new ArrayList<>();
        for (String path : union(expected.keySet(), actual.keySet())) {
            if (!Objects.equals(expected.get(path), actual.get(path))) {
                problems.add("hk-node differs from sz-node at " + path + ": " + actual.get(path)
                        + " where sz-node's would be " + expected.get(path));
            }
        }
        return problems;
    }

    /**
     * Every file of the host a service mounts is committed, or written by a one-shot service it waits for
     * (deploy/generated-files says which); every path a setting names lies in a mount.
     */
    static List<String> unproducedMounts(Compose compose, Deployment deployment) {
        List<String> problems = new ArrayList<>();
        for (String service : compose.services()) {
            Set<String> before = compose.completedBefore(service);
            for (Compose.Mount mount : compose.hostMounts(service)) {
                problems.addAll(mount.source().startsWith(GENERATED)
                        ? unwritten(service, mount, before, deployment) : uncommitted(service, mount, deployment));
            }
            problems.addAll(unmounted(compose, service));
        }
        return problems;
    }

    private static List<String> uncommitted(String service, Compose.Mount mount, Deployment deployment) {
        boolean committed = mount.source().startsWith("./deploy/") && Files.exists(deployment.root().resolve(mount.source()));
        return committed ? List.of() : List.of(service + " mounts " + mount.source() + ", which is not committed under deploy/");
    }

    /** A mount of deploy/generated: what deploy/generated-files lists under it, each written by a service waited for. */
    private static List<String> unwritten(String service, Compose.Mount mount, Set<String> before, Deployment deployment) {
        String path = generatedPath(mount.source());
        List<Deployment.Generated> written = deployment.generatedFiles().stream()
                .filter(g -> path.isEmpty() || g.path().equals(path) || g.path().startsWith(path + "/")).toList();
        if (written.isEmpty()) {
            return List.of(service + " mounts " + mount.source() + ", which no one-shot service writes");
        }
        return written.stream().map(Deployment.Generated::writer).distinct()
                .filter(writer -> !writer.equals(service) && !before.contains(writer))
                .map(writer -> service + " mounts " + mount.source() + " without waiting for " + writer
                        + " to complete, which writes it")
                .toList();
    }

    /** The paths the service's settings name (files, config trees) that no mount or volume holds. */
    private static List<String> unmounted(Compose compose, String service) {
        List<String> targets = new ArrayList<>(compose.hostMounts(service).stream().map(Compose.Mount::target).toList());
        targets.addAll(compose.volumeTargets(service));
        List<String> problems = new ArrayList<>();
        compose.environment(service).forEach((name, value) -> {
            for (String path : namedPaths(value)) {
                if (targets.stream().noneMatch(t -> path.equals(t) || path.startsWith(t + "/") || t.startsWith(path + "/"))) {
                    problems.add(service + "'s " + name + " names " + path + ", which nothing mounts");
                }
            }
        });
        return problems;
    }

    /** The path under deploy/generated of a mount's source, without a trailing slash ("" for the directory itself). */
    static String generatedPath(String source) {
        String path = (source.endsWith("/") ? source : source + "/").substring(GENERATED.length() - 1);
        return path.replaceAll("^/|/$", "");
    }

    private static List<String> namedPaths(String value) {
        List<String> paths = new ArrayList<>();
        for (String part : value.split(",")) {
            String path = part.strip().replaceFirst("^optional:", "").replaceFirst("^configtree:", "");
            if (path.startsWith("/")) {
                paths.add(path.replaceAll("/$", ""));
            }
        }
        return paths;
    }

    /** Every image a service runs or a Dockerfile starts from carries a version tag; the same image, the same tag. */
    static List<String> unpinnedImages(Compose compose, Deployment deployment) {
        List<String> problems = new ArrayList<>();
        Map<String, String> tags = new LinkedHashMap<>();
        for (String service : compose.services()) {
            String image = compose.image(service);
            if (image == null || !PINNED.matcher(image).matches()) {
                problems.add(service + " runs " + image + ", which is not pinned to a version");
            } else if (!compose.built(service)) {
                sameTag(tags, image, service, problems);
            }
        }
        deployment.dockerfiles().forEach((path, text) -> {
            for (String image : Deployment.baseImages(text)) {
                if (!PINNED.matcher(image).matches()) {
                    problems.add(path + " starts from " + image + ", which is not pinned to a version");
                } else {
                    sameTag(tags, image, path, problems);
                }
            }
        });
        return problems;
    }

    private static void sameTag(Map<String, String> tags, String image, String user, List<String> problems) {
        String name = image.substring(0, image.lastIndexOf(':'));
        String earlier = tags.putIfAbsent(name, image);
        if (earlier != null && !earlier.equals(image)) {
            problems.add(user + " uses " + image + " where others use " + earlier);
        }
    }

    /** No password, key or secret in a service's environment: only paths to files (secrets, *_FILE). */
    static List<String> inlineSecrets(Compose compose) {
        List<String> problems = new ArrayList<>();
        for (String service : compose.services()) {
            compose.environment(service).forEach((name, value) -> {
                boolean aFile = name.endsWith("_FILE") || value.startsWith("/run/secrets/");
                if (SECRET_NAME.matcher(name).matches() && !aFile || SECRET_VALUE.matcher(value).matches()) {
                    problems.add(service + " has a secret inline in its environment: " + name);
                }
            });
        }
        return problems;
    }

    /** Long-running services restart and report their health; one-shot services run once; waits can be met. */
    static List<String> unsupervised(Compose compose) {
        List<String> problems = new ArrayList<>();
        for (String service : compose.services()) {
            Object restart = compose.service(service).get("restart");
            if (!compose.oneShot(service)) {
                if (!List.of("always", "unless-stopped").contains(String.valueOf(restart))
                        && !String.valueOf(restart).startsWith("on-failure")) {
                    problems.add(service + " has no restart policy");
                }
                if (Compose.list(compose.healthcheck(service).get("test")).isEmpty()) {
                    problems.add(service + " has no health check");
                }
            }
            compose.dependsOn(service).forEach((name, condition) -> {
                if (condition == null || condition.equals("service_started")) {
                    problems.add(service + " waits for " + name + " to start only, not to be ready");
                } else if (condition.equals("service_healthy") && compose.healthcheck(name).isEmpty()) {
                    problems.add(service + " waits for " + name + " to be healthy, which has no health check");
                } else if (condition.equals("service_completed_successfully") && !compose.oneShot(name)) {
                    problems.add(service + " waits for " + name + " to complete, which runs until stopped");
                }
            });
        }
        for (String node : NODES) {
            String test = String.join(" ", Compose.strings(compose.healthcheck(node).get("test")));
            String management = compose.environment(node).get("MANAGEMENT_SERVER_PORT");
            if (!test.contains("/actuator/health/readiness") || management == null || !test.contains("/" + management + " ")) {
                problems.add(node + "'s health check does not ask /actuator/health/readiness on its management port");
            }
        }
        return problems;
    }

    static Map<String, String> flatten(String prefix, Object value) {
        Map<String, String> flat = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> flat.putAll(flatten(prefix + "/" + key, child)));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flat.putAll(flatten(prefix + "[" + i + "]", list.get(i)));
            }
        } else {
            flat.put(prefix, String.valueOf(value));
        }
        return flat;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new TreeSet<>(a);
        union.addAll(b);
        return union;
    }
}
