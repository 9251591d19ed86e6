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
 * 10,000 routes: the kernel ends exactly at the desired state, a 1% change and 1% delete send
 * exactly one message per changed route, a resync repairs what was changed behind our back,
 * and a route of another protocol is never touched.
 */
@Tag("netns")
class ReconcileScaleIT {

    static final int N = 10_000;

    static InetAddress ip(String s) {
        return IpPrefix.literal(s, "test");
    }

    /** 8,000 IPv4 /24s and 2,000 IPv6 /64s, spread over gateways .2 to .9. */
    static List<Route> desired(int v0, int gatewayShift) {
        List<Route> out = new ArrayList<>(N);
        for (int i = 0; i < N; i++) {
            int g = 2 + (i + gatewayShift) % 8;
            if (i < 8000) {
                int a = (10 << 24) | (64 << 16) | (i << 8);
                IpPrefix p = IpPrefix.of(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), 0}, 24);
                out.add(Route.unicast(p, NextHop.via(ip("192.0.2." + g), v0)));
            } else {
                IpPrefix p = IpPrefix.parse("2001:db8:1:" + Integer.toHexString(i) + "::/64");
                out.add(Route.unicast(p, NextHop.via(ip("2001:db8::" + g), v0)));
            }
        }
        return out;
    }

    static Reconciler reconciler(RtnlConnection c) {
        return new Reconciler(c, Rtnl.RT_TABLE_MAIN, Rtnl.RTPROT_BGP, new FibCounters(), Duration.ofMillis(100),
                Duration.ofSeconds(1), null);
    }

    @Test
    void onlyDifferencesAreSentAndTheKernelEndsAtTheDesiredState() throws Exception {
        try (NetNs ns = NetNs.create(); RtnlConnection c = RtnlConnection.open(ns.socketOptions())) {
            int v0 = ns.ifindex("v0");
            // Another protocol's routes: one elsewhere, one on a prefix of ours with another metric.
            ns.ip("route add 10.200.0.0/24 via 192.0.2.2 proto static metric 20");
            ns.ip("route add 10.64.0.0/24 via 192.0.2.3 proto static metric 50");
            String foreignBefore = foreign(ns);

            Reconciler r = reconciler(c);
            r.start();
            List<Route> routes = desired(v0, 0);
            r.replaceAll(routes);
            assertThat(r.flush()).isEqualTo(N);
            FibCounters.Snapshot s = r.counters().snapshot();
            assertThat(s.messagesSent()).isEqualTo(N);
            assertThat(s.creates()).isEqualTo(N);
            assertThat(s.failures()).isZero();
            assertThat(IpRoutes.kernelBgp(ns)).isEqualTo(IpRoutes.expected(routes));

            // 1% changed (next hop), 1% deleted; 10.64.0.0/24 is among the deleted.
            List<Route> next = new ArrayList<>();
            int changed = 0;
            int deleted = 0;
            for (int i = 0; i < N; i++) {
                Route old = routes.get(i);
                if (i % 100 == 0) {
                    deleted++;
                } else if (i % 100 == 1) {
                    NextHop h = old.nextHops().get(0);
                    byte[] gw = h.gateway().getAddress();
                    gw[gw.length - 1] = (byte) (gw[gw.length - 1] == 9 ? 2 : gw[gw.length - 1] + 1);
                    next.add(old.withNextHops(List.of(NextHop.via(InetAddress.getByAddress(gw), v0))));
                    changed++;
                } else {
                    next.add(old);
                }
            }
            assertThat(changed).isEqualTo(N / 100);
            assertThat(deleted).isEqualTo(N / 100);
            r.replaceAll(next);
            assertThat(r.flush()).isEqualTo(changed + deleted);
            FibCounters.Snapshot t = r.counters().snapshot();
            assertThat(t.messagesSent() - s.messagesSent()).isEqualTo(changed + deleted);
            assertThat(t.replaces()).isEqualTo(changed);
            assertThat(t.deletes()).isEqualTo(deleted);
            assertThat(t.failures()).isZero();
            assertThat(IpRoutes.kernelBgp(ns)).isEqualTo(IpRoutes.expected(next));

            // The same desired set again sends nothing.
            r.replaceAll(next);
            assertThat(r.flush()).isZero();

            // Behind our back: one deleted, one changed (same protocol, so it looks like ours).
            Route gone = next.get(10);
            Route altered = next.get(8500);
            ns.ip("route del " + gone.prefix() + " proto bgp metric 20");
            ns.ip("-6 route replace " + altered.prefix() + " via 2001:db8::77 dev v0 proto bgp metric 20");
            assertThat(IpRoutes.kernelBgp(ns)).isNotEqualTo(IpRoutes.expected(next));
            long before = r.counters().snapshot().messagesSent();
            assertThat(r.resync()).isEqualTo(2);
            assertThat(r.counters().snapshot().messagesSent() - before).isEqualTo(2);
            assertThat(r.counters().snapshot().resyncRepairs()).isEqualTo(2);
            assertThat(IpRoutes.kernelBgp(ns)).isEqualTo(IpRoutes.expected(next));

            r.markComplete();
            assertThat(r.flush()).isZero();
            assertThat(foreign(ns)).isEqualTo(foreignBefore).contains("10.200.0.0/24", "10.64.0.0/24");
        }
    }

    /**
     * Every route of another routing protocol (not bgp, not the kernel's own, which come and
     * go with IPv6 address autoconfiguration), as iproute2 prints them.
     */
    static String foreign(NetNs ns) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (boolean v6 : new boolean[] {false, true}) {
            for (Map<String, Object> j : ns.routes(v6, "all")) {
                String proto = String.valueOf(j.get("protocol"));
                if (!"bgp".equals(proto) && !"kernel".equals(proto)) {
                    sb.append(j).append('\n');
                }
            }
        }
        return sb.toString();
    }
}
