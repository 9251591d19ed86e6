package dev.podbgp.interop.peer.gobgp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podbgp.interop.peer.Addresses;
import dev.podbgp.interop.peer.Community;
import dev.podbgp.interop.peer.Json;
import dev.podbgp.interop.peer.LargeCommunity;
import dev.podbgp.interop.peer.Origin;
import dev.podbgp.interop.peer.Prefix;
import dev.podbgp.interop.peer.ReceivedRoute;
import org.junit.jupiter.api.Test;

/** Paths shaped like GoBGP 3.10's {@code gobgp global rib -a ipv4|ipv6 -j}. */
class GobgpRouteJsonTest {

  @Test
  void readsIpv4PathAttributes() {
    String json = """
        {"nlri":{"prefix":"192.0.2.0/24"},"age":1795261144,"best":true,"attrs":[
         {"type":1,"value":0},
         {"type":2,"as_paths":[{"segment_type":2,"num":2,"asns":[65002,65001]}]},
         {"type":3,"nexthop":"10.0.1.2"},{"type":4,"metric":50},{"type":5,"value":120},
         {"type":8,"communities":[4259905636]},
         {"type":32,"value":[{"ASN":65001,"LocalData1":1,"LocalData2":2}]}],
         "stale":false,"source-id":"10.0.0.2","neighbor-ip":"10.0.1.2"}""";
    ReceivedRoute r = GobgpPeer.route(Prefix.parse("192.0.2.0/24"),
        Addresses.parse("10.0.1.2", "t"), Json.parse(json, "test"));

    assertThat(r.nextHops()).containsExactly(Addresses.parse("10.0.1.2", "t"));
    assertThat(r.asPath()).containsExactly(65002L, 65001L);
    assertThat(r.origin()).isEqualTo(Origin.IGP);
    assertThat(r.med()).hasValue(50);
    assertThat(r.localPref()).hasValue(120);
    assertThat(r.communities()).containsExactly(new Community(65001, 100));
    assertThat(r.largeCommunities()).containsExactly(new LargeCommunity(65001, 1, 2));
    assertThat(r.best()).isTrue();
  }

  @Test
  void readsIpv6NextHopFromMpReach() {
    String json = """
        {"nlri":{"prefix":"2001:db8:2::/48"},"best":false,"attrs":[{"type":1,"value":2},
         {"type":14,"nexthop":"fd00:1::2","afi":2,"safi":1,
          "value":[{"prefix":"2001:db8:2::/48"}]}],"neighbor-ip":"fd00:1::2"}""";
    ReceivedRoute r = GobgpPeer.route(Prefix.parse("2001:db8:2::/48"),
        Addresses.parse("fd00:1::2", "t"), Json.parse(json, "test"));

    assertThat(r.nextHops()).containsExactly(Addresses.parse("fd00:1::2", "t"));
    assertThat(r.origin()).isEqualTo(Origin.INCOMPLETE);
    assertThat(r.asPath()).isEmpty();
    assertThat(r.best()).isFalse();
  }
}
