package org.hashbridge.sandbox.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml checked against the code it runs, without Docker: each rule of {@link ComposeRules} and
 * {@link ChainAgreement} holds for the committed file, and fails for a copy broken the way an edit could break it.
 */
class ComposeFileTest {

    private final Deployment deployment = Deployment.ofThisRepository();
    private final Compose compose = deployment.compose();

    @Test
    void everyNodeIsGivenEverySettingItRequires() {
        assertThat(ComposeRules.missingNodeSettings(compose, deployment)).isEmpty();
    }

    @Test
    void aNodeWithoutARequiredSettingIsFound() {
        Compose noRpcUrl = compose.edit(root -> environment(root, "hk-node").remove("HASHBRIDGE_CHAIN_RPC_URL"));
        Compose noDatabasePassword = compose.edit(root -> secrets(root, "sz-node").remove(0));
        Compose noRegistryAddress = compose.edit(root -> volumes(root, "sz-node").remove(0));

        assertThat(ComposeRules.missingNodeSettings(noRpcUrl, deployment))
                .contains("hk-node is not given hashbridge.chain.rpc-url")
                .anySatisfy(p -> assertThat(p).startsWith("hk-node would refuse to start: hashbridge.chain:"));
        assertThat(ComposeRules.missingNodeSettings(noDatabasePassword, deployment))
                .containsExactly("sz-node is not given spring.datasource.password");
        assertThat(ComposeRules.missingNodeSettings(noRegistryAddress, deployment))
                .contains("sz-node is not given hashbridge.chain.registry-address");
    }

    @Test
    void aSettingOfTheWrongTypeIsFound() {
        Compose wordyChainId = compose.edit(root -> environment(root, "sz-node").put("HASHBRIDGE_CHAIN_CHAIN_ID", "two thousand"));

        assertThat(ComposeRules.missingNodeSettings(wordyChainId, deployment))
                .anySatisfy(p -> assertThat(p).startsWith("sz-node would refuse to start: hashbridge.chain:"));
    }

    @Test
    void theTwoNodesDifferOnlyByTheirSide() {
        assertThat(ComposeRules.nodeDifferences(compose)).isEmpty();
    }

    @Test
    void aSettingOnlyOneNodeHasIsFound() {
        Compose drifted = compose.edit(root -> environment(root, "hk-node").put("HASHBRIDGE_CHAIN_CONFIRMATIONS", "3"));

        assertThat(ComposeRules.nodeDifferences(drifted)).containsExactly(
                "hk-node differs from sz-node at /environment/HASHBRIDGE_CHAIN_CONFIRMATIONS: 3 where sz-node's would be 0");
    }

    @Test
    void everyMountedFileIsCommittedOrWrittenByAOneShotServiceBeforehand() {
        assertThat(ComposeRules.unproducedMounts(compose, deployment)).isEmpty();
    }

    @Test
    void aMountNoServiceWritesOrThatIsNotAwaitedIsFound() {
        Compose unknownFile = compose.edit(root -> volumes(root, "hk-node").add("./deploy/generated/hk/tls.p12:/etc/tls.p12:ro"));
        Compose notAwaited = compose.edit(root -> service(root, "sz-node").put("depends_on",
                Map.of("sz-postgres", Map.of("condition", "service_healthy"))));
        Compose hostFile = compose.edit(root -> volumes(root, "grafana").add("/etc/grafana.ini:/etc/grafana/grafana.ini:ro"));
        Compose nowhere = compose.edit(root -> environment(root, "sz-node").put("HASHBRIDGE_RECEIPTS_KEY_STORE", "/keys/r.p12"));

        assertThat(ComposeRules.unproducedMounts(unknownFile, deployment))
                .containsExactly("hk-node mounts ./deploy/generated/hk/tls.p12, which no one-shot service writes");
        // sz-postgres waits for generate, so sz-node still gets its secrets after generate; not the registry address
        assertThat(ComposeRules.unproducedMounts(notAwaited, deployment)).containsExactly(
                "sz-node mounts ./deploy/generated/sz/config without waiting for deploy to complete, which writes it");
        assertThat(ComposeRules.unproducedMounts(hostFile, deployment))
                .containsExactly("grafana mounts /etc/grafana.ini, which is not committed under deploy/");
        assertThat(ComposeRules.unproducedMounts(nowhere, deployment))
                .containsExactly("sz-node's HASHBRIDGE_RECEIPTS_KEY_STORE names /keys/r.p12, which nothing mounts");
    }

