package dev.podbgp.daemon.routing;

import dev.podbgp.bgp.wire.Ipv4Prefix;
import dev.podbgp.bgp.wire.Ipv6Prefix;
import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.fib.route.IpPrefix;
import dev.podbgp.fib.route.NextHop;
import dev.podbgp.fib.route.Route;
import dev.podbgp.rib.NextHopEntry;
import dev.podbgp.rib.PeerId;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Loc-RIB next hops to kernel routes (the FIB writer itself is tested in fib-netlink). */
class KernelRoutesTest {
    private static final int TABLE = 254;
    private static final int PROTO = 186;
    private final KernelRoutes routes = new KernelRoutes(null, TABLE, PROTO, List.of(IpPrefix.parse("10.244.1.0/24")),
            Set.of(address("192.0.2.1")), () -> { });

    private static InetAddress address(String text) {
        return IpPrefix.literal(text, "test");
    }

    private static NextHopEntry hop(String a, boolean best) {
        return new NextHopEntry(address(a), null, new PeerId("p-" + a), best);
    }

    @Test
    void ribPrefixesBecomeTheSameKernelPrefixesTheirTextNames() {
        for (String text : List.of("0.0.0.0/0", "10.244.2.0/24", "10.244.2.64/26", "192.0.2.1/32", "255.255.255.255/32",
                "::/0", "2001:db8::/32", "2001:db8:1:2:3:4:5:0/112", "fe80::1/128", "ffff:ffff:ffff:ffff::/64")) {
            Prefix p = text.indexOf(':') >= 0 ? Ipv6Prefix.parse(text) : Ipv4Prefix.parse(text);
            assertThat(KernelRoutes.fibPrefix(p)).as(text).isEqualTo(IpPrefix.parse(text));
            assertThat(KernelRoutes.fibPrefix(p.withPathId(7))).as(text + " with a path identifier")
                    .isEqualTo(IpPrefix.parse(text));
        }
    }

    @Test
    void oneNextHopIsAGatewayRouteWithOurTableProtocolAndMetric() {
        Route r = routes.route(IpPrefix.parse("10.244.2.0/24"), List.of(hop("192.0.2.2", true)));
        assertThat(r.nextHops()).containsExactly(NextHop.via(address("192.0.2.2"), 0));
        assertThat(r.table()).isEqualTo(TABLE);
        assertThat(r.protocol()).isEqualTo(PROTO);
        assertThat(r.metric()).isEqualTo(Route.DEFAULT_METRIC);
    }

    @Test
    void severalNextHopsAreOneMultipathRouteWithEqualWeights() {
        Route r = routes.route(IpPrefix.parse("198.51.100.0/24"),
                List.of(hop("192.0.2.254", true), hop("192.0.2.253", false)));
        assertThat(r.nextHops()).extracting(NextHop::gateway)
                .containsExactlyInAnyOrder(address("192.0.2.254"), address("192.0.2.253"));
        assertThat(r.nextHops()).allMatch(h -> h.weight() == 1);
    }

    @Test
    void ourOwnAddressAndOtherFamilyNextHopsAreLeftOut() {
        assertThat(routes.route(IpPrefix.parse("10.244.2.0/24"), List.of(hop("192.0.2.1", true)))).isNull();
        assertThat(routes.route(IpPrefix.parse("10.244.2.0/24"), List.of(hop("2001:db8::2", true)))).isNull();
        assertThat(routes.route(IpPrefix.parse("fd00:10:244:2::/64"), List.of(hop("fe80::1", true)))).isNull();
    }

    @Test
    void ownPodCidrsAndPrefixesInsideThemAreNeverInstalledFromBgp() {
        assertThat(routes.isOwn(IpPrefix.parse("10.244.1.0/24"))).isTrue();
        assertThat(routes.isOwn(IpPrefix.parse("10.244.1.128/25"))).isTrue();
        assertThat(routes.isOwn(IpPrefix.parse("10.244.0.0/16"))).as("an aggregate covering it is fine").isFalse();
        assertThat(routes.isOwn(IpPrefix.parse("10.244.2.0/24"))).isFalse();
    }
}
