package dev.podbgp.daemon;

import dev.podbgp.conf.PodbgpConfig;
import dev.podbgp.daemon.metrics.Metrics;
import dev.podbgp.daemon.metrics.Readiness;

import java.util.Objects;

/**
 * What the daemon hands the BGP core when it builds it.
 *
 * @param metrics   the metric families to update (sessions, messages, RIB, FIB)
 * @param readiness to feed: FIB reconciled, peer Established
 * @param fatal     to call when a component cannot go on (a dead RIB thread, a
 *                  netlink socket that cannot be reopened): podbgpd then stops in
 *                  order and exits 1, and systemd restarts it
 */
public record RoutingContext(PodbgpConfig config, Metrics metrics, Readiness readiness, FatalError fatal) {
    public RoutingContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(fatal, "fatal");
    }

    /** A component's way to end the daemon; returns at once, the stop happens on the main thread. */
    @FunctionalInterface
    public interface FatalError {
        void fail(String component, Throwable cause);
    }
}
