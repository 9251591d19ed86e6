package dev.podbgp.conf;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The other nodes and how this node peers with them.
 *
 * @param nodes          the other nodes; an entry naming this node itself is dropped while loading
 * @param routeReflector present when this node reflects routes to its clients
 * @param passwordFile   TCP MD5 key for every cluster session
 */
public record Cluster(ClusterMode mode, List<ClusterNode> nodes, Optional<RouteReflector> routeReflector,
                      Optional<PasswordFile> passwordFile) {
    public Cluster {
        Objects.requireNonNull(mode, "mode");
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(routeReflector, "routeReflector");
        Objects.requireNonNull(passwordFile, "passwordFile");
    }
}
