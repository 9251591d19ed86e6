package dev.podbgp.fib.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podbgp.fib.netlink.Rtnl;
import dev.podbgp.fib.netlink.RtnlConnection;
import dev.podbgp.fib.testing.NetNs;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every route kind the FIB writer installs, read back with iproute2 (`ip -j -d route show`)
 * as an independent reader, field by field.
 */
@Tag("netns")
class RouteKindsIT {

    static InetAddress ip(String s) {
        return IpPrefix.literal(s, "test");
    }

    static Route route(String prefix, RouteType type, NextHop... hops) {
        return new Route(IpPrefix.parse(prefix), type, List.of(hops), Rtnl.RT_TABLE_MAIN, Rtnl.RTPROT_BGP, 20, null);
    }

    @Test
    void everyKindIsInstalledAsRequested() throws Exception {
        try (NetNs ns = NetNs.create(); RtnlConnection c = RtnlConnection.open(ns.socketOptions())) {
            int v0 = ns.ifindex("v0");
            List<Route> main = List.of(
                    route("10.10.0.0/24", RouteType.UNICAST, NextHop.via(ip("192.0.2.2"), v0)),
                    route("10.10.3.0/24", RouteType.UNICAST, NextHop.via(ip("198.51.100.1"), v0).withOnlink(true))
                            .withMetric(30).withPrefsrc(ip("192.0.2.1")),
                    route("10.10.4.0/24", RouteType.UNICAST, NextHop.dev(v0)),
                    route("10.10.5.7/32", RouteType.UNICAST, NextHop.via(ip("192.0.2.2"), v0)),
                    route("10.10.1.0/24", RouteType.UNICAST, NextHop.via(ip("192.0.2.2"), v0),
                            NextHop.via(ip("192.0.2.3"), v0).withWeight(3).withOnlink(true)),
                    route("10.20.0.0/16", RouteType.BLACKHOLE),
                    route("10.21.0.0/16", RouteType.UNREACHABLE),
                    route("2001:db8:10::/64", RouteType.UNICAST, NextHop.via(ip("2001:db8::2"), v0)),
                    route("2001:db8:11::/64", RouteType.UNICAST, NextHop.via(ip("2001:db8::2"), v0).withWeight(2),
                            NextHop.via(ip("2001:db8::3"), v0).withWeight(5)),
                    route("2001:db8:12::/64", RouteType.UNICAST, NextHop.via(ip("2001:db8:99::1"), v0)
                            .withOnlink(true)).withMetric(30).withPrefsrc(ip("2001:db8::1")),
                    route("2001:db8:20::/48", RouteType.BLACKHOLE),
                    route("2001:db8:21::/48", RouteType.UNREACHABLE));
            List<Route> t1000 = List.of(
                    route("10.30.0.0/24", RouteType.UNICAST, NextHop.via(ip("192.0.2.2"), v0)).withTable(1000),
                    route("2001:db8:30::/48", RouteType.BLACKHOLE).withTable(1000));

            Reconciler r254 = started(c, Rtnl.RT_TABLE_MAIN);
            Reconciler r1000 = started(c, 1000);
            main.forEach(r254::put);
            t1000.forEach(r1000::put);
            assertThat(r254.flush()).isEqualTo(main.size());
            assertThat(r1000.flush()).isEqualTo(t1000.size());
            assertThat(r254.counters().snapshot().failures()).isZero();
            assertThat(r1000.counters().snapshot().failures()).isZero();

            for (Route r : main) {
                assertReadBack(ns, r, "main");
            }
            for (Route r : t1000) {
                assertReadBack(ns, r, "1000");
            }
            // Our own decoder agrees too: a resync finds nothing to repair.
            assertThat(r254.resync()).isZero();
            assertThat(r1000.resync()).isZero();
        }
    }

    private static Reconciler started(RtnlConnection c, int table) throws Exception {
        Reconciler r = new Reconciler(c, table, Rtnl.RTPROT_BGP, new FibCounters(), Duration.ofSeconds(1),
                Duration.ofSeconds(1), null);
        r.start();
        return r;
    }

    /** Finds the route in `ip -j -d route show table T` and compares every field. */
    static void assertReadBack(NetNs ns, Route r, String table) throws Exception {
        List<Map<String, Object>> all = ns.routes(r.prefix().isIpv6(), table);
        String dst = IpRoutes.dst(r.prefix());
        List<Map<String, Object>> found = new ArrayList<>();
        for (Map<String, Object> j : all) {
            if (dst.equals(j.get("dst"))) {
                found.add(j);
            }
        }
        assertThat(found).as("ip route show table %s has %s", table, dst).hasSize(1);
        Map<String, Object> j = found.get(0);
        String what = "route " + r + " read back as " + j;
        assertThat(j.get("type")).as(what).isEqualTo(r.type().name().toLowerCase());
        assertThat(String.valueOf(j.get("protocol"))).as(what).isIn("bgp", "186");
        assertThat(((Number) j.get("metric")).longValue()).as(what).isEqualTo(Integer.toUnsignedLong(r.metric()));
        assertThat(j.get("prefsrc")).as(what).isEqualTo(r.prefsrc() == null ? null : IpPrefix.text(r.prefsrc()));
        if (r.nextHops().size() == 1) {
            NextHop h = r.nextHops().get(0);
            assertThat(j.get("gateway")).as(what).isEqualTo(h.gateway() == null ? null : IpPrefix.text(h.gateway()));
            assertThat(j.get("dev")).as(what).isEqualTo("v0");
            assertThat(IpRoutes.flags(j)).as(what).contains(h.onlink() ? new String[] {"onlink"} : new String[0]);
            assertThat(IpRoutes.flags(j).contains("onlink")).as(what).isEqualTo(h.onlink());
            assertThat(j).as(what).doesNotContainKey("nexthops");
        } else if (r.nextHops().size() > 1) {
            assertThat(j).as(what).doesNotContainKey("gateway");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> hops = (List<Map<String, Object>>) j.get("nexthops");
            assertThat(hops).as(what).hasSize(r.nextHops().size());
            for (NextHop h : r.nextHops()) {
                Map<String, Object> jh = hops.stream()
                        .filter(x -> IpPrefix.text(h.gateway()).equals(x.get("gateway"))).findFirst().orElseThrow();
                assertThat(jh.get("dev")).as(what).isEqualTo("v0");
                assertThat(((Number) jh.get("weight")).intValue()).as(what).isEqualTo(h.weight());
                assertThat(IpRoutes.flags(jh).contains("onlink")).as(what).isEqualTo(h.onlink());
            }
        } else {
            assertThat(j).as(what).doesNotContainKeys("gateway", "nexthops");
        }
    }
}
