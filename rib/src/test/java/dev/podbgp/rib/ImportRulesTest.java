package dev.podbgp.rib;

import dev.podbgp.bgp.wire.ClusterList;
import dev.podbgp.bgp.wire.Communities;
import dev.podbgp.bgp.wire.Ipv4;
import dev.podbgp.rib.policy.Action;
import dev.podbgp.rib.policy.Match;
import dev.podbgp.rib.policy.Policy;
import dev.podbgp.rib.policy.PrefixRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.podbgp.rib.Harness.attrs;
import static org.assertj.core.api.Assertions.assertThat;

/** What happens to a route on its way in: loop checks, RFC defaults, safe import defaults, policy. */
class ImportRulesTest {
    private static final String P = "10.244.1.0/24";
    private final Harness h = new Harness();

    @Test
    void ownAsInThePathMakesAnEbgpPathIneligible() {
        PeerId tor = h.ebgp("192.0.2.1", 65010, "1.1.1.1");
        h.announce(tor, attrs("192.0.2.1", 65010, 65000, 65020).build(), P);
        // Refused and not kept: this peer supports ROUTE-REFRESH, so it can send it again if policy changes.
        assertThat(h.route(P)).isNull();
        assertThat(h.fib).isEmpty();
    }

    @Test
    void allowAsInAcceptsOurAsUpToItsCount() {
        PeerId tor = new PeerId("192.0.2.1");
        h.rib.configurePeer(tor, PeerConfig.DEFAULT.withImportPolicy(Policy.ACCEPT_ALL).withAllowAsIn(1));
        h.rib.peerUp(tor, Harness.info("192.0.2.1", 65010, "1.1.1.1"));
        h.announce(tor, attrs("192.0.2.1", 65010, 65000).build(), P);
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.1");
        h.announce(tor, attrs("192.0.2.1", 65010, 65000, 65000).build(), P);
        assertThat(h.route(P)).isNull();
        assertThat(h.lastFib(P).isWithdrawal()).isTrue();
    }

    @Test
    void localPrefFromAnotherAsIsIgnored() {
        PeerId tor = h.ebgp("192.0.2.1", 65010, "1.1.1.1");
        h.announce(tor, attrs("192.0.2.1", 65010).localPref(500L).build(), P);
        assertThat(h.route(P).best().effective().localPref()).isNull();
        PeerId node = h.up("192.0.2.2", 65000, "2.2.2.2");
        h.announce(node, attrs("192.0.2.2").localPref(150L).build(), P);
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.2");
    }

    @Test
    void gracefulShutdownCommunitySetsLocalPrefZero() {
        PeerId a = h.up("192.0.2.1", 65000, "1.1.1.1");
        PeerId b = h.up("192.0.2.2", 65000, "2.2.2.2");
        h.announce(a, attrs("192.0.2.1").localPref(300L).communities(Communities.of(Communities.GRACEFUL_SHUTDOWN)).build(), P);
        h.announce(b, attrs("192.0.2.2", 65010, 65011).build(), P);
        assertThat(h.route(P).paths()).filteredOn(p -> p.peer().equals(a))
                .singleElement().satisfies(p -> assertThat(p.effective().localPref()).isZero());
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.2");
    }

    @Test
    void ourOriginatorIdOrClusterIdInAReflectedPathIsALoop() {
        PeerId rr = h.up("192.0.2.1", 65000, "1.1.1.1");
        h.announce(rr, attrs("192.0.2.9").originatorId(Harness.ROUTER_ID).clusterList(ClusterList.of(Ipv4.parse("9.9.9.9"))).build(), P);
        assertThat(h.route(P)).isNull();
        h.announce(rr, attrs("192.0.2.9").originatorId(Ipv4.parse("7.7.7.7")).clusterList(ClusterList.of(Harness.ROUTER_ID)).build(), P);
        assertThat(h.route(P)).isNull();
        h.announce(rr, attrs("192.0.2.9").originatorId(Ipv4.parse("7.7.7.7")).clusterList(ClusterList.of(Ipv4.parse("9.9.9.9"))).build(), P);
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.1");
    }

