package org.hashbridge.node;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutageLogTest {

    private static final Instant START = Instant.parse("2026-11-30T05:00:00Z");

    private final Logger logger = new LoggerContext().getLogger("org.hashbridge.node.anchoring.AnchoringWorker");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Instant now = START;
    private final OutageLog outage = new OutageLog(logger, "anchoring", () -> now, Duration.ofMinutes(1));

    @BeforeEach
    void capture() {
        logger.setLevel(Level.DEBUG);
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        lines.stop();
    }

    @Test
    void anHourOfAttemptsTwiceASecondWritesTheFirstOneSummaryAMinuteAndTheRecovery() {
        for (int attempt = 0; attempt < 7200; attempt++) {
            outage.unavailable("connection refused");
            now = now.plusMillis(500);
        }
        outage.available();

        assertThat(lines.list).hasSize(1 + 59 + 1);
        assertThat(messages().get(0)).isEqualTo(
                "anchoring postponed: the chain is unavailable (connection refused); summed up every 60 s while it lasts");
        assertThat(messages().get(3)).isEqualTo(
                "anchoring postponed: chain unavailable for 3 min, 361 attempts; the last: connection refused");
        assertThat(lines.list.subList(0, 60)).allSatisfy(line -> assertThat(line.getLevel()).isEqualTo(Level.WARN));
        assertThat(lines.list.get(60).getLevel()).isEqualTo(Level.INFO);
        assertThat(messages().get(60)).isEqualTo(
                "anchoring resumed: the chain answers again after 60 min unavailable, 7200 attempts postponed");
    }

    @Test
    void attemptsWithinAMinuteOfTheFirstAreCountedNotLogged() {
        outage.unavailable("timed out");
        now = now.plusSeconds(59);
        outage.unavailable("timed out");
        assertThat(lines.list).hasSize(1);

        now = now.plusSeconds(1);
        outage.unavailable("read timed out");

        assertThat(messages()).last().isEqualTo("anchoring postponed: chain unavailable for 60 s, 3 attempts; the last: read timed out");
    }

    @Test
    void aChainThatAnswersLogsNothingAndANewOutageStartsAfresh() {
        outage.available();
        assertThat(lines.list).isEmpty();

        outage.unavailable("connection refused");
        now = now.plusSeconds(30);
        outage.available();
        outage.available();
        now = now.plusSeconds(5);
        outage.unavailable("connection refused");

        assertThat(messages()).containsExactly(
                "anchoring postponed: the chain is unavailable (connection refused); summed up every 60 s while it lasts",
                "anchoring resumed: the chain answers again after 30 s unavailable, 1 attempt postponed",
                "anchoring postponed: the chain is unavailable (connection refused); summed up every 60 s while it lasts");
        assertThat(outage.underWay()).isTrue();
    }

    @Test
    void longOutagesReadInHoursAndMinutes() {
        assertThat(OutageLog.readable(Duration.ofSeconds(119))).isEqualTo("119 s");
        assertThat(OutageLog.readable(Duration.ofMinutes(3).plusSeconds(59))).isEqualTo("3 min");
        assertThat(OutageLog.readable(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
