package dev.podbgp.interop.peer.bird;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podbgp.interop.peer.Addresses;
import dev.podbgp.interop.peer.Community;
import dev.podbgp.interop.peer.LargeCommunity;
import dev.podbgp.interop.peer.Origin;
import dev.podbgp.interop.peer.Prefix;
import dev.podbgp.interop.peer.ReceivedRoute;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Against text shaped like BIRD 2.0.12's {@code birdc show route all}. */
class BirdRouteParserTest {
  private static final InetAddress N1 = Addresses.parse("10.0.0.1", "test");
  private static final InetAddress N3 = Addresses.parse("10.0.1.3", "test");
  private static final InetAddress N6 = Addresses.parse("fd00::1", "test");

  private static final String V4 = """
      BIRD 2.0.12 ready.
      Table master4:
      198.51.100.0/24      blackhole [orig4 11:38:02.500] * (200)
      \tType: static univ
      \tBGP.community: (65002,200)
      192.0.2.0/24         unicast [n_10_0_0_1 11:38:26.855] * (100) [AS65001i]
      \tvia 10.0.0.1 on pbxb0
      \tType: BGP univ
      \tBGP.origin: IGP
      \tBGP.as_path: 65001
      \tBGP.next_hop: 10.0.0.1
      \tBGP.med: 0
      \tBGP.local_pref: 100
      \tBGP.community: (65001,100) (65001,101)
      \tBGP.large_community: (65001, 1, 2)
                           unicast [n_10_0_1_3 11:38:27.001] (100) [AS65009?]
      \tvia 10.0.1.3 on pbxb1
      \tType: BGP univ
      \tBGP.origin: Incomplete
      \tBGP.as_path: 65003 65009
      \tBGP.next_hop: 10.0.1.3
      \tBGP.local_pref: 100
      """;

  private static final String V6 = """
      BIRD 2.0.12 ready.
      Table master6:
      2001:db8:1::/48      unicast [n_fd00__1 11:38:48.004] * (100) [AS65001i]
      \tvia fd00::1 on pbxb0
      \tType: BGP univ
      \tBGP.origin: IGP
      \tBGP.as_path: 65001
      \tBGP.next_hop: fd00::1 fe80::e075:6dff:fecb:5ee9
      \tBGP.local_pref: 100
      """;

  private static final Map<String, InetAddress> PROTOCOLS = Map.of(
      "n_10_0_0_1", N1, "n_10_0_1_3", N3, BirdConfigWriter.protocolName(N6), N6);

  @Test
  void readsBestAndAlternativeBgpRoutesAndSkipsOthers() {
    List<ReceivedRoute> routes = BirdRouteParser.parse(V4, BirdRouteParser.lookup(PROTOCOLS));

    assertThat(routes).hasSize(2);
    ReceivedRoute best = routes.get(0);
    assertThat(best.prefix()).isEqualTo(Prefix.parse("192.0.2.0/24"));
    assertThat(best.fromNeighbor()).isEqualTo(N1);
    assertThat(best.best()).isTrue();
    assertThat(best.nextHops()).containsExactly(N1);
    assertThat(best.asPath()).containsExactly(65001L);
    assertThat(best.origin()).isEqualTo(Origin.IGP);
    assertThat(best.med()).hasValue(0);
    assertThat(best.localPref()).hasValue(100);
    assertThat(best.communities()).containsExactly(new Community(65001, 100),
        new Community(65001, 101));
    assertThat(best.largeCommunities()).containsExactly(new LargeCommunity(65001, 1, 2));

    ReceivedRoute alt = routes.get(1);
    assertThat(alt.prefix()).isEqualTo(Prefix.parse("192.0.2.0/24"));
    assertThat(alt.fromNeighbor()).isEqualTo(N3);
    assertThat(alt.best()).isFalse();
    assertThat(alt.origin()).isEqualTo(Origin.INCOMPLETE);
    assertThat(alt.asPath()).containsExactly(65003L, 65009L);
    assertThat(alt.med()).isEmpty();
  }

  @Test
  void readsIpv6GlobalAndLinkLocalNextHops() {
    List<ReceivedRoute> routes = BirdRouteParser.parse(V6, BirdRouteParser.lookup(PROTOCOLS));

    assertThat(routes).singleElement().satisfies(r -> {
      assertThat(r.fromNeighbor()).isEqualTo(N6);
      assertThat(r.nextHops()).containsExactly(N6,
          Addresses.parse("fe80::e075:6dff:fecb:5ee9", "test"));
    });
  }

  @Test
  void unexpectedLinesAreReportedVerbatim() {
    assertThatThrownBy(() -> BirdRouteParser.parse("Table master4:\nsyntax error, oops\n",
        BirdRouteParser.lookup(PROTOCOLS)))
        .hasMessageContaining("unexpected birdc line: 'syntax error, oops'");
  }
}
