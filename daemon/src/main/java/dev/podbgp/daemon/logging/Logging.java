package dev.podbgp.daemon.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;

/**
 * Configures Logback in code, so the format is a command-line choice and
 * not a file someone must find: one appender on standard error (journald and
 * kubelet both collect it), text or JSON lines.
 */
public final class Logging {
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX, UTC} %-5level [%thread] %logger{24} - %msg%n";

    private Logging() {
    }

    public static void configure(LogFormat format, Level level) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        configure(context, format, level, null);
    }

    /** @param target where to write instead of standard error (tests), or null */
    static void configure(LoggerContext context, LogFormat format, Level level, OutputStream target) {
        context.reset();
        Encoder<ILoggingEvent> encoder = switch (format) {
            case TEXT -> text(context);
            case JSON -> json(context);
        };
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender;
        if (target == null) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            appender = console;
        } else {
            appender = new OutputStreamAppender<>();
            appender.setOutputStream(target);
        }
        appender.setContext(context);
        appender.setName("stderr");
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        root.addAppender(appender);
    }

    private static Encoder<ILoggingEvent> text(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        return encoder;
    }

    private static Encoder<ILoggingEvent> json(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        return encoder;
    }
}
