package dev.podbgp.daemon.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's first configuration, before podbgpd or podbgp configure logging from
 * their command line: warnings and errors only, as text on standard error, so
 * that output stays clean.
 *
 * <p>Found by Logback through {@code META-INF/services} before it looks for a
 * {@code logback.xml}. Configuring in code keeps Logback's XML configurator (Joran
 * and the JDK's XML parser, about 500 classes) out of the daemon: about 2 MB less
 * metaspace and 8 MB less garbage at startup. A program that ships its own
 * {@code logback.xml} or {@code logback-test.xml} (the benchmark harness, tests)
 * keeps it: then this configurator steps aside.
 */
public final class StartupConfigurator extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader loader = StartupConfigurator.class.getClassLoader();
        if (loader.getResource("logback-test.xml") != null || loader.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Logging.configure(context, LogFormat.TEXT, Level.WARN, null);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
