package dev.podbgp.fib.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podbgp.fib.netlink.NlMessage;
import dev.podbgp.fib.netlink.Rtnl;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteModelTest {

    static InetAddress ip(String s) {
        return IpPrefix.literal(s, "test");
    }

    static Route decode(byte[] b) throws Exception {
        ByteBuffer d = ByteBuffer.allocateDirect(b.length).order(ByteOrder.nativeOrder());
        d.put(b).flip();
        return RouteCodec.decode(NlMessage.parse(d, b.length).get(0));
    }

    @Test
    void everyKindDecodesToWhatWasEncoded() throws Exception {
        List<Route> routes = List.of(
                Route.unicast(IpPrefix.parse("10.1.0.0/16"), NextHop.via(ip("192.0.2.2"), 3)),
                Route.unicast(IpPrefix.parse("10.1.2.3/32"), NextHop.via(ip("198.51.100.1"), 3).withOnlink(true))
                        .withPrefsrc(ip("192.0.2.1")).withMetric(77),
                Route.unicast(IpPrefix.parse("10.2.0.0/16"), NextHop.dev(4)),
                Route.unicast(IpPrefix.parse("10.3.0.0/16"), NextHop.via(ip("192.0.2.2"), 3).withWeight(4),
                        NextHop.via(ip("192.0.2.3"), 5).withOnlink(true)).withTable(100_000),
                Route.of(IpPrefix.parse("10.4.0.0/16"), RouteType.BLACKHOLE),
                Route.of(IpPrefix.parse("2001:db8:4::/48"), RouteType.UNREACHABLE),
                Route.of(IpPrefix.parse("0.0.0.0/0"), RouteType.PROHIBIT),
                Route.unicast(IpPrefix.parse("2001:db8:5::/64"), NextHop.via(ip("fe80::1"), 3),
                        NextHop.via(ip("fe80::2"), 3).withWeight(256)));
        for (Route r : routes) {
            assertThat(decode(RouteCodec.replace(r).encode(1))).as("%s", r).isEqualTo(r);
        }
    }

    @Test
    void canonicalFormMatchesWhatTheKernelReportsBack() {
        Route a = Route.unicast(IpPrefix.parse("10.0.0.0/8"), NextHop.via(ip("192.0.2.3"), 3),
                NextHop.via(ip("192.0.2.2"), 3));
        Route b = Route.unicast(IpPrefix.parse("10.0.0.0/8"), NextHop.via(ip("192.0.2.2"), 3),
                NextHop.via(ip("192.0.2.3"), 3));
        assertThat(a).isEqualTo(b);
        assertThat(Route.unicast(IpPrefix.parse("10.0.0.0/8"), NextHop.via(ip("192.0.2.2"), 3).withWeight(9))
                .nextHops().get(0).weight()).isEqualTo(1);
        assertThat(Route.of(IpPrefix.parse("2001:db8::/32"), RouteType.BLACKHOLE).withMetric(0).metric())
                .isEqualTo(1024);
    }

    @Test
    void aNextHopWithoutInterfaceAcceptsTheOneTheKernelChose() {
        Route want = Route.unicast(IpPrefix.parse("10.0.0.0/8"), new NextHop(ip("192.0.2.2"), 0, 1, false));
        Route got = Route.unicast(IpPrefix.parse("10.0.0.0/8"), NextHop.via(ip("192.0.2.2"), 3));
        assertThat(want.satisfiedBy(got)).isTrue();
        assertThat(got.satisfiedBy(want)).isFalse();
        assertThat(want.satisfiedBy(got.withMetric(5))).isFalse();
    }

    @Test
    void badValuesAreRefusedWithTheValue() {
        assertThatThrownBy(() -> IpPrefix.parse("10.0.0.1/24")).hasMessageContaining("10.0.0.1/24")
                .hasMessageContaining("host bits");
        assertThatThrownBy(() -> IpPrefix.parse("10.0.0.0/33")).hasMessageContaining("33");
        assertThatThrownBy(() -> IpPrefix.parse("example.com/24")).hasMessageContaining("not an IP address literal");
        assertThatThrownBy(() -> IpPrefix.parse("10.0.0.0")).hasMessageContaining("lacks /length");
        assertThatThrownBy(() -> Route.unicast(IpPrefix.parse("10.0.0.0/8"), NextHop.via(ip("2001:db8::1"), 3)))
                .hasMessageContaining("other address family");
        assertThatThrownBy(() -> NextHop.via(ip("192.0.2.1"), 3).withWeight(0)).hasMessageContaining("weight 0");
        assertThatThrownBy(() -> new NextHop(ip("192.0.2.1"), 0, 1, true)).hasMessageContaining("onlink");
        assertThatThrownBy(() -> Route.of(IpPrefix.parse("10.0.0.0/8"), RouteType.UNICAST))
                .hasMessageContaining("no next hop");
        assertThatThrownBy(() -> Route.of(IpPrefix.parse("10.0.0.0/8"), RouteType.BLACKHOLE).withTable(255))
                .hasMessageContaining("255 is local");
        assertThatThrownBy(() -> Route.unicast(IpPrefix.parse("10.0.0.0/8"), NextHop.via(ip("192.0.2.2"), 3),
                NextHop.via(ip("192.0.2.2"), 3))).hasMessageContaining("twice");
    }

    @Test
    void ipv6IsPrintedAsIproute2PrintsIt() {
        assertThat(IpPrefix.parse("2001:db8:10::/64").toString()).isEqualTo("2001:db8:10::/64");
        assertThat(IpPrefix.text(ip("2001:db8:0:1:0:0:0:1"))).isEqualTo("2001:db8:0:1::1");
        assertThat(IpPrefix.text(ip("::"))).isEqualTo("::");
        assertThat(IpPrefix.text(ip("fe80::1"))).isEqualTo("fe80::1");
        assertThat(IpPrefix.text(ip("2001:0:0:1:0:0:0:0"))).isEqualTo("2001:0:0:1::");
        assertThat(IpPrefix.text(ip("1:0:1:0:1:0:1:0"))).isEqualTo("1:0:1:0:1:0:1:0");
    }

    @Test
    void foreignKindsAreNotMistakenForOurs() throws Exception {
        // A local route (rtm_type 2) as the kernel would dump it: not a kind we model.
        byte[] b = RouteCodec.replace(Route.of(IpPrefix.parse("10.9.0.0/16"), RouteType.BLACKHOLE)).encode(1);
        b[16 + 7] = (byte) Rtnl.RTN_LOCAL;
        assertThat(decode(b)).isNull();
    }
}
