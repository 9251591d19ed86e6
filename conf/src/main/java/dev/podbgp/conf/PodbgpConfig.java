package dev.podbgp.conf;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.net.InetAddress;
import java.util.Optional;

/**
 * A validated podbgpd configuration. Load one with {@link ConfigLoader}.
 *
 * @param timers          global session timers (cluster sessions use them; peers inherit them key by key)
 * @param gracefulRestart global graceful restart (likewise)
 * @param peers           external peers from {@code peers}, templates applied
 */
public record PodbgpConfig(Node node, Listen listen, Timers timers, GracefulRestart gracefulRestart, Ecmp ecmp,
                           Kernel kernel, Tunnel tunnel, Cluster cluster, List<Peer> peers, List<PeerRange> peerRanges,
                           Control control, Metrics metrics) {
    public PodbgpConfig {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(gracefulRestart, "gracefulRestart");
        Objects.requireNonNull(ecmp, "ecmp");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(tunnel, "tunnel");
        Objects.requireNonNull(cluster, "cluster");
        peers = List.copyOf(peers);
        peerRanges = List.copyOf(peerRanges);
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(metrics, "metrics");
    }

    /** True when this node reflects routes ({@code cluster.routeReflector} is set). */
    public boolean isRouteReflector() {
        return cluster.routeReflector().isPresent();
    }

    /**
     * Every configured session: the cluster nodes this node peers with
     * (according to {@code cluster.mode}), then the external peers.
     */
    public List<Peer> sessions() {
        List<Peer> out = new ArrayList<>();
        for (ClusterNode n : cluster.nodes()) {
            boolean peerWith = switch (cluster.mode()) {
                case FULL_MESH -> true;
                case ROUTE_REFLECTOR_CLIENT -> n.routeReflector();
                case NONE -> false;
            };
            if (peerWith) {
                out.add(clusterSession(n));
            }
        }
        out.addAll(peers);
        return List.copyOf(out);
    }

    /** Looks a session up by name. */
    public Optional<Peer> session(String name) {
        return sessions().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private Peer clusterSession(ClusterNode n) {
        PeerSettings s = new PeerSettings(node.asn(), n.port(), false, true,
                n.address() instanceof Inet4Address ? node.ipv4Address().map(a -> a) : node.ipv6Address().map(a -> a),
                cluster.passwordFile(), timers, gracefulRestart, new TtlMode.Multihop(255), Optional.empty(),
                isRouteReflector() && !n.routeReflector(), false, EnumSet.allOf(AddressFamily.class),
                RoutePolicy.ACCEPT_ALL, RoutePolicy.ACCEPT_ALL);
        return new Peer(n.name(), n.address(), PeerKind.CLUSTER, s);
    }
}
