package dev.podbgp.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.podbgp.interop.netns.Attachment;
import dev.podbgp.interop.netns.Lan;
import dev.podbgp.interop.netns.Netns;
import dev.podbgp.interop.netns.NetnsLab;
import dev.podbgp.interop.peer.Addresses;
import dev.podbgp.interop.peer.BgpPeer;
import dev.podbgp.interop.peer.Feature;
import dev.podbgp.interop.peer.Neighbor;
import dev.podbgp.interop.peer.Origination;
import dev.podbgp.interop.peer.PeerConfig;
import dev.podbgp.interop.peer.Peers;
import dev.podbgp.interop.peer.ReceivedRoute;
import dev.podbgp.interop.peer.SessionState;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Three speakers on one bridged subnet, the shape of a rack served by a route reflector: each
 * real speaker in turn reflects between the other two (iBGP, AS 65000), which see each other's
 * prefix from the reflector with the originator's next hop unchanged.
 */
@Tag("interop")
class RouteReflectorIT {
  private static final long AS = 65000;

  @ParameterizedTest
  @EnumSource(Peers.class)
  void reflectorPassesEachClientsRouteToTheOther(Peers reflectorKind) {
    for (Peers p : Peers.values()) {
      Optional<String> why = p.unavailableReason();
      assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElse(""));
    }
    List<Peers> kinds = new ArrayList<>(List.of(reflectorKind));
    Arrays.stream(Peers.values()).filter(k -> k != reflectorKind).forEach(kinds::add);

    try (NetnsLab lab = NetnsLab.create()) {
      List<Netns> ns = List.of(lab.namespace(), lab.namespace(), lab.namespace());
      Lan lan = lab.lan(ns);
      Attachment rr = lan.of(ns.get(0));
      List<BgpPeer> peers = new ArrayList<>();
      try {
        PeerConfig rrConfig = PeerConfig.of("rr", AS, id(1));
        for (int i = 1; i < 3; i++) {
          rrConfig = rrConfig.withNeighbor(Neighbor.of(lan.of(ns.get(i)).ipv4(), AS)
              .with(Feature.ROUTE_REFLECTOR_CLIENT));
        }
        peers.add(kinds.get(0).create(ns.get(0), rrConfig));
        for (int i = 1; i < 3; i++) {
          PeerConfig client = PeerConfig.of("client" + i, AS, id(i + 1))
              .withNeighbor(Neighbor.of(rr.ipv4(), AS))
              .originating(Origination.of("198.51.100." + (i * 64) + "/26")
                  .withCommunities("65000:" + i));
          peers.add(kinds.get(i).create(ns.get(i), client));
        }
        peers.forEach(BgpPeer::start);

        for (int i = 1; i < 3; i++) {
          PeeringScenarios.awaitState(peers.get(0), lan.of(ns.get(i)).ipv4(),
              SessionState.ESTABLISHED);
        }
        for (int i = 1; i < 3; i++) {
          int other = 3 - i;
          Origination o = Origination.of("198.51.100." + (other * 64) + "/26");
          ReceivedRoute r = PeeringScenarios.awaitRoute(peers.get(i), o.prefix(), rr.ipv4());
          assertThat(r.nextHop()).as(kinds.get(i) + " next hop via reflector " + reflectorKind)
              .isEqualTo(lan.of(ns.get(other)).ipv4());
          assertThat(r.asPath()).isEmpty();
          assertThat(r.localPref()).hasValue(100);
          assertThat(r.communities()).extracting(Object::toString)
              .containsExactly("65000:" + other);
        }
      } finally {
        peers.forEach(BgpPeer::close);
      }
    }
  }

  private static Inet4Address id(int n) {
    return (Inet4Address) Addresses.parse("10.255.0." + n, "test");
  }
}
