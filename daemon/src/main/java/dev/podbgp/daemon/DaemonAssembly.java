package dev.podbgp.daemon;

import dev.podbgp.conf.ConfigLoader;
import dev.podbgp.conf.PodbgpConfig;
import dev.podbgp.daemon.control.ControlServer;
import dev.podbgp.daemon.control.SnapshotControlHandler;
import dev.podbgp.daemon.metrics.Metrics;
import dev.podbgp.daemon.metrics.Readiness;
import dev.podbgp.daemon.systemd.SystemdNotifier;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts one podbgpd together from a loaded configuration: metrics and
 * readiness first, then the routing core, the reloader and the control API.
 * Start order is metrics endpoint, routing core, control socket: probes answer
 * during startup, and the control socket only appears once there is something
 * to ask.
 */
public final class DaemonAssembly {
    private final Daemon daemon;
    private final ConfigReloader reloader;
    private final Metrics metrics;
    private final Readiness readiness;
    private final Optional<HealthService> health;

    private DaemonAssembly(Daemon daemon, ConfigReloader reloader, Metrics metrics, Readiness readiness,
                           Optional<HealthService> health) {
        this.daemon = daemon;
        this.reloader = reloader;
        this.metrics = metrics;
        this.readiness = readiness;
        this.health = health;
    }

    /**
     * @param file   the configuration file, re-read on reload
     * @param loader how to re-read it (strict in production)
     */
    public static DaemonAssembly build(Path file, ConfigLoader loader, PodbgpConfig config,
                                       RoutingFactory routingFactory, SystemdNotifier notifier)
            throws DaemonException {
        Metrics metrics = new Metrics();
        Readiness readiness = new Readiness();
        PeerRegistry registry = new PeerRegistry(metrics, readiness);
        config.sessions().forEach(registry::configured);
        StopRequest stop = new StopRequest();
        Routing routing = routingFactory.create(new RoutingContext(config, metrics, readiness, stop));
        ConfigReloader reloader = new ConfigReloader(file, loader, config, routing, registry, notifier);

        List<Service> services = new ArrayList<>();
        Optional<HealthService> health = Optional.empty();
        if (config.metrics().enabled()) {
            InetSocketAddress listen = config.metrics().listen();
            health = Optional.of(new HealthService(listen, metrics, readiness, routing::healthy));
            services.add(health.get());
        }
        services.add(routing);
        services.add(new ControlServer(config.control().socket(),
                new SnapshotControlHandler(routing.snapshots(), routing.peers(), reloader)));
        return new DaemonAssembly(new Daemon(services, notifier, stop), reloader, metrics, readiness, health);
    }

    public Daemon daemon() {
        return daemon;
    }

    public ConfigReloader reloader() {
        return reloader;
    }

    public Metrics metrics() {
        return metrics;
    }

    public Readiness readiness() {
        return readiness;
    }

    /** Where the metrics endpoint listens once started; empty when metrics are off or not started. */
    public Optional<InetSocketAddress> metricsAddress() {
        return health.map(HealthService::address);
    }
}
