package dev.podbgp.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

    @Test
    void ipv4RoundTripsAndRejectsJunk() {
        assertThat(Ipv4.format(Ipv4.parse("192.0.2.1"))).isEqualTo("192.0.2.1");
        assertThat(Ipv4.parse("255.255.255.255")).isEqualTo(-1);
        for (String bad : new String[] {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.04", "a.b.c.d", "1..2.3", "1.2.3.4 "}) {
            assertThatThrownBy(() -> Ipv4.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not an IPv4 address");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "2001:db8::1", "fe80::1:2", "2001:db8:0:1:1:1:1:1", "1::", "2001:db8::192.0.2.1"})
    void ipv6FormatsLikeRfc5952(String text) throws Exception {
        long[] a = Ipv6.parse(text);
        String formatted = Ipv6.format(a[0], a[1]);
        // The JDK is the independent parser: both texts mean the same 16 bytes.
        assertThat(InetAddress.getByName(formatted).getAddress()).isEqualTo(InetAddress.getByName(text).getAddress());
        assertThat(Ipv6.toInet(a[0], a[1]).getAddress()).isEqualTo(InetAddress.getByName(text).getAddress());
    }

    @Test
    void ipv4MappedAddressesStayIpv6() {
        long[] a = Ipv6.parse("::ffff:192.0.2.1");
        // InetAddress.getByAddress would turn this into an Inet4Address; a next hop must keep its family.
        assertThat(Ipv6.toInet(a[0], a[1]).getAddress()).hasSize(16);
        assertThat(Ipv6.format(a[0], a[1])).isEqualTo("::ffff:c000:201");
    }

    @Test
    void ipv6CompressesTheLongestZeroRunOnly() {
        long[] a = Ipv6.parse("2001:0:0:1:0:0:0:1");
        assertThat(Ipv6.format(a[0], a[1])).isEqualTo("2001:0:0:1::1");
        long[] b = Ipv6.parse("2001:db8:0:1:1:1:1:1");
        assertThat(Ipv6.format(b[0], b[1])).isEqualTo("2001:db8:0:1:1:1:1:1");
    }

    @Test
    void ipv6RejectsJunk() {
        for (String bad : new String[] {"", ":", ":::", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::", "1:2:3:4:5:6:7", "fe80::1%eth0"}) {
            assertThatThrownBy(() -> Ipv6.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void randomIpv6AddressesRoundTripThroughText() throws Exception {
        Random r = new Random(42);
        for (int i = 0; i < 500; i++) {
            long high = r.nextInt(4) == 0 ? 0 : r.nextLong();
            long low = r.nextInt(3) == 0 ? r.nextInt(3) : r.nextLong() & (r.nextBoolean() ? 0xFFFF0000FFFFL : -1L);
            String text = Ipv6.format(high, low);
            long[] back = Ipv6.parse(text);
            assertThat(back).as(text).containsExactly(high, low);
            assertThat(Ipv6.toInet(high, low).getAddress()).isEqualTo(InetAddress.getByName(text).getAddress());
        }
    }

    @Test
    void prefixesParseAndRefuseHostBits() {
        assertThat(Prefix.parse("10.244.1.0/24")).isEqualTo(new Ipv4Prefix(0x0AF40100, 24));
        assertThat(Prefix.parse("2001:db8::/32").toString()).isEqualTo("2001:db8::/32");
        assertThatThrownBy(() -> Prefix.parse("10.244.1.1/24")).hasMessageContaining("did you mean 10.244.1.0/24");
        assertThatThrownBy(() -> Prefix.parse("2001:db8::1/64")).hasMessageContaining("did you mean 2001:db8::/64");
        assertThatThrownBy(() -> Prefix.parse("10.0.0.0/33")).hasMessageContaining("outside 0..32");
        assertThat(Ipv4Prefix.parse("10.244.0.0/16").contains(Ipv4Prefix.parse("10.244.3.0/24"))).isTrue();
        assertThat(Ipv4Prefix.parse("10.244.0.0/16").contains(Ipv4Prefix.parse("10.245.0.0/24"))).isFalse();
        assertThat(Ipv6Prefix.parse("::/0").contains(Ipv6Prefix.parse("2001:db8::/64"))).isTrue();
        assertThat(new Ipv4Prefix(0, 0).withPathId(7).toString()).isEqualTo("0.0.0.0/0 path-id 7");
    }

    @Test
    void asPathLengthFollowsTheDecisionProcessRules() {
        AsPath p = new AsPath(java.util.List.of(
                new AsPathSegment(AsPathSegment.Type.AS_CONFED_SEQUENCE, new int[] {65010, 65011}),
                AsPathSegment.sequence(65001, 65002),
                AsPathSegment.set(1, 2, 3)));
        assertThat(p.length()).isEqualTo(3);
        assertThat(p.firstAs()).isEqualTo(65001);
        assertThat(p.toString()).isEqualTo("(65010 65011) 65001 65002 {1,2,3}");
        assertThat(AsPath.sequence(65002).prepend(65001, 2)).isEqualTo(AsPath.sequence(65001, 65001, 65002));
        assertThat(AsPath.sequence(-1).toString()).isEqualTo("4294967295");
    }

    @Test
    void shutdownCommunicationIsCutAtACharacterBoundary() {
        String text = "é".repeat(200);
        NotificationMessage n = NotificationMessage.shutdown(NotificationMessage.ADMINISTRATIVE_SHUTDOWN, text);
        assertThat(n.data()[0] & 0xFF).isEqualTo(254);
        assertThat(n.shutdownCommunication()).isEqualTo("é".repeat(127));
        assertThat(n.toString()).startsWith("NOTIFICATION 6/2 (Cease / Administrative Shutdown)");
    }
}