    @Test
    void externalPeersAreRefusedByDefaultSoATorCannotPushADefaultRoute() {
        PeerId tor = h.up("192.0.2.1", 65010, "1.1.1.1");
        h.announce(tor, attrs("192.0.2.1", 65010).build(), "0.0.0.0/0");
        assertThat(h.route("0.0.0.0/0")).isNull();   // rejected, and not kept: the peer can refresh
        assertThat(h.fib).isEmpty();
        PeerId node = h.up("192.0.2.2", 65000, "2.2.2.2");
        h.announce(node, attrs("192.0.2.2").build(), P);
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.2");  // iBGP (other nodes) accepted by default
    }

    @Test
    void importPolicyAcceptsByPrefixRangeAndSetsAttributes() {
        PeerId tor = new PeerId("192.0.2.1");
        Policy p = new Policy("tor-in", List.of(
                new Policy.Term(Match.prefixes(PrefixRange.parse("10.244.0.0/16 le 26")),
                        Action.ACCEPT.withLocalPref(120).withMed(7).addingCommunities(Communities.parse("65000:1")))),
                Action.REJECT);
        h.rib.configurePeer(tor, PeerConfig.DEFAULT.withImportPolicy(p));
        h.rib.peerUp(tor, Harness.info("192.0.2.1", 65010, "1.1.1.1"));
        h.announce(tor, attrs("192.0.2.1", 65010).build(), "10.244.3.0/24", "10.244.3.0/27", "10.0.0.0/8");
        assertThat(h.route("10.244.3.0/24").best().effective().localPref()).isEqualTo(120L);
        assertThat(h.route("10.244.3.0/24").best().effective().med()).isEqualTo(7L);
        assertThat(h.route("10.244.3.0/24").best().effective().communities().contains(Communities.parse("65000:1"))).isTrue();
        assertThat(h.route("10.244.3.0/27")).isNull();
        assertThat(h.route("10.0.0.0/8")).isNull();
    }

    @Test
    void communityMatchRejects() {
        PeerId node = new PeerId("192.0.2.2");
        int blackhole = Communities.parse("65000:666");
        h.rib.configurePeer(node, PeerConfig.DEFAULT.withImportPolicy(new Policy("no-bh",
                List.of(new Policy.Term(Match.community(blackhole), Action.REJECT)), Action.ACCEPT)));
        h.rib.peerUp(node, Harness.info("192.0.2.2", 65000, "2.2.2.2"));
        h.announce(node, attrs("192.0.2.2").communities(Communities.of(blackhole)).build(), "10.244.9.0/24");
        h.announce(node, attrs("192.0.2.2").build(), "10.244.8.0/24");
        assertThat(h.route("10.244.9.0/24")).isNull();
        assertThat(h.bestPeer("10.244.8.0/24")).isEqualTo("192.0.2.2");
    }

    @Test
    void rejectedPathsAreKeptForPeersWithoutRouteRefresh() {
        PeerId tor = new PeerId("192.0.2.1");
        PeerInfo noRefresh = Harness.info("192.0.2.1", 65010, "1.1.1.1");
        noRefresh = new PeerInfo(noRefresh.address(), noRefresh.localIpv4(), noRefresh.localIpv6(), 65010,
                noRefresh.routerId(), noRefresh.capabilities().withRouteRefresh(false));
        h.rib.peerUp(tor, noRefresh);
        h.announce(tor, attrs("192.0.2.1", 65010).build(), P);
        assertThat(h.route(P).paths()).singleElement().satisfies(p -> assertThat(p.effective()).isNull());
        // Soft reconfiguration from the kept Adj-RIB-In: no ROUTE-REFRESH, no reset.
        h.rib.configurePeer(tor, PeerConfig.DEFAULT.withImportPolicy(Policy.ACCEPT_ALL));
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.1");
        assertThat(h.refreshRequests).isEmpty();
    }
}
