package dev.podbgp.conf;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Another node of the cluster (static cluster mode).
 *
 * @param routeReflector this node is a route reflector: route-reflector clients peer with it
 */
public record ClusterNode(String name, InetAddress address, int port, List<IpPrefix> podCidrs, boolean routeReflector) {
    public ClusterNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        podCidrs = List.copyOf(podCidrs);
    }
}
