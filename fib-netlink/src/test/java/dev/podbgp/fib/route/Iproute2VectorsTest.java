package dev.podbgp.fib.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podbgp.fib.netlink.AddressInfo;
import dev.podbgp.fib.netlink.LinkInfo;
import dev.podbgp.fib.netlink.Rtnl;
import dev.podbgp.fib.netlink.RtnlConnection;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our requests against what iproute2 6.1 sent for the same operation (captured with strace
 * by src/test/resources/iproute2/capture.sh). Sequence number and port id are ignored;
 * everything else, header and attribute order included, must be identical. The vectors hold
 * the bytes, not the kernel's verdict, so they pin the encoder even for features a given
 * kernel lacks.
 */
class Iproute2VectorsTest {

    record Vector(String name, String command, int type, int ifindex, byte[] bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Vector load(String name) throws IOException {
        try (InputStream in = Iproute2VectorsTest.class.getResourceAsStream("/iproute2/" + name + ".vec")) {
            assertThat(in).as("vector %s", name).isNotNull();
            Map<String, String> f = new HashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int c = line.indexOf(": ");
                if (c > 0) {
                    f.put(line.substring(0, c), line.substring(c + 2));
                }
            }
            return new Vector(name, f.get("command"), Integer.parseInt(f.get("type")),
                    Integer.parseInt(f.get("ifindex")), HexFormat.of().parseHex(f.get("hex")));
        }
    }

    static InetAddress ip(String s) {
        return IpPrefix.literal(s, "test");
    }

    static Route base(String prefix, RouteType type, List<NextHop> hops) {
        return new Route(IpPrefix.parse(prefix), type, hops, Rtnl.RT_TABLE_MAIN, Rtnl.RTPROT_BGP, 20, null);
    }

    /** name, and how to build our request given the veth ifindex the capture used. */
    static Stream<Arguments> routeVectors() {
        Map<String, IntFunction<byte[]>> m = new HashMap<>();
        m.put("v4-gateway", i -> RouteCodec.replace(base("10.10.0.0/24", RouteType.UNICAST,
                List.of(NextHop.via(ip("192.0.2.2"), i)))).encode(1));
        m.put("v4-gateway-onlink-prefsrc", i -> RouteCodec.replace(base("10.10.3.0/24", RouteType.UNICAST,
                List.of(NextHop.via(ip("198.51.100.1"), i).withOnlink(true))).withMetric(30)
                .withPrefsrc(ip("192.0.2.1"))).encode(1));
        m.put("v4-dev-only", i -> RouteCodec.replace(base("10.10.4.0/24", RouteType.UNICAST,
                List.of(NextHop.dev(i)))).encode(1));
        m.put("v4-table-1000", i -> RouteCodec.replace(base("10.10.2.0/24", RouteType.UNICAST,
                List.of(NextHop.via(ip("192.0.2.2"), i))).withTable(1000)).encode(1));
        m.put("v4-multipath", i -> RouteCodec.replace(base("10.10.1.0/24", RouteType.UNICAST,
                List.of(NextHop.via(ip("192.0.2.3"), i).withWeight(3).withOnlink(true),
                        NextHop.via(ip("192.0.2.2"), i)))).encode(1));
        m.put("v4-blackhole", i -> RouteCodec.replace(base("10.20.0.0/16", RouteType.BLACKHOLE, List.of())).encode(1));
        m.put("v4-unreachable", i -> RouteCodec.replace(base("10.21.0.0/16", RouteType.UNREACHABLE, List.of()))
                .encode(1));
        m.put("v6-gateway", i -> RouteCodec.replace(base("2001:db8:10::/64", RouteType.UNICAST,
                List.of(NextHop.via(ip("2001:db8::2"), i)))).encode(1));
        m.put("v6-multipath", i -> RouteCodec.replace(base("2001:db8:11::/64", RouteType.UNICAST,
                List.of(NextHop.via(ip("2001:db8::2"), i).withWeight(2), NextHop.via(ip("2001:db8::3"), i)
                        .withWeight(5)))).encode(1));
        m.put("v6-blackhole", i -> RouteCodec.replace(base("2001:db8:20::/48", RouteType.BLACKHOLE, List.of()))
                .encode(1));
        m.put("v6-unreachable", i -> RouteCodec.replace(base("2001:db8:21::/48", RouteType.UNREACHABLE, List.of()))
                .encode(1));
        m.put("v4-add", i -> RouteCodec.create(base("10.10.6.0/24", RouteType.UNICAST,
                List.of(NextHop.via(ip("192.0.2.2"), i)))).encode(1));
        m.put("v6-add-multipath-onlink", i -> RouteCodec.create(base("2001:db8:13::/64", RouteType.UNICAST,
                List.of(NextHop.via(ip("2001:db8::2"), i), NextHop.via(ip("2001:db8:99::1"), i).withWeight(3)
                        .withOnlink(true)))).encode(1));
        m.put("v4-delete", i -> RouteCodec.delete(base("10.10.0.0/24", RouteType.BLACKHOLE, List.of())).encode(1));
        m.put("v6-delete", i -> RouteCodec.delete(base("2001:db8:10::/64", RouteType.BLACKHOLE, List.of()))
                .encode(1));
        m.put("v4-dump", i -> RtnlConnection.encodeDump(Rtnl.RTM_GETROUTE,
                RouteCodec.dumpRequest(Rtnl.AF_INET, Rtnl.RT_TABLE_MAIN, Rtnl.RTPROT_BGP), 1));
        m.put("v6-dump-table-1000", i -> RtnlConnection.encodeDump(Rtnl.RTM_GETROUTE,
                RouteCodec.dumpRequest(Rtnl.AF_INET6, 1000, Rtnl.RTPROT_BGP), 1));
        m.put("link-dump", i -> RtnlConnection.encodeDump(Rtnl.RTM_GETLINK, LinkInfo.dumpRequest(), 1));
        m.put("addr-dump", i -> RtnlConnection.encodeDump(Rtnl.RTM_GETADDR, AddressInfo.dumpRequest(), 1));
        return m.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routeVectors")
    void encoderMatchesIproute2(String name, IntFunction<byte[]> ours) throws IOException {
        Vector v = load(name);
        byte[] mine = ours.apply(v.ifindex());
        assertThat(hexIgnoringSeqAndPid(mine)).as("%s (%s)", name, v.command())
                .isEqualTo(hexIgnoringSeqAndPid(v.bytes()));
        assertThat(mine[4] & 0xff).isEqualTo(v.type());
    }

    static String hexIgnoringSeqAndPid(byte[] msg) {
        byte[] copy = msg.clone();
        for (int i = 8; i < 16 && i < copy.length; i++) {
            copy[i] = 0;
        }
        return HexFormat.of().formatHex(copy);
    }
}
