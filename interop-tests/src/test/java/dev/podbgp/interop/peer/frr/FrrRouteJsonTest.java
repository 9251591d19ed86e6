package dev.podbgp.interop.peer.frr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podbgp.interop.peer.Addresses;
import dev.podbgp.interop.peer.Community;
import dev.podbgp.interop.peer.Json;
import dev.podbgp.interop.peer.LargeCommunity;
import dev.podbgp.interop.peer.Origin;
import dev.podbgp.interop.peer.Prefix;
import dev.podbgp.interop.peer.ReceivedRoute;
import org.junit.jupiter.api.Test;

/** A path shaped like FRR 8.4's {@code show bgp ipv6 unicast <prefix> json}. */
class FrrRouteJsonTest {

  @Test
  void readsPathAttributesAndBothIpv6NextHops() {
    String json = """
        {"aspath":{"string":"4200000002 65009","segments":[],"length":2},
         "origin":"IGP","metric":51,"locPrf":100,"valid":true,
         "bestpath":{"overall":true},
         "community":{"string":"65002:100 65002:101","list":["65002:100","65002:101"]},
         "largeCommunity":{"string":"65002:1:2","list":["65002:1:2"]},
         "nexthops":[{"ip":"fd00:200:1::2","afi":"ipv6","scope":"global"},
                     {"ip":"fe80::94f8:25ff:fe63:bc9b","afi":"ipv6","scope":"link-local",
                      "used":true}],
         "peer":{"peerId":"fd00:200:1::2","routerId":"10.255.0.2","type":"external"}}""";
    ReceivedRoute r = FrrPeer.route(Prefix.parse("2001:db8:2::/48"), "fd00:200:1::2",
        Json.parse(json, "test"), "test");

    assertThat(r.fromNeighbor()).isEqualTo(Addresses.parse("fd00:200:1::2", "t"));
    assertThat(r.nextHops()).containsExactly(Addresses.parse("fd00:200:1::2", "t"),
        Addresses.parse("fe80::94f8:25ff:fe63:bc9b", "t"));
    assertThat(r.asPath()).containsExactly(4200000002L, 65009L);
    assertThat(r.origin()).isEqualTo(Origin.IGP);
    assertThat(r.med()).hasValue(51);
    assertThat(r.localPref()).hasValue(100);
    assertThat(r.communities()).containsExactly(new Community(65002, 100),
        new Community(65002, 101));
    assertThat(r.largeCommunities()).containsExactly(new LargeCommunity(65002, 1, 2));
    assertThat(r.best()).isTrue();
  }
}
