package org.hashbridge.sandbox.compose;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import tools.jackson.databind.JsonNode;

/**
 * The rule that docker-compose.yml and the files it is built from name the same consortium: validators, their
 * addresses, chain id, ports, users and the free gas, permissioned network the nodes need.
 */
final class ChainAgreement {

    /** The user the node and operator images run as, to whom generate.sh hands their files. */
    static final String NODE_USER = "10001:10001";

    private final Compose compose;
    private final Deployment deployment;
    private final List<String> problems = new ArrayList<>();

    private ChainAgreement(Compose compose, Deployment deployment) {
        this.compose = compose;
        this.deployment = deployment;
    }

    static List<String> disagreements(Compose compose, Deployment deployment) {
        ChainAgreement agreement = new ChainAgreement(compose, deployment);
        agreement.validators();
        agreement.network();
        agreement.rpcUrls();
        agreement.nodePorts();
        agreement.scrapeTargets();
        agreement.users();
        agreement.senders();
        return agreement.problems;
    }

    /** deploy/besu/validators, the genesis config and the compose services name the same validators, addresses and keys. */
    private void validators() {
        List<Deployment.Validator> validators = deployment.validators();
        int generated = deployment.qbftConfig().path("blockchain").path("nodes").path("count").asInt();
        if (generated != validators.size()) {
            problems.add("qbft-config.json makes " + generated + " validator keys, deploy/besu/validators names "
                    + validators.size());
        }
        String besu = validators.stream().map(Deployment.Validator::service).filter(compose.services()::contains)
                .map(compose::image).findFirst().orElse(null);
        Set<String> listed = new TreeSet<>();
        for (Deployment.Validator validator : validators) {
            listed.add(validator.service());
            if (compose.services().contains(validator.service())) {
                validator(validator);
            } else {
                problems.add("deploy/besu/validators names " + validator.service() + ", which docker-compose.yml does not run");
            }
        }
        compose.services().stream().filter(s -> Objects.equals(besu, compose.image(s)) && !listed.contains(s))
                .forEach(s -> problems.add(s + " runs Besu but is not in deploy/besu/validators"));
    }

    /** One validator's service: its address, its p2p host, its profile, its options and its own key. */
    private void validator(Deployment.Validator validator) {
        String service = validator.service();
        if (!validator.address().equals(compose.address(service, "chain"))) {
            problems.add(service + " has address " + compose.address(service, "chain") + " on the chain network, "
                    + "its enode URL and the node allowlist say " + validator.address());
        }
        List<String> command = compose.command(service);
        List<Compose.Mount> mounts = compose.hostMounts(service);
        expect(command.contains("--p2p-host=" + validator.address()),
                service + " advertises another p2p host than " + validator.address());
        expect(command.contains("--profile=ENTERPRISE"), service + " does not run Besu's ENTERPRISE profile");
        expect(command.contains("--config-file=/etc/besu/config.toml")
                && mounts.contains(new Compose.Mount("./deploy/besu/config.toml", "/etc/besu/config.toml")),
                service + " does not run with deploy/besu/config.toml");
        expect(command.contains("--node-private-key-file=/etc/besu/key/key")
                && mounts.contains(new Compose.Mount("./deploy/generated/" + service, "/etc/besu/key")),
                service + " does not run with its own key");
    }

    /** A free gas QBFT network with a block every 2 s, its node and account allowlists enabled, its files generated. */
    private void network() {
        JsonNode config = deployment.qbftConfig().path("genesis").path("config");
        expect(config.path("qbft").path("blockperiodseconds").asInt() == 2, "the block period is not 2 s");
        expect(config.path("zeroBaseFee").asBoolean(), "the genesis has no zeroBaseFee");
        Map<String, String> options = deployment.besuOptions();
        expect("0".equals(options.get("min-gas-price")), "config.toml does not set min-gas-price=0");
        for (String permission : List.of("permissions-nodes-config-file", "permissions-accounts-config-file")) {
            expect("true".equals(options.get(permission + "-enabled")), "config.toml does not enable " + permission);
        }
        for (String file : List.of("genesis-file", "static-nodes-file", "permissions-nodes-config-file",
                "permissions-accounts-config-file")) {
            String path = options.getOrDefault(file, "");
            String name = path.substring(path.lastIndexOf('/') + 1);
            boolean generated = path.equals("/etc/besu/network/" + name) && deployment.generatedFiles().stream()
                    .anyMatch(g -> g.path().equals("network/" + name) && g.writer().equals("generate"));
            expect(generated, "config.toml's " + file + " " + path + " is not a file generate writes into the network directory");
        }
        for (Deployment.Validator validator : deployment.validators()) {
            expect(compose.hostMounts(validator.service()).contains(
                    new Compose.Mount("./deploy/generated/network", "/etc/besu/network")),
                    validator.service() + " does not mount the generated network directory");
        }
        Map<String, Object> ipam = Compose.map(Compose.list(Compose.map(compose.network("chain"), "ipam").get("config"))
                .stream().findFirst().orElse(null));
        for (Deployment.Validator validator : deployment.validators()) {
            expect(within(validator.address(), String.valueOf(ipam.get("subnet")))
                    && !within(validator.address(), String.valueOf(ipam.get("ip_range"))),
                    validator.service() + "'s address is not a fixed address of the chain network");
        }
    }

