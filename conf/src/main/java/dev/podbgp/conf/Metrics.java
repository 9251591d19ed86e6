package dev.podbgp.conf;

import java.net.InetSocketAddress;
import java.util.Objects;

/** Prometheus metrics, {@code /healthz} and {@code /readyz} over HTTP. */
public record Metrics(boolean enabled, InetSocketAddress listen) {
    public static final int DEFAULT_PORT = 9179;

    public Metrics {
        Objects.requireNonNull(listen, "listen");
    }
}
