package dev.podbgp.daemon.routing;

import dev.podbgp.bgp.wire.Ipv4;
import dev.podbgp.bgp.wire.Ipv4Prefix;
import dev.podbgp.bgp.wire.Ipv6;
import dev.podbgp.bgp.wire.Ipv6Prefix;
import dev.podbgp.fib.route.FibWriter;
import dev.podbgp.fib.route.IpPrefix;
import dev.podbgp.fib.route.NextHop;
import dev.podbgp.fib.route.Route;
import dev.podbgp.fib.route.RouteKey;
import dev.podbgp.fib.route.RouteType;
import dev.podbgp.rib.FibListener;
import dev.podbgp.rib.NextHopEntry;
import dev.podbgp.rib.RouteChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Loc-RIB changes to kernel routes. One next hop gives a gateway route, several a
 * multipath route (equal weights); the kernel picks the interface from the
 * gateway, so a next hop on a directly connected subnet becomes a plain gateway
 * route. Next hops that are not directly reachable would need a tunnel (IPIP or
 * VXLAN, a later issue): until then the kernel refuses such a route and the FIB
 * writer logs and retries it.
 *
 * <p>Our own pod CIDRs, and anything inside them, are never installed from BGP:
 * a peer must not divert this node's pods. Called on the RIB thread; the FIB
 * writer takes the changes on its own.
 */
final class KernelRoutes implements FibListener {
    private static final Logger LOG = LoggerFactory.getLogger(KernelRoutes.class);

    private final FibWriter writer;
    private final int table;
    private final int protocol;
    private final List<IpPrefix> own;
    private final Set<InetAddress> ourAddresses;
    private final Runnable changed;

    /**
     * @param own          this node's pod CIDRs
     * @param ourAddresses this node's addresses: never a next hop of ours
     * @param changed      told after every batch (the snapshot publisher)
     */
    KernelRoutes(FibWriter writer, int table, int protocol, List<IpPrefix> own, Set<InetAddress> ourAddresses,
                 Runnable changed) {
        this.writer = writer;
        this.table = table;
        this.protocol = protocol;
        this.own = List.copyOf(own);
        this.ourAddresses = Set.copyOf(ourAddresses);
        this.changed = changed;
    }

    /** The kernel's form of a RIB prefix (ADD-PATH identifier dropped), from its bits rather than its text. */
    static IpPrefix fibPrefix(dev.podbgp.bgp.wire.Prefix p) {
        if (p instanceof Ipv4Prefix v) {
            return new IpPrefix(Ipv4.toInet(v.address()), v.length());
        }
        Ipv6Prefix v = (Ipv6Prefix) p;
        return new IpPrefix(Ipv6.toInet(v.high(), v.low()), v.length());
    }

    @Override
    public void routesChanged(List<RouteChange> changes) {
        Desired d = desired(changes);
        // One round of the RIB's decisions, handed over whole: after a quiet spell (a node joins or leaves)
        // the writer sends it at once instead of waiting its coalescing window for more; during a load
        // the rounds still go at most one batch per window.
        writer.update(d.put(), d.remove());
        changed.run();
    }

    /** What the kernel should hold after these changes: routes to put, and keys with nothing to hold. */
    record Desired(List<Route> put, List<RouteKey> remove) {}

    /** The kernel's side of Loc-RIB changes; touches nothing (the start-up warm-up runs it too). */
    Desired desired(List<RouteChange> changes) {
        List<Route> put = new ArrayList<>(changes.size());
        List<RouteKey> remove = new ArrayList<>();
        for (RouteChange c : changes) {
            IpPrefix prefix = fibPrefix(c.prefix());
            Route route = c.local() || c.isWithdrawal() || isOwn(prefix) ? null : route(prefix, c.nextHops());
            if (route == null) {
                remove.add(new RouteKey(prefix, Route.DEFAULT_METRIC));
            } else {
                put.add(route);
            }
        }
        return new Desired(put, remove);
    }

    /** The desired kernel route, or null when there is nothing to install. */
    Route route(IpPrefix prefix, List<NextHopEntry> hops) {
        List<NextHop> nextHops = new ArrayList<>(hops.size());
        for (NextHopEntry h : hops) {
            InetAddress gw = h.address();
            if (gw == null || ourAddresses.contains(gw)) {
                continue;
            }
            if (gw.isLinkLocalAddress()) {
                LOG.warn("{}: next hop {} is link-local without an interface; not installed", prefix,
                        gw.getHostAddress());
                continue;
            }
            if ((gw.getAddress().length == 16) != prefix.isIpv6()) {
                // IPv4 over an IPv6 next hop (RFC 8950) needs "via inet6": not done here yet.
                LOG.warn("{}: next hop {} is of the other address family; not installed", prefix, gw.getHostAddress());
                continue;
            }
            nextHops.add(NextHop.via(gw, 0));
        }
        if (nextHops.isEmpty()) {
            return null;
        }
        return new Route(prefix, RouteType.UNICAST, nextHops, table, protocol, Route.DEFAULT_METRIC, null);
    }

    boolean isOwn(IpPrefix p) {
        for (IpPrefix o : own) {
            if (o.isIpv6() == p.isIpv6() && p.length() >= o.length() && contains(o, p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(IpPrefix outer, IpPrefix inner) {
        byte[] a = outer.address().getAddress();
        byte[] b = inner.address().getAddress();
        for (int bit = 0; bit < outer.length(); bit++) {
            int m = 0x80 >>> (bit % 8);
            if ((a[bit / 8] & m) != (b[bit / 8] & m)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void converged() {
        LOG.info("RIB converged (End-of-RIB from every peer, or the deferral time passed); stale kernel routes go now");
        writer.desiredComplete();
        changed.run();
    }
}
