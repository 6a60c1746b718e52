package org.hashbridge.sandbox;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Everything the nodes log while it is open, at INFO and above from every logger, held back from the
 * console: the events themselves, so that they can be laid out later with any pattern, the nodes' own
 * included. Closing it puts the console and the levels back.
 */
final class LogCapture implements AutoCloseable {

    private static final Pattern LINE_BREAK = Pattern.compile("\\R");

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    private final Level rootLevel = root.getLevel();
    private final List<Appender<ILoggingEvent>> held = new ArrayList<>();
    private final List<ILoggingEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            events.add(event);
        }
    };
    private final String consolePattern;

    LogCapture() {
        String pattern = null;
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> appender = it.next();
            if (!(appender instanceof ConsoleAppender<ILoggingEvent> console)) {
                continue; // the nodes' log file (logback-test.xml) keeps everything, for LogsHoldNoSecretsIT
            }
            if (console.getEncoder() instanceof PatternLayoutEncoder encoder) {
                pattern = encoder.getPattern();
            }
            held.add(appender);
        }
        this.consolePattern = pattern;
        held.forEach(root::detachAppender);
        capture.setContext(context);
        capture.setName("capture");
        capture.start();
        root.addAppender(capture);
        root.setLevel(Level.INFO);
    }

    /** The pattern of the console the sandbox logs to, or null when it has none. */
    String consolePattern() {
        return consolePattern;
    }

    List<ILoggingEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Every line, laid out with {@code pattern}, that starts with {@code marker}. */
    List<String> linesStartingWith(String marker, String pattern) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(pattern);
        layout.start();
        List<String> forged = new ArrayList<>();
        for (ILoggingEvent event : events()) {
            for (String line : LINE_BREAK.split(layout.doLayout(event))) {
                if (line.startsWith(marker)) {
                    forged.add(line);
                }
            }
        }
        layout.stop();
        return forged;
    }

    @Override
    public void close() {
        root.detachAppender(capture);
        capture.stop();
        held.forEach(root::addAppender);
        root.setLevel(rootLevel);
    }
}
