package dev.podbgp.daemon.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** The configuration podbgpd starts with, without a logback.xml, in a logger context of the test's own. */
class StartupConfiguratorTest {

    @Test
    void logbackFindsItAsAService() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(StartupConfigurator.class);
    }

    @Test
    void warningsOnStandardErrorAndNoOtherConfigurator() {
        assertThat(StartupConfigurator.class.getClassLoader().getResource("logback.xml"))
                .as("the daemon ships no logback.xml").isNull();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        StartupConfigurator configurator = new StartupConfigurator();
        configurator.setContext(context);

        assertThat(configurator.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("stderr")).isInstanceOfSatisfying(ConsoleAppender.class,
                console -> assertThat(console.getTarget()).isEqualTo("System.err"));
        context.stop();
    }
}