    /** Every JSON-RPC URL names a validator's RPC port, every chain id the genesis's. */
    private void rpcUrls() {
        String chainId = deployment.qbftConfig().path("genesis").path("config").path("chainId").asString();
        String rpcPort = deployment.besuOptions().get("rpc-http-port");
        Set<String> validators = new TreeSet<>(deployment.validators().stream().map(Deployment.Validator::service).toList());
        for (String service : compose.services()) {
            Map<String, String> environment = compose.environment(service);
            String url = environment.get("HASHBRIDGE_CHAIN_RPC_URL");
            if (url != null) {
                URI rpc = URI.create(url);
                expect(validators.contains(rpc.getHost()) && rpcPort.equals(String.valueOf(rpc.getPort())),
                        service + " reaches the chain at " + url + ", which is no validator's RPC port");
                expect(chainId.equals(environment.get("HASHBRIDGE_CHAIN_CHAIN_ID")), service + " is set to chain id "
                        + environment.get("HASHBRIDGE_CHAIN_CHAIN_ID") + ", the genesis says " + chainId);
            }
        }
    }

    /** Each node publishes the port it serves on (its packaged server.port). */
    private void nodePorts() {
        for (String node : ComposeRules.NODES) {
            var binder = new Binder(ConfigurationPropertySources.from(Deployment.packagedSettings(node.replace("-node", ""))));
            String port = binder.bind("server.port", String.class).orElse("8080");
            expect(compose.ports(node).stream().anyMatch(p -> p.endsWith(":" + port)),
                    node + " does not publish its port " + port);
        }
    }

    /** Prometheus scrapes each node's management port and each validator's metrics port. */
    private void scrapeTargets() {
        Set<String> targets = new TreeSet<>();
        Matcher quoted = Pattern.compile("\"([\\w.-]+:\\d+)\"").matcher(deployment.text("deploy/prometheus/prometheus.yml"));
        while (quoted.find()) {
            targets.add(quoted.group(1));
        }
        Set<String> expected = new TreeSet<>();
        ComposeRules.NODES.forEach(n -> expected.add(n + ":" + compose.environment(n).get("MANAGEMENT_SERVER_PORT")));
        deployment.validators().forEach(v -> expected.add(v.service() + ":" + deployment.besuOptions().get("metrics-port")));
        expect(targets.equals(expected), "prometheus.yml scrapes " + targets + ", the consortium serves metrics at " + expected);
    }

    /** The images run as the user generate.sh hands the nodes' and the operator tool's files to. */
    private void users() {
        expect(deployment.text("deploy/generate.sh").contains("[node]=\"" + NODE_USER + "\""),
                "generate.sh does not hand the nodes' files to " + NODE_USER);
        deployment.dockerfiles().forEach((path, text) -> {
            boolean runsAsNode = text.contains("USER " + NODE_USER);
            expect(runsAsNode, path + " does not run as " + NODE_USER);
        });
    }

    /** Every account that sends transactions (the setup's three, each node's) is made by generate.sh and allowlisted. */
    private void senders() {
        String generate = deployment.text("deploy/generate.sh");
        int start = generate.indexOf("accounts-allowlist=");
        String allowlist = start < 0 ? "" : generate.substring(start, generate.indexOf("nodes-allowlist=", start));
        for (String account : List.of("deployer", "sz-governance", "hk-governance", "sz-operator", "hk-operator")) {
            expect(allowlist.contains("${accounts[" + account + "]}"), "the accounts allowlist lacks the " + account + " account");
        }
        for (String node : ComposeRules.NODES) {
            String side = node.replace("-node", "");
            expect(compose.hostMounts(node).contains(new Compose.Mount("./deploy/generated/" + side + "/operator-wallet.json",
                    compose.environment(node).get("HASHBRIDGE_CHAIN_OPERATOR_KEY_FILE"))),
                    node + " does not sign with the " + side + "-operator account generate.sh allowlists");
        }
    }

    private void expect(boolean holds, String problem) {
        if (!holds) {
            problems.add(problem);
        }
    }

    private static boolean within(String address, String cidr) {
        String[] parts = cidr.split("/");
        if (parts.length != 2) {
            return false;
        }
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : 0xFFFFFFFFL << (32 - bits) & 0xFFFFFFFFL;
        return (ipv4(address) & mask) == (ipv4(parts[0]) & mask);
    }

    private static long ipv4(String address) {
        long value = 0;
        for (String octet : address.split("\\.")) {
            value = value << 8 | Integer.parseInt(octet);
        }
        return value;
    }
}
