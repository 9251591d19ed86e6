package dev.podbgp.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The smallest file gets the documented defaults. */
class DefaultsTest {

    private static final IpPrefix POD = IpPrefix.parse("10.244.1.0/24");

    @Test
    void minimalFileGetsEveryDefault() throws ConfigException {
        PodbgpConfig c = Yaml.config(Yaml.NODE);
        assertThat(c.node()).isEqualTo(Node.of("node-a", 64512, IpAddresses.parse("192.0.2.1"),
                IpAddresses.parseV4("192.0.2.1"), List.of(POD)));
        assertThat(c.listen()).isEqualTo(new Listen(Optional.empty(), 179));
        assertThat(c.timers()).isEqualTo(new Timers(Duration.ofSeconds(90), Duration.ofSeconds(30), Duration.ofSeconds(5)));
        assertThat(c.gracefulRestart()).isEqualTo(new GracefulRestart(false, Duration.ofSeconds(120),
                Duration.ofSeconds(360), Duration.ofSeconds(360)));
        assertThat(c.ecmp()).isEqualTo(new Ecmp(16, false));
        assertThat(c.kernel()).isEqualTo(new Kernel(true, 254, 186, Duration.ofSeconds(60)));
        assertThat(c.tunnel()).isEqualTo(new Tunnel(Tunnel.Mode.NONE, Tunnel.When.ALWAYS, 4096, 4789));
        assertThat(c.cluster()).isEqualTo(new Cluster(ClusterMode.FULL_MESH, List.of(), Optional.empty(), Optional.empty()));
        assertThat(c.peers()).isEmpty();
        assertThat(c.peerRanges()).isEmpty();
        assertThat(c.control().socket()).isEqualTo(Path.of("/run/podbgp/podbgpd.sock"));
        assertThat(c.metrics()).isEqualTo(new Metrics(true, new InetSocketAddress(IpAddresses.parse("127.0.0.1"), 9179)));
        assertThat(c.sessions()).isEmpty();
    }

    @Test
    void externalPeerDefaults() throws ConfigException {
        PodbgpConfig c = Yaml.config(Yaml.NODE + "peers:\n  - {name: tor1, address: 192.0.2.254, asn: 65000}\n");
        PeerSettings s = c.peers().get(0).settings();
        assertThat(s).isEqualTo(new PeerSettings(65000, 179, false, true, Optional.empty(), Optional.empty(),
                Timers.DEFAULT, GracefulRestart.DEFAULT, new TtlMode.Multihop(1), Optional.empty(), false, false,
                EnumSet.allOf(AddressFamily.class), RoutePolicy.REJECT_ALL, RoutePolicy.exactly(List.of(POD))));
        // Import nothing, export exactly our pod CIDR.
        assertThat(s.importPolicy().permits(IpPrefix.parse("0.0.0.0/0"), Set.of())).isFalse();
        assertThat(s.exportPolicy().permits(POD, Set.of())).isTrue();
        assertThat(s.exportPolicy().permits(IpPrefix.parse("10.244.1.0/25"), Set.of())).isFalse();
        assertThat(s.exportPolicy().permits(IpPrefix.parse("10.244.2.0/24"), Set.of())).isFalse();
    }

