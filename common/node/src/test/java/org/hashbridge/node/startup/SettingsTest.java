package org.hashbridge.node.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/** The one list of settings: what the node binds, what docs/operations.md shows and what --help prints. */
class SettingsTest {

    @Test
    void theOperationsGuideShowsTheTableTheNodePrints() throws IOException {
        String guide = Files.readString(repositoryRoot().resolve("docs/operations.md"));

        assertThat(guide).contains("## Settings\n").contains(Settings.table());
    }

    @Test
    void everySettingTheNodeBindsIsListed() throws ClassNotFoundException {
        List<String> listed = Settings.all().stream().map(Settings::name).toList();
        List<String> bound = new ArrayList<>();
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        for (BeanDefinition definition : scanner.findCandidateComponents("org.hashbridge.node")) {
            Class<?> type = Class.forName(definition.getBeanClassName());
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            for (RecordComponent component : type.getRecordComponents()) {
                bound.add(prefix + "." + component.getName().replaceAll("([A-Z])", "-$1").toLowerCase());
            }
        }

        assertThat(bound).hasSizeGreaterThan(30).allSatisfy(setting ->
                assertThat(listed).anySatisfy(name -> assertThat(name).startsWith(setting)));
    }

    @Test
    void helpPrintsEverySettingWithItsEnvironmentVariable() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NodeHelp.print("sz-node.jar", new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                "  hashbridge.chain.operator-key-password-file  [HASHBRIDGE_CHAIN_OPERATOR_KEY_PASSWORD_FILE]",
                "  hashbridge.admin.operators[n].username  [HASHBRIDGE_ADMIN_OPERATORS_0_USERNAME]",
                "      default: required");
        assertThat(NodeHelp.asked("--server.port=1", "-h")).isTrue();
        assertThat(NodeHelp.asked("--hashbridge.node.operator=help")).isFalse();
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("docs/operations.md"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
