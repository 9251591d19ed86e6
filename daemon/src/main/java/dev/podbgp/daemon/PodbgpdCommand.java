package dev.podbgp.daemon;

import ch.qos.logback.classic.Level;
import dev.podbgp.conf.ConfigException;
import dev.podbgp.conf.ConfigLoader;
import dev.podbgp.conf.PodbgpConfig;
import dev.podbgp.daemon.control.ReloadException;
import dev.podbgp.daemon.logging.LogFormat;
import dev.podbgp.daemon.logging.Logging;
import dev.podbgp.daemon.systemd.SystemdNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code podbgpd --config FILE}: run the daemon until SIGTERM. */
@Command(name = "podbgpd", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "BGP routing daemon for Kubernetes pod CIDRs.",
        subcommands = CheckConfigCommand.class,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:stopped by SIGTERM or SIGINT", "1:failed to start, or a component failed while running",
            "2:wrong command line", "78:the configuration has errors (EX_CONFIG; not worth restarting)"})
public final class PodbgpdCommand implements Callable<Integer> {
    public static final int EXIT_CONFIG = 78;

    private final RoutingFactory routingFactory;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "configuration file (YAML)")
    private Path config;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: one JSON object per line")
    private LogFormat logFormat;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
            description = "error, warn, info (default), debug or trace")
    private String logLevel;

    public PodbgpdCommand(RoutingFactory routingFactory) {
        this.routingFactory = Objects.requireNonNull(routingFactory, "routingFactory");
    }

    @Override
    public Integer call() throws InterruptedException {
        if (config == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "missing --config FILE (or use: podbgpd check-config FILE)");
        }
        Level level = Level.toLevel(logLevel, null);
        if (level == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--log-level \"" + logLevel
                    + "\" is not a level (expected error, warn, info, debug or trace)");
        }
        Logging.configure(logFormat, level);
        Logger log = LoggerFactory.getLogger(PodbgpdCommand.class);

        ConfigLoader loader = ConfigLoader.strict();
        PodbgpConfig loaded;
        try {
            loaded = loader.load(config);
        } catch (ConfigException e) {
            log.error("configuration {} has errors, not starting:\n{}", config, e.getMessage());
            return EXIT_CONFIG;
        }
        SystemdNotifier notifier = SystemdNotifier.fromEnvironment();
        DaemonAssembly assembly;
        try {
            assembly = DaemonAssembly.build(config, loader, loaded, routingFactory, notifier);
            Daemon daemon = assembly.daemon();
            // Installed before start so that a SIGTERM during start still stops in order;
            // a SIGHUP then has nothing to reload yet.
            AtomicBoolean running = new AtomicBoolean();
            Signals.install(daemon::requestStop, () -> {
                if (running.get()) {
                    reload(assembly.reloader(), log);
                } else {
                    log.warn("SIGHUP while starting: ignored, nothing to reload yet");
                }
            });
            // Reloads work from the moment systemd hears READY (it may send SIGHUP at once).
            daemon.start(() -> running.set(true));
        } catch (DaemonException e) {
            log.error("podbgpd not started: {}", e.getMessage());
            return 1;
        }
        log.info("podbgpd {} running as node {} (AS {})", Version.current(), loaded.node().name(),
                loaded.node().asn());
        int exit = assembly.daemon().awaitStopRequest();
        assembly.daemon().stop();
        return exit;
    }

    private static void reload(ConfigReloader reloader, Logger log) {
        try {
            reloader.reload();
        } catch (ReloadException e) {
            log.debug("SIGHUP reload refused (reported above)", e);
        }
    }

    /** The command line with podbgpd's conventions: case-insensitive enum values (--log-format JSON). */
    public static CommandLine commandLine(RoutingFactory routingFactory) {
        return new CommandLine(new PodbgpdCommand(routingFactory)).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
