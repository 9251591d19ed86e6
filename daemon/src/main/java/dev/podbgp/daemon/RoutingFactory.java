package dev.podbgp.daemon;

/**
 * Builds the BGP core for a configuration. Metrics and readiness in the
 * context are created by the daemon before the core, so the endpoints answer
 * from the start.
 */
@FunctionalInterface
public interface RoutingFactory {
    Routing create(RoutingContext context) throws DaemonException;
}
