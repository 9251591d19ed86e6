package dev.podbgp.daemon;

import dev.podbgp.daemon.metrics.HealthServer;
import dev.podbgp.daemon.metrics.Metrics;
import dev.podbgp.daemon.metrics.Readiness;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/** {@link HealthServer} as a daemon service: first to start, so probes answer while the rest starts. */
final class HealthService implements Service {
    private final InetSocketAddress listen;
    private final Metrics metrics;
    private final Readiness readiness;
    private final BooleanSupplier healthy;
    private volatile HealthServer server;

    HealthService(InetSocketAddress listen, Metrics metrics, Readiness readiness, BooleanSupplier healthy) {
        this.listen = Objects.requireNonNull(listen, "listen");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.readiness = Objects.requireNonNull(readiness, "readiness");
        this.healthy = Objects.requireNonNull(healthy, "healthy");
    }

    @Override
    public String name() {
        return "metrics on " + HealthServer.format(listen);
    }

    @Override
    public void start() throws Exception {
        server = HealthServer.start(listen, metrics, readiness, healthy);
    }

    /** The bound address (the chosen port when configured with port 0); null before start. */
    InetSocketAddress address() {
        HealthServer s = server;
        return s == null ? null : s.address();
    }

    @Override
    public void stop() {
        server.close();
    }
}
