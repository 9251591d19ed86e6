package dev.podbgp.interop.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podbgp.interop.peer.bird.BirdConfigWriter;
import dev.podbgp.interop.peer.frr.FrrConfigWriter;
import dev.podbgp.interop.peer.gobgp.GobgpConfigWriter;
import java.net.Inet4Address;
import org.junit.jupiter.api.Test;

/**
 * What each writer turns one {@link PeerConfig} into. The real check that the daemons accept
 * these files is {@code ConfigSyntaxIT} and the peering tests; this pins the mapping.
 */
class ConfigWritersTest {
  private static final PeerConfig CONFIG = PeerConfig.of("spk0", 65001,
          (Inet4Address) Addresses.parse("10.255.0.1", "t"))
      .withNeighbor(Neighbor.of(Addresses.parse("10.200.1.2", "t"), 65002).holdTime(6)
          .md5("s3cret").passive(true))
      .withNeighbor(Neighbor.of(Addresses.parse("fd00:200:1::2", "t"), 4200000002L)
          .multihop(2).with(Feature.ADD_PATH, Feature.GRACEFUL_RESTART))
      .originating(Origination.of("192.0.2.0/26").withCommunities("65001:100")
          .withLargeCommunities("65001:1:2").withMed(50).withRouteTargets("rt:65001:7"))
      .originating(Origination.of("2001:db8:1::/48"));

  @Test
  void frr() {
    String c = FrrConfigWriter.render(CONFIG, "/tmp/x/frr.log");
    assertThat(c).contains("router bgp 65001\n", " bgp router-id 10.255.0.1\n",
        " neighbor 10.200.1.2 remote-as 65002\n", " neighbor 10.200.1.2 timers 2 6\n",
        " neighbor 10.200.1.2 passive\n", " neighbor 10.200.1.2 password s3cret\n",
        " neighbor fd00:200:1::2 remote-as 4200000002\n",
        " neighbor fd00:200:1::2 ebgp-multihop 2\n",
        " bgp graceful-restart\n",
        "  network 192.0.2.0/26 route-map PODBGP-ORIG-192-0-2-0-26\n",
        " set community 65001:100\n", " set large-community 65001:1:2\n",
        " set extcommunity rt 65001:7\n", " set metric 50\n",
        "  neighbor fd00:200:1::2 addpath-tx-all-paths\n", "log file /tmp/x/frr.log");
    // each neighbour activated in its own family only
    String v4 = c.substring(c.indexOf("address-family ipv4"), c.indexOf("address-family ipv6"));
    assertThat(v4).contains("neighbor 10.200.1.2 activate").doesNotContain("fd00:200:1::2");
  }

  @Test
  void bird() {
    String c = BirdConfigWriter.render(CONFIG, "/tmp/x/bird.log");
    assertThat(c).contains("router id 10.255.0.1;",
        "protocol bgp n_10_200_1_2 {", "  neighbor 10.200.1.2 as 65002;", "  local as 65001;",
        "  passive on;", "  password \"s3cret\";", "  hold time 6;", "  keepalive time 2;",
        "protocol bgp n_fd00_200_1__2 {", "  multihop 2;", "graceful restart on;",
        "add paths on;", "route 192.0.2.0/26 blackhole { bgp_community.add((65001,100));",
        "bgp_large_community.add((65001,1,2));", "bgp_ext_community.add((rt, 65001, 7));",
        "if net = 192.0.2.0/26 && source = RTS_STATIC then bgp_med = 50;",
        "route 2001:db8:1::/48 blackhole {");
  }

  @Test
  void gobgp() {
    String c = GobgpConfigWriter.render(CONFIG);
    assertThat(c).contains("  as = 65001\n", "  router-id = \"10.255.0.1\"\n",
        "    neighbor-address = \"10.200.1.2\"\n", "    auth-password = \"s3cret\"\n",
        "    passive-mode = true\n", "    hold-time = 6\n", "    keepalive-interval = 2\n",
        "    idle-hold-time-after-reset = 1\n", "    peer-as = 4200000002\n",
        "    multihop-ttl = 2\n", "      afi-safi-name = \"ipv6-unicast\"\n",
        "      send-max = 8\n");
  }
}