    @Test
    void everyImageIsPinnedToAVersion() {
        assertThat(ComposeRules.unpinnedImages(compose, deployment)).isEmpty();
    }

    @Test
    void aFloatingImageIsFound() {
        Compose latest = compose.edit(root -> service(root, "sz-postgres").put("image", "postgres:latest"));
        Compose major = compose.edit(root -> service(root, "prometheus").put("image", "prom/prometheus:v3"));
        Compose untagged = compose.edit(root -> service(root, "grafana").put("image", "grafana/grafana"));
        Compose twoBesus = compose.edit(root -> service(root, "hk-validator-2").put("image", "hyperledger/besu:25.9.0"));

        assertThat(ComposeRules.unpinnedImages(latest, deployment))
                .containsExactly("sz-postgres runs postgres:latest, which is not pinned to a version");
        assertThat(ComposeRules.unpinnedImages(major, deployment))
                .containsExactly("prometheus runs prom/prometheus:v3, which is not pinned to a version");
        assertThat(ComposeRules.unpinnedImages(untagged, deployment))
                .containsExactly("grafana runs grafana/grafana, which is not pinned to a version");
        assertThat(ComposeRules.unpinnedImages(twoBesus, deployment)).isNotEmpty();
    }

    @Test
    void noSecretIsInline() {
        assertThat(ComposeRules.inlineSecrets(compose)).isEmpty();
    }

    @Test
    void anInlineSecretIsFound() {
        Compose password = compose.edit(root -> environment(root, "sz-node").put("SPRING_DATASOURCE_PASSWORD", "hunter2"));
        Compose key = compose.edit(root -> environment(root, "hk-node").put("HASHBRIDGE_CHAIN_OPERATOR_KEY",
                "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"));
        Compose hidden = compose.edit(root -> environment(root, "hk-node").put("HASHBRIDGE_ADMIN_OPERATORS_0_PASSWORD_HASH",
                "{bcrypt}$2a$10$abcdefghijklmnopqrstuv"));
        Compose grafana = compose.edit(root -> environment(root, "grafana").put("GF_SECURITY_ADMIN_PASSWORD", "admin"));

        assertThat(ComposeRules.inlineSecrets(password))
                .containsExactly("sz-node has a secret inline in its environment: SPRING_DATASOURCE_PASSWORD");
        assertThat(ComposeRules.inlineSecrets(key))
                .containsExactly("hk-node has a secret inline in its environment: HASHBRIDGE_CHAIN_OPERATOR_KEY");
        assertThat(ComposeRules.inlineSecrets(hidden)).hasSize(1);
        assertThat(ComposeRules.inlineSecrets(grafana)).hasSize(1);
    }

    @Test
    void portsAddressesAndAllowlistsAgree() {
        assertThat(ChainAgreement.disagreements(compose, deployment)).isEmpty();
    }

    @Test
    void aDisagreementIsFound() {
        Compose moved = compose.edit(root -> Compose.map(Compose.map(service(root, "hk-validator-2"), "networks"), "chain")
                .put("ipv4_address", "172.28.0.23"));
        Compose elsewhere = compose.edit(root -> environment(root, "sz-node").put("HASHBRIDGE_CHAIN_RPC_URL", "http://sz-postgres:8545"));
        Compose otherChain = compose.edit(root -> environment(root, "deploy").put("HASHBRIDGE_CHAIN_CHAIN_ID", "31337"));
        Compose fifth = compose.edit(root -> Compose.map(root, "services").put("hk-validator-3", service(root, "hk-validator-2")));
        Compose unpublished = compose.edit(root -> service(root, "hk-node").put("ports", List.of("8083:8083")));

        assertThat(ChainAgreement.disagreements(moved, deployment)).containsExactly("hk-validator-2 has address 172.28.0.23 "
                + "on the chain network, its enode URL and the node allowlist say 172.28.0.22");
        assertThat(ChainAgreement.disagreements(elsewhere, deployment))
                .containsExactly("sz-node reaches the chain at http://sz-postgres:8545, which is no validator's RPC port");
        assertThat(ChainAgreement.disagreements(otherChain, deployment))
                .containsExactly("deploy is set to chain id 31337, the genesis says 2026");
        assertThat(ChainAgreement.disagreements(fifth, deployment))
                .containsExactly("hk-validator-3 runs Besu but is not in deploy/besu/validators");
        assertThat(ChainAgreement.disagreements(unpublished, deployment))
                .containsExactly("hk-node does not publish its port 8082");
    }

