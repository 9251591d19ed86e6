package dev.podbgp.interop.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrefixTest {

  @Test
  void parsesAndPrintsCanonicalForms() {
    assertThat(Prefix.parse("192.0.2.64/26").toString()).isEqualTo("192.0.2.64/26");
    assertThat(Prefix.parse("2001:0db8:0001:0:0:0:0:0/48").toString()).isEqualTo("2001:db8:1::/48");
    assertThat(Prefix.parse("::/0").toString()).isEqualTo("::/0");
    assertThat(Prefix.parse("2001:db8::/32").isIpv6()).isTrue();
    assertThat(Family.of(Prefix.parse("10.0.0.0/8"))).isEqualTo(Family.IPV4_UNICAST);
  }

  @Test
  void rejectsHostBitsBadLengthsAndNames() {
    assertThatThrownBy(() -> Prefix.parse("192.0.2.1/24"))
        .hasMessageContaining("192.0.2.1/24 has host bits set");
    assertThatThrownBy(() -> Prefix.parse("192.0.2.0/33"))
        .hasMessageContaining("prefix length 33 out of 0..32");
    assertThatThrownBy(() -> Prefix.parse("192.0.2.0")).hasMessageContaining("lacks '/length'");
    assertThatThrownBy(() -> Prefix.parse("example.com/24"))
        .hasMessageContaining("no IP literal");
    assertThatThrownBy(() -> Prefix.parse("10.0.0.0/x")).hasMessageContaining("non-numeric");
  }

  @Test
  void formatsIpv6LikeRfc5952() {
    assertThat(Addresses.format(Addresses.parse("fd00:200:1:0:0:0:0:1", "t")))
        .isEqualTo("fd00:200:1::1");
    assertThat(Addresses.format(Addresses.parse("2001:db8:0:0:1:0:0:1", "t")))
        .isEqualTo("2001:db8::1:0:0:1");
    assertThat(Addresses.format(Addresses.parse("2001:db8:0:1:1:1:1:1", "t")))
        .isEqualTo("2001:db8:0:1:1:1:1:1");
    assertThat(Addresses.format(Addresses.parse("::", "t"))).isEqualTo("::");
    assertThat(Addresses.format(Addresses.parse("FE80::1", "t"))).isEqualTo("fe80::1");
    assertThatThrownBy(() -> Addresses.parse("localhost", "vtysh nexthops"))
        .hasMessageContaining("'localhost' from vtysh nexthops is not an IP address");
  }

  @Test
  void communitiesParseAndRejectOutOfRange() {
    assertThat(Community.parse("65001:100")).isEqualTo(new Community(65001, 100));
    assertThat(Community.ofWire(4259905636L)).isEqualTo(new Community(65001, 100));
    assertThat(LargeCommunity.parse("4200000002:1:2").global()).isEqualTo(4200000002L);
    assertThat(RouteTarget.parse("rt:65001:7")).isEqualTo(new RouteTarget(65001, 7));
    assertThatThrownBy(() -> Community.parse("70000:1")).hasMessageContaining("70000:1");
    assertThatThrownBy(() -> LargeCommunity.parse("1:2")).hasMessageContaining("not g:l1:l2");
  }

  @Test
  void neighborAndConfigValidateWhatSpeakersWouldReject() {
    var a = Addresses.parse("10.0.0.1", "t");
    assertThatThrownBy(() -> Neighbor.of(a, 65001).holdTime(2))
        .hasMessageContaining("hold time 2s of neighbor 10.0.0.1 must be 0 or at least 3");
    assertThatThrownBy(() -> Neighbor.of(a, 0)).hasMessageContaining("remote AS 0");
    assertThatThrownBy(() -> Neighbor.of(a, 1).md5("has space"))
        .hasMessageContaining("MD5 password for 10.0.0.1");
    var rid = (java.net.Inet4Address) Addresses.parse("10.255.0.1", "t");
    assertThatThrownBy(() -> PeerConfig.of("x", 1, rid).withNeighbor(Neighbor.of(a, 2))
        .withNeighbor(Neighbor.of(a, 3))).hasMessageContaining("lists neighbor 10.0.0.1 twice");
    assertThatThrownBy(() -> PeerConfig.of("Bad Name", 1, rid))
        .hasMessageContaining("speaker name 'Bad Name'");
    assertThat(Neighbor.of(a, 2).holdTime(9).keepaliveSeconds()).isEqualTo(3);
    assertThatThrownBy(() -> PeerConfig.of("rr", 65000, rid)
        .withNeighbor(Neighbor.of(a, 65001).with(Feature.ROUTE_REFLECTOR_CLIENT)))
        .hasMessageContaining("neighbor 10.0.0.1 in AS 65001 cannot be a route reflector client");
  }

  @Test
  void sessionStatesFromSpeakerSpellings() {
    assertThat(SessionState.parse("Established")).isEqualTo(SessionState.ESTABLISHED);
    assertThat(SessionState.parse("OpenSent")).isEqualTo(SessionState.OPEN_SENT);
    assertThat(SessionState.parse("Idle (Admin)")).isEqualTo(SessionState.IDLE);
    assertThat(SessionState.parse("Down")).isEqualTo(SessionState.IDLE);
    assertThatThrownBy(() -> SessionState.parse("Dancing"))
        .hasMessageContaining("unknown BGP session state 'Dancing'");
  }
}
