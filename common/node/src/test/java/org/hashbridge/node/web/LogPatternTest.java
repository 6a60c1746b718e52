package org.hashbridge.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * The log layout every node runs with (hashbridge-node.yml): whatever a client manages to put into a
 * log message or an exception's message, no line of the log starts with it.
 */
class LogPatternTest {

    private static final Properties NODE = load();
    private static final String MARKER = "FORGED 2026-01-01T00:00:00.000Z  INFO [main] o.h.n.Fake : all is well";

    private static Properties load() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("hashbridge-node.yml"));
        return yaml.getObject();
    }

    private static List<String> lines(String message, Throwable thrown) {
        return lines(message, thrown, Map.of());
    }

    private static List<String> lines(String message, Throwable thrown, Map<String, String> mdc) {
        LoggerContext context = new LoggerContext();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(NODE.getProperty("logging.pattern.console"));
        layout.start();
        LoggingEvent event = new LoggingEvent(LogPatternTest.class.getName(), context.getLogger("org.hashbridge.node.web"),
                Level.WARN, "refused {}", thrown, new Object[]{message});
        event.setMDCPropertyMap(mdc);
        return Arrays.asList(layout.doLayout(event).split("\\R", -1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r", "\u2028", "\u2029", "\u0085", "\u000b", "\f"})
    void aLineBreakInAMessageStartsNoLine(String lineBreak) {
        List<String> lines = lines("name" + lineBreak + MARKER, null);

        assertThat(lines).noneMatch(line -> line.startsWith("FORGED"));
        assertThat(lines.get(0)).contains("refused name").contains(MARKER);
    }

    @Test
    void otherControlCharactersInAMessageAreReplaced() {
        String line = lines("a\u0000b\u001b[2Jc\u007fd", null).get(0);

        assertThat(line).endsWith("refused a?b?[2Jc?d").doesNotContain("\u0000").doesNotContain("\u001b");
    }

    @Test
    void aLineBreakInAnExceptionMessageStartsNoLine() {
        List<String> lines = lines("x", new IllegalStateException("bad input\n" + MARKER + "\r\n" + MARKER));

        assertThat(lines).noneMatch(line -> line.startsWith("FORGED"));
        assertThat(lines).anyMatch(line -> line.startsWith("java.lang.IllegalStateException: bad input"));
        assertThat(lines).anyMatch(line -> line.startsWith("\tat org.hashbridge.node.web.LogPatternTest"));
    }

    @Test
    void aLineOfARequestNamesItsId() {
        String line = lines("x", null, Map.of(RequestIds.MDC_KEY, "loan-2026-0042")).get(0);

        assertThat(line).contains(" [loan-2026-0042] org.hashbridge.node.web").endsWith("refused x");
    }

    @Test
    void aLineOutsideARequestHasADashForItsId() {
        assertThat(lines("x", null).get(0)).contains(" [-] org.hashbridge.node.web");
    }

    @Test
    void theFileLogHasTheSameLayout() {
        assertThat(NODE.getProperty("logging.pattern.file")).isEqualTo(NODE.getProperty("logging.pattern.console"));
    }
}
