package dev.podbgp.daemon;

import dev.podbgp.conf.PodbgpConfig;
import dev.podbgp.daemon.metrics.Metrics;
import dev.podbgp.daemon.metrics.Readiness;

/**
 * Builds the BGP core for a configuration. It reports into {@code metrics}
 * and feeds {@code readiness} (FIB reconciled, peers Established); both are
 * created by the daemon before the core so the endpoints answer from the start.
 */
@FunctionalInterface
public interface RoutingFactory {
    Routing create(PodbgpConfig config, Metrics metrics, Readiness readiness) throws DaemonException;
}
