package dev.podbgp.conf;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * Present when this node is a route reflector (RFC 4456).
 *
 * @param clusterId CLUSTER_ID; defaults to the router ID
 */
public record RouteReflector(Inet4Address clusterId) {
    public RouteReflector {
        Objects.requireNonNull(clusterId, "clusterId");
    }
}
