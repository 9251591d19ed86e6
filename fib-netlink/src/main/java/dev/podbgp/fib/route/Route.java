package dev.podbgp.fib.route;

import dev.podbgp.fib.netlink.Rtnl;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A kernel route as the FIB writer wants it. Canonical on construction so that a route read
 * back from the kernel equals the route that was requested: next hops sorted, a single next
 * hop has weight 1 (the kernel keeps no weight for it), IPv6 metric 0 becomes 1024 (the
 * kernel's substitute).
 *
 * @param prefsrc preferred source address, or null
 */
public record Route(IpPrefix prefix, RouteType type, List<NextHop> nextHops, int table, int protocol, int metric,
        InetAddress prefsrc) {

    public static final int DEFAULT_METRIC = 20;
    static final int IPV6_DEFAULT_METRIC = 1024;

    public Route {
        if (prefix == null || type == null || nextHops == null) {
            throw new IllegalArgumentException("route needs a prefix, a type and a next hop list");
        }
        if (type == RouteType.UNICAST && nextHops.isEmpty()) {
            throw new IllegalArgumentException("unicast route " + prefix + " has no next hop");
        }
        if (type != RouteType.UNICAST && !nextHops.isEmpty()) {
            throw new IllegalArgumentException(type + " route " + prefix + " cannot have next hops");
        }
        if (table == Rtnl.RT_TABLE_UNSPEC || table == 255) {
            throw new IllegalArgumentException("route " + prefix + ": table " + Integer.toUnsignedString(table)
                    + " is not a routing table we may write (0 is unspecified, 255 is local)");
        }
        if (protocol < 1 || protocol > 255) {
            throw new IllegalArgumentException("route " + prefix + ": protocol " + protocol + " out of range 1..255");
        }
        for (NextHop h : nextHops) {
            if (h.gateway() != null && (h.gateway() instanceof Inet6Address) != prefix.isIpv6()) {
                throw new IllegalArgumentException("route " + prefix + ": gateway " + IpPrefix.text(h.gateway())
                        + " is of the other address family");
            }
        }
        if (prefsrc != null && (prefsrc instanceof Inet6Address) != prefix.isIpv6()) {
            throw new IllegalArgumentException("route " + prefix + ": preferred source " + IpPrefix.text(prefsrc)
                    + " is of the other address family");
        }
        List<NextHop> hops = new ArrayList<>(nextHops);
        hops.sort(NextHop.ORDER);
        if (hops.size() == 1 && hops.get(0).weight() != 1) {
            hops.set(0, hops.get(0).withWeight(1));
        }
        for (int i = 1; i < hops.size(); i++) {
            if (NextHop.ORDER.compare(hops.get(i - 1), hops.get(i)) == 0) {
                throw new IllegalArgumentException("route " + prefix + " lists next hop " + hops.get(i) + " twice");
            }
        }
        // Keep the caller's list when it is already immutable and canonical, so that
        // interned next-hop lists stay shared (List.copyOf returns such a list itself).
        nextHops = hops.equals(nextHops) ? List.copyOf(nextHops) : List.copyOf(hops);
        if (prefix.isIpv6() && metric == 0) {
            metric = IPV6_DEFAULT_METRIC;
        }
    }

    /** A unicast route in the main table with protocol bgp and the default metric. */
    public static Route unicast(IpPrefix prefix, NextHop... hops) {
        return new Route(prefix, RouteType.UNICAST, List.of(hops), Rtnl.RT_TABLE_MAIN, Rtnl.RTPROT_BGP,
                DEFAULT_METRIC, null);
    }

    public static Route of(IpPrefix prefix, RouteType type) {
        return new Route(prefix, type, List.of(), Rtnl.RT_TABLE_MAIN, Rtnl.RTPROT_BGP, DEFAULT_METRIC, null);
    }

    /**
     * Whether a route read from the kernel is this route. A next hop asked for without an
     * interface (ifindex 0) accepts the one the kernel resolved; kernel-only next hop flags
     * (linkdown, dead) were already dropped by the decoder.
     */
    public boolean satisfiedBy(Route actual) {
        if (actual == null || type != actual.type || table != actual.table || protocol != actual.protocol
                || metric != actual.metric || !prefix.equals(actual.prefix)
                || !java.util.Objects.equals(prefsrc, actual.prefsrc)
                || nextHops.size() != actual.nextHops.size()) {
            return false;
        }
        if (nextHops.equals(actual.nextHops)) {
            return true;
        }
        List<NextHop> left = new ArrayList<>(actual.nextHops);
        for (NextHop want : nextHops) {
            NextHop match = null;
            for (NextHop have : left) {
                if (java.util.Objects.equals(want.gateway(), have.gateway()) && want.weight() == have.weight()
                        && want.onlink() == have.onlink()
                        && (want.ifindex() == 0 || want.ifindex() == have.ifindex())) {
                    match = have;
                    break;
                }
            }
            if (match == null) {
                return false;
            }
            left.remove(match);
        }
        return true;
    }

    /** Whether any next hop leaves through this interface. */
    public boolean uses(int ifindex) {
        for (NextHop h : nextHops) {
            if (h.ifindex() == ifindex) {
                return true;
            }
        }
        return false;
    }

    public RouteKey key() {
        return new RouteKey(prefix, metric);
    }

    public Route withTable(int t) {
        return new Route(prefix, type, nextHops, t, protocol, metric, prefsrc);
    }

    public Route withProtocol(int p) {
        return new Route(prefix, type, nextHops, table, p, metric, prefsrc);
    }

    public Route withMetric(int m) {
        return new Route(prefix, type, nextHops, table, protocol, m, prefsrc);
    }

    public Route withPrefsrc(InetAddress src) {
        return new Route(prefix, type, nextHops, table, protocol, metric, src);
    }

    public Route withNextHops(List<NextHop> hops) {
        return new Route(prefix, type, hops, table, protocol, metric, prefsrc);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (type != RouteType.UNICAST) {
            sb.append(type.name().toLowerCase()).append(' ');
        }
        sb.append(prefix);
        for (NextHop h : nextHops) {
            sb.append(nextHops.size() > 1 ? " nexthop " : " ").append(h);
        }
        sb.append(" table ").append(Integer.toUnsignedString(table)).append(" proto ").append(protocol)
                .append(" metric ").append(Integer.toUnsignedString(metric));
        if (prefsrc != null) {
            sb.append(" src ").append(IpPrefix.text(prefsrc));
        }
        return sb.toString();
    }
}