    @Test
    void aChainThatIsNotFreeOrNotPermissionedIsFound(@TempDir Path copy) throws IOException {
        Deployment slow = changed(copy.resolve("slow"), "deploy/besu/qbft-config.json",
                text -> text.replace("\"blockperiodseconds\": 2", "\"blockperiodseconds\": 5"));
        Deployment paid = changed(copy.resolve("paid"), "deploy/besu/config.toml",
                text -> text.replace("min-gas-price=0", "min-gas-price=1000"));
        Deployment open = changed(copy.resolve("open"), "deploy/besu/config.toml",
                text -> text.replace("permissions-accounts-config-file-enabled=true", ""));
        Deployment unlisted = changed(copy.resolve("unlisted"), "deploy/generate.sh",
                text -> text.replace(" \"${accounts[hk-operator]}\"", ""));

        assertThat(ChainAgreement.disagreements(slow.compose(), slow)).containsExactly("the block period is not 2 s");
        assertThat(ChainAgreement.disagreements(paid.compose(), paid)).containsExactly("config.toml does not set min-gas-price=0");
        assertThat(ChainAgreement.disagreements(open.compose(), open))
                .containsExactly("config.toml does not enable permissions-accounts-config-file");
        assertThat(ChainAgreement.disagreements(unlisted.compose(), unlisted))
                .containsExactly("the accounts allowlist lacks the hk-operator account");
    }

    /** A copy of docker-compose.yml and the committed files of deploy/, with one file changed. */
    private Deployment changed(Path root, String file, UnaryOperator<String> change) throws IOException {
        Files.createDirectories(root);
        Files.copy(deployment.root().resolve("docker-compose.yml"), root.resolve("docker-compose.yml"));
        try (Stream<Path> files = Files.walk(deployment.root().resolve("deploy"))) {
            // deploy/generated is left out: on a machine that ran the consortium it holds keys this user cannot read
            for (Path source : files.filter(Files::isRegularFile)
                    .filter(f -> !f.startsWith(deployment.root().resolve("deploy/generated"))).toList()) {
                Path target = root.resolve(deployment.root().relativize(source));
                Files.createDirectories(target.getParent());
                Files.copy(source, target);
            }
        }
        Path changed = root.resolve(file);
        String before = Files.readString(changed);
        String after = change.apply(before);
        assertThat(after).as("the change to " + file).isNotEqualTo(before);
        Files.writeString(changed, after);
        return new Deployment(root);
    }

    @Test
    void everyServiceIsSupervised() {
        assertThat(ComposeRules.unsupervised(compose)).isEmpty();
    }

    @Test
    void anUnsupervisedServiceIsFound() {
        Compose noRestart = compose.edit(root -> service(root, "hk-postgres").remove("restart"));
        Compose noHealth = compose.edit(root -> service(root, "sz-node").remove("healthcheck"));
        Compose started = compose.edit(root -> Compose.map(service(root, "hk-node"), "depends_on")
                .put("hk-postgres", Map.of("condition", "service_started")));

        assertThat(ComposeRules.unsupervised(noRestart)).containsExactly("hk-postgres has no restart policy");
        assertThat(ComposeRules.unsupervised(noHealth)).contains("sz-node has no health check",
                "sz-node's health check does not ask /actuator/health/readiness on its management port");
        assertThat(ComposeRules.unsupervised(started))
                .containsExactly("hk-node waits for hk-postgres to start only, not to be ready");
    }

    @Test
    void theOneShotScriptsParse() throws Exception {
        for (String script : List.of("deploy/generate.sh", "deploy/deploy.sh")) {
            Process check = new ProcessBuilder("bash", "-n", deployment.root().resolve(script).toString())
                    .redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes());
            assertThat(check.waitFor()).as(script + ": " + output).isZero();
        }
    }

    private static Map<String, Object> service(Map<String, Object> root, String name) {
        return Compose.map(Compose.map(root, "services"), name);
    }

    private static Map<String, Object> environment(Map<String, Object> root, String service) {
        return Compose.map(service(root, service), "environment");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> secrets(Map<String, Object> root, String service) {
        return (List<Object>) service(root, service).get("secrets");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> volumes(Map<String, Object> root, String service) {
        return (List<Object>) service(root, service).get("volumes");
    }
}