    @Test
    void ibgpPeerGetsTtl255AndKeepaliveFollowsHoldTime() throws ConfigException {
        PodbgpConfig c = Yaml.config(Yaml.NODE + "timers: {holdTime: 9s}\n"
                + "peers:\n  - {name: rr, address: 192.0.2.9, asn: 64512, timers: {holdTime: 0}}\n");
        assertThat(c.timers().keepalive()).isEqualTo(Duration.ofSeconds(3));
        PeerSettings s = c.peers().get(0).settings();
        assertThat(s.ttl()).isEqualTo(new TtlMode.Multihop(255));
        assertThat(s.timers()).isEqualTo(new Timers(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5)));
    }

    @Test
    void holdTimeCloserToTheSessionRederivesKeepalive() throws ConfigException {
        PodbgpConfig c = Yaml.config(Yaml.NODE + "timers: {holdTime: 90s, keepalive: 30s}\n"
                + "peers:\n  - {name: tor1, address: 192.0.2.254, asn: 65000, timers: {holdTime: 9s}}\n");
        assertThat(c.peers().get(0).settings().timers().keepalive()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void dualStackNodeAdvertisesANextHopPerFamily() throws ConfigException {
        PodbgpConfig c = Yaml.config("""
                node:
                  name: node-a
                  asn: 64512
                  address: 192.0.2.1
                  ipv6Address: 2001:db8::1
                  podCIDRs: [10.244.1.0/24, fd00:10:244:1::/64]
                cluster:
                  nodes:
                    - {name: node-b, address: 192.0.2.2}
                    - {name: node-c, address: 2001:db8::3}
                """);
        Node n = c.node();
        assertThat(n.nextHopFor(IpPrefix.parse("fd00:10:244:1::/64"))).contains(IpAddresses.parse("2001:db8::1"));
        assertThat(n.nextHopFor(IpPrefix.parse("10.244.1.0/24"))).contains(IpAddresses.parse("192.0.2.1"));
        assertThat(c.sessions()).extracting(p -> p.settings().sourceAddress().orElseThrow())
                .containsExactly(IpAddresses.parse("192.0.2.1"), IpAddresses.parse("2001:db8::1"));

        PodbgpConfig v6 = Yaml.config("node: {name: n, asn: 1, address: '2001:db8::1', ipv4Address: 192.0.2.1}\n");
        assertThat(v6.node().routerId()).isEqualTo(IpAddresses.parseV4("192.0.2.1"));
    }

    @Test
    void ipv6NodeWithRouterIdAndAsdot() throws ConfigException {
        PodbgpConfig c = Yaml.config("node: {name: n6, asn: 1.10, address: '2001:db8::1', routerId: 192.0.2.1,"
                + " podCIDRs: ['fd00:10:244:1::/64']}\n");
        assertThat(c.node().asn()).isEqualTo(65546);
        assertThat(c.node().routerId()).isEqualTo(IpAddresses.parseV4("192.0.2.1"));
        assertThat(c.node().podCidrs()).containsExactly(IpPrefix.parse("fd00:10:244:1::/64"));
    }

    @Test
    void policyWithOnlySetKeepsTheDefaultAcceptList() throws ConfigException {
        PodbgpConfig c = Yaml.config(Yaml.NODE
                + "peers:\n  - {name: tor1, address: 192.0.2.254, asn: 65000, export: {set: {med: 10}}}\n");
        RoutePolicy export = c.peers().get(0).settings().exportPolicy();
        assertThat(export.accept()).containsExactly(PrefixFilter.exact(POD));
        assertThat(export.set().med()).hasValue(10);
    }

    @Test
    void clusterSessionsFollowTheMode() throws ConfigException {
        String nodes = "  nodes:\n    - {name: node-b, address: 192.0.2.2, podCIDRs: [10.244.2.0/24]}\n"
                + "    - {name: node-c, address: 192.0.2.3, routeReflector: true}\n"
                + "    - {name: node-a, address: 192.0.2.1, podCIDRs: [10.244.1.0/24]}\n";
        PodbgpConfig mesh = Yaml.config(Yaml.NODE + "cluster:\n  mode: full-mesh\n" + nodes);
        assertThat(mesh.sessions()).extracting(Peer::name).containsExactly("node-b", "node-c");
        Peer b = mesh.sessions().get(0);
        assertThat(b.kind()).isEqualTo(PeerKind.CLUSTER);
        assertThat(b.settings().asn()).isEqualTo(64512);
        assertThat(b.settings().sourceAddress()).contains(IpAddresses.parse("192.0.2.1"));
        assertThat(b.settings().importPolicy()).isEqualTo(RoutePolicy.ACCEPT_ALL);

        PodbgpConfig client = Yaml.config(Yaml.NODE + "cluster:\n  mode: route-reflector-client\n" + nodes);
        assertThat(client.sessions()).extracting(Peer::name).containsExactly("node-c");

        PodbgpConfig none = Yaml.config(Yaml.NODE + "cluster:\n  mode: none\n" + nodes);
        assertThat(none.sessions()).isEmpty();
    }

    @Test
    void reflectorTreatsNonReflectorNodesAsClients() throws ConfigException {
        PodbgpConfig c = Yaml.config(Yaml.NODE + """
                cluster:
                  routeReflector: {}
                  nodes:
                    - {name: node-a, address: 192.0.2.1, routeReflector: true}
                    - {name: node-b, address: 192.0.2.2}
                    - {name: node-c, address: 192.0.2.3, routeReflector: true}
                """);
        assertThat(c.cluster().routeReflector()).contains(new RouteReflector(IpAddresses.parseV4("192.0.2.1")));
        assertThat(c.sessions()).extracting(p -> p.name() + "=" + p.settings().routeReflectorClient())
                .containsExactly("node-b=true", "node-c=false");
    }

    @Test
    void templateThenPeerOverrideKeyByKey() throws ConfigException {
        PodbgpConfig c = Yaml.config(Yaml.NODE + """
                timers: {connectRetry: 1s}
                peerTemplates:
                  tor: {asn: 65000, timers: {holdTime: 30s}, nextHopSelf: true}
                peers:
                  - {name: tor1, address: 192.0.2.254, template: tor, timers: {keepalive: 3s}}
                  - {name: tor2, address: 192.0.2.253, template: tor, asn: 65001, nextHopSelf: false}
                peerRanges:
                  - {name: rack, prefix: 198.51.100.0/24, template: tor}
                """);
        PeerSettings tor1 = c.peers().get(0).settings();
        assertThat(tor1.asn()).isEqualTo(65000);
        assertThat(tor1.nextHopSelf()).isTrue();
        assertThat(tor1.timers()).isEqualTo(new Timers(Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(1)));
        PeerSettings tor2 = c.peers().get(1).settings();
        assertThat(tor2.asn()).isEqualTo(65001);
        assertThat(tor2.nextHopSelf()).isFalse();
        assertThat(tor2.timers().keepalive()).isEqualTo(Duration.ofSeconds(10));
        PeerRange rack = c.peerRanges().get(0);
        assertThat(rack.limit()).isEqualTo(100);
        assertThat(rack.settings().passive()).isTrue();
        Peer dynamic = rack.peerFor(IpAddresses.parse("198.51.100.7"));
        assertThat(dynamic.name()).isEqualTo("rack-198.51.100.7");
        assertThat(dynamic.kind()).isEqualTo(PeerKind.DYNAMIC);
    }
}
