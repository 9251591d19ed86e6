package dev.podbgp.rib;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.AsPath;
import dev.podbgp.bgp.wire.Communities;
import dev.podbgp.rib.decision.NextHopResolver;
import dev.podbgp.rib.policy.Action;
import dev.podbgp.rib.policy.Policy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.podbgp.rib.Harness.attrs;
import static dev.podbgp.rib.Harness.ip;
import static org.assertj.core.api.Assertions.assertThat;

/** What goes out to whom, and with which attributes. */
class ExportRulesTest {
    private static final AddressFamily V4 = AddressFamily.IPV4_UNICAST;
    private final Harness h = new Harness();

    private List<AdvertisedRoute> out(PeerId p) {
        return h.rib.adjRibOut(p, V4);
    }

    private AdvertisedRoute out(PeerId p, String prefix) {
        return out(p).stream().filter(r -> r.prefix().equals(Harness.pfx(prefix))).findFirst().orElse(null);
    }

    private PeerId peer(String addr, long asn, String rid, PeerConfig c) {
        PeerId id = new PeerId(addr);
        h.rib.configurePeer(id, c);
        h.rib.peerUp(id, Harness.info(addr, asn, rid));
        return id;
    }

    @Test
    void byDefaultANodeExportsOnlyItsOwnPodCidrs() {
        PeerId tor = h.up("192.0.2.254", 65010, "9.9.9.9");
        PeerId node1 = h.up("192.0.2.11", 65000, "1.1.1.1");
        PeerId node2 = h.up("192.0.2.12", 65000, "2.2.2.2");
        h.rib.originate(Harness.pfx("10.244.1.0/24"));
        h.announce(node1, attrs("192.0.2.11").build(), "10.244.2.0/24");

        assertThat(out(tor)).extracting(r -> r.prefix().toString()).containsExactly("10.244.1.0/24");
        AdvertisedRoute toTor = out(tor, "10.244.1.0/24");
        assertThat(toTor.attributes().asPath()).isEqualTo(AsPath.sequence(65000));
        assertThat(toTor.nextHop()).isEqualTo(ip("10.0.0.1"));
        assertThat(toTor.attributes().localPref()).isNull();

        // iBGP non-client: own route with LOCAL_PREF 100 and next hop self; the iBGP-learned route never.
        assertThat(out(node2)).extracting(r -> r.prefix().toString()).containsExactly("10.244.1.0/24");
        assertThat(out(node2, "10.244.1.0/24").attributes().localPref()).isEqualTo(100L);
        assertThat(out(node2, "10.244.1.0/24").nextHop()).isEqualTo(ip("10.0.0.1"));
        // Nothing back to where it came from.
        assertThat(out(node1)).extracting(r -> r.prefix().toString()).containsExactly("10.244.1.0/24");
    }

    @Test
    void routeCountsAgreeWithTheTablesTheyCount() {
        PeerId tor = h.up("192.0.2.254", 65010, "9.9.9.9");
        PeerId node1 = h.up("192.0.2.11", 65000, "1.1.1.1");
        PeerId node2 = h.up("192.0.2.12", 65000, "2.2.2.2");
        h.rib.originate(Harness.pfx("10.244.1.0/24"));
        h.rib.originate(Harness.pfx("2001:db8:1::/64"));
        h.announce(node1, attrs("192.0.2.11").build(), "10.244.2.0/24", "10.244.3.0/24");
        h.announce(node2, attrs("192.0.2.12").build(), "10.244.3.0/24");
        // A looped path is held but not eligible: it is received, not accepted.
        h.announce(tor, attrs("192.0.2.254", 65010, 65000).build(), "198.51.100.0/24");

        RouteCounts c = h.rib.routeCounts();
        assertThat(c.of(node1).accepted()).isEqualTo(2);
        assertThat(c.of(node2).accepted()).isEqualTo(1);
        assertThat(c.of(tor).accepted()).isZero();
        assertThat(c.of(tor).received()).as("not kept: the peer can be asked for it again").isZero();
        assertThat(c.of(node1).received()).isEqualTo(2);
        for (PeerId p : List.of(tor, node1, node2)) {
            assertThat(c.of(p).advertised()).as("advertised to %s", p)
                    .isEqualTo(out(p).size() + h.rib.adjRibOut(p, AddressFamily.IPV6_UNICAST).size());
        }
        // Our own IPv4 and IPv6 pod CIDRs; nothing learned over iBGP goes to the ToR by default.
        assertThat(c.of(tor).advertised()).isEqualTo(2);
        assertThat(c.of(new PeerId("192.0.2.99"))).isEqualTo(new RouteCounts.Peer(0, 0, 0));
        assertThat(c.stats()).isEqualTo(h.rib.stats());
        assertThat(c.peers()).doesNotContainKey(PeerId.LOCAL);
    }

    @Test
    void withoutAFibTheRibOnlySaysThatItChangedAndStillForgetsWithdrawnPrefixes() {
        Harness h = new Harness(RibConfig.of(Harness.LOCAL_AS, Harness.ROUTER_ID).withUpdateDelayMillis(0),
                NextHopResolver.DIRECT, false);
        PeerId node1 = h.up("192.0.2.11", 65000, "1.1.1.1");
        PeerId node2 = h.up("192.0.2.12", 65000, "2.2.2.2");
        h.rib.configurePeer(node2, PeerConfig.DEFAULT.withRouteReflectorClient(true).withExportPolicy(Policy.ACCEPT_ALL));
        h.announce(node1, attrs("192.0.2.11").build(), "10.244.2.0/24", "10.244.3.0/24");
        assertThat(h.fibCalls).isEqualTo(1);
        assertThat(h.fib).isEmpty();
        assertThat(h.rib.adjRibOut(node2, V4)).hasSize(2);

        h.withdraw(node1, "10.244.2.0/24", "10.244.3.0/24");
        assertThat(h.fibCalls).isEqualTo(2);
        assertThat(h.fib).isEmpty();
        assertThat(h.rib.adjRibOut(node2, V4)).isEmpty();
        assertThat(h.rib.stats().prefixes()).as("emptied entries are removed").isZero();
    }

    @Test
    void aChangeThatSendsTheSameAttributesSendsNothingAndChangesAreGroupedByWhatIsSent() {
        PeerId node = h.up("192.0.2.11", 65000, "1.1.1.1");
        PeerId tor = peer("192.0.2.254", 65010, "9.9.9.9", PeerConfig.DEFAULT.withExportPolicy(Policy.ACCEPT_ALL));
        h.sent.clear();
        h.announce(node, attrs("192.0.2.11", 65020).med(50L).build(), "10.244.2.0/24");
        h.announce(node, attrs("192.0.2.11", 65020).med(60L).build(), "10.244.3.0/24");
        assertThat(h.sentTo("192.0.2.254")).hasSize(2);
        h.sent.clear();

        // MED and LOCAL_PREF changes on the path change nothing the eBGP peer sees: nothing is sent.
        h.announce(node, attrs("192.0.2.11", 65020).med(70L).localPref(300L).build(), "10.244.2.0/24");
        assertThat(h.sentTo("192.0.2.254")).isEmpty();
        assertThat(out(tor, "10.244.2.0/24").attributes().med()).isNull();

        // A change it does see goes out. Then the two prefixes have different received sets that send the
        // same attributes: a ROUTE-REFRESH re-sends them in one group.
        h.announce(node, attrs("192.0.2.11", 65030).build(), "10.244.3.0/24");
        assertThat(h.sentTo("192.0.2.254")).hasSize(1);
        assertThat(h.sentTo("192.0.2.254").get(0).announced().get(0).attributes().asPath())
                .isEqualTo(AsPath.sequence(65000, 65030));
        h.announce(node, attrs("192.0.2.11", 65020).med(1L).build(), "10.244.3.0/24");
        h.sent.clear();
        h.rib.routeRefresh(tor, V4);
        assertThat(h.rib.advertisedCount(tor, V4)).isEqualTo(out(tor).size()).isEqualTo(2);
        assertThat(h.rib.advertisedCount(node, V4)).isEqualTo(out(node).size()).isZero();
        assertThat(h.rib.advertisedCount(new PeerId("192.0.2.99"), V4)).isZero();
        List<dev.podbgp.rib.out.PeerUpdate> resent = h.sentTo("192.0.2.254");
        assertThat(resent).hasSize(1);
        assertThat(resent.get(0).announced()).hasSize(1);
        assertThat(resent.get(0).announced().get(0).prefixes())
                .containsExactlyInAnyOrder(Harness.pfx("10.244.2.0/24"), Harness.pfx("10.244.3.0/24"));
    }

    @Test
    void ebgpExportPrependsStripsLocalPrefAndForeignMed() {
        PeerId node = h.up("192.0.2.11", 65000, "1.1.1.1");
        PeerId tor = peer("192.0.2.254", 65010, "9.9.9.9", PeerConfig.DEFAULT.withExportPolicy(Policy.ACCEPT_ALL).withAsPathPrepend(2));
        h.announce(node, attrs("192.0.2.11", 65020).med(50L).localPref(300L).build(), "10.244.2.0/24");
        AdvertisedRoute r = out(tor, "10.244.2.0/24");
        assertThat(r.attributes().asPath()).isEqualTo(AsPath.sequence(65000, 65000, 65000, 65020));
        assertThat(r.attributes().med()).isNull();
        assertThat(r.attributes().localPref()).isNull();
        assertThat(r.attributes().originatorId()).isNull();
        assertThat(r.nextHop()).isEqualTo(ip("10.0.0.1"));

        // A MED set by our own export policy does go out.
        h.rib.configurePeer(tor, PeerConfig.DEFAULT.withAsPathPrepend(2)
                .withExportPolicy(new Policy("med", List.of(), Action.ACCEPT.withMed(30))));
        assertThat(out(tor, "10.244.2.0/24").attributes().med()).isEqualTo(30L);
    }

    @Test
    void noExportAndNoExportSubconfedStayInsideTheAs() {
        PeerId node = h.up("192.0.2.11", 65000, "1.1.1.1");
        PeerId client = peer("192.0.2.12", 65000, "2.2.2.2", PeerConfig.DEFAULT.withRouteReflectorClient(true));
        PeerId tor = peer("192.0.2.254", 65010, "9.9.9.9", PeerConfig.DEFAULT.withExportPolicy(Policy.ACCEPT_ALL));
        h.announce(node, attrs("192.0.2.11").communities(Communities.of(Communities.NO_EXPORT)).build(), "10.244.2.0/24");
        h.announce(node, attrs("192.0.2.11").communities(Communities.of(Communities.NO_EXPORT_SUBCONFED)).build(), "10.244.3.0/24");
        h.announce(node, attrs("192.0.2.11").build(), "10.244.4.0/24");
        assertThat(out(tor)).extracting(r -> r.prefix().toString()).containsExactly("10.244.4.0/24");
        assertThat(out(client)).extracting(r -> r.prefix().toString())
                .containsExactlyInAnyOrder("10.244.2.0/24", "10.244.3.0/24", "10.244.4.0/24");
    }

    @Test
    void noAdvertiseGoesToNobody() {
        PeerId node = h.up("192.0.2.11", 65000, "1.1.1.1");
        PeerId client = peer("192.0.2.12", 65000, "2.2.2.2", PeerConfig.DEFAULT.withRouteReflectorClient(true));
        PeerId tor = peer("192.0.2.254", 65010, "9.9.9.9", PeerConfig.DEFAULT.withExportPolicy(Policy.ACCEPT_ALL));
        h.announce(node, attrs("192.0.2.11").communities(Communities.of(Communities.NO_ADVERTISE)).build(), "10.244.2.0/24");
        assertThat(h.bestPeer("10.244.2.0/24")).isEqualTo("192.0.2.11");
        assertThat(out(tor)).isEmpty();
        assertThat(out(client)).isEmpty();
    }

    @Test
    void nextHopSelfTowardsIbgpOnlyWhenConfigured() {
        PeerId tor = h.ebgp("192.0.2.254", 65010, "9.9.9.9");
        PeerId plain = peer("192.0.2.12", 65000, "2.2.2.2", PeerConfig.DEFAULT.withExportPolicy(Policy.ACCEPT_ALL));
        PeerId nhs = peer("192.0.2.13", 65000, "3.3.3.3", PeerConfig.DEFAULT.withExportPolicy(Policy.ACCEPT_ALL).withNextHopSelf(true));
        h.announce(tor, attrs("192.0.2.254", 65010).med(5L).build(), "198.51.100.0/24");
        assertThat(out(plain, "198.51.100.0/24").nextHop()).isEqualTo(ip("192.0.2.254"));
        assertThat(out(plain, "198.51.100.0/24").attributes().med()).isEqualTo(5L);   // MED may go to iBGP
        assertThat(out(plain, "198.51.100.0/24").attributes().localPref()).isEqualTo(100L);
        assertThat(out(nhs, "198.51.100.0/24").nextHop()).isEqualTo(ip("10.0.0.1"));
    }

    @Test
    void pathsContainingTheEbgpPeersAsAreNotSentToIt() {
        PeerId node = h.up("192.0.2.11", 65000, "1.1.1.1");
        PeerId tor = peer("192.0.2.254", 65010, "9.9.9.9", PeerConfig.DEFAULT.withExportPolicy(Policy.ACCEPT_ALL));
        h.announce(node, attrs("192.0.2.11", 65020, 65010).build(), "10.244.2.0/24");
        h.announce(node, attrs("192.0.2.11", 65020).build(), "10.244.3.0/24");
        assertThat(out(tor)).extracting(r -> r.prefix().toString()).containsExactly("10.244.3.0/24");
    }

    @Test
    void aPeerWhoseExportBecomesRejectAllLosesWhatItHadAndGetsNothingMore() {
        PeerId node = h.up("192.0.2.11", 65000, "1.1.1.1");
        PeerId tor = peer("192.0.2.254", 65010, "9.9.9.9", PeerConfig.DEFAULT.withExportPolicy(Policy.ACCEPT_ALL));
        h.announce(node, attrs("192.0.2.11").build(), "10.244.2.0/24", "10.244.3.0/24");
        assertThat(out(tor)).hasSize(2);
        h.sent.clear();
        h.rib.configurePeer(tor, PeerConfig.DEFAULT.withExportPolicy(Policy.REJECT_ALL));
        assertThat(out(tor)).isEmpty();
        assertThat(h.sentTo("192.0.2.254")).flatExtracting(u -> u.withdrawn()).containsExactlyInAnyOrder(
                Harness.pfx("10.244.2.0/24"), Harness.pfx("10.244.3.0/24"));
        h.sent.clear();
        h.announce(node, attrs("192.0.2.11").build(), "10.244.4.0/24");
        h.withdraw(node, "10.244.2.0/24");
        assertThat(h.sentTo("192.0.2.254")).isEmpty();
        assertThat(out(tor)).isEmpty();
        // And back: everything it may have again.
        h.rib.configurePeer(tor, PeerConfig.DEFAULT.withExportPolicy(Policy.ACCEPT_ALL));
        assertThat(out(tor)).extracting(r -> r.prefix().toString())
                .containsExactlyInAnyOrder("10.244.3.0/24", "10.244.4.0/24");
    }

    @Test
    void withdrawalFollowsTheLossOfTheRoute() {
        PeerId tor = h.up("192.0.2.254", 65010, "9.9.9.9");
        h.rib.originate(Harness.pfx("10.244.1.0/24"));
        h.sent.clear();
        h.rib.withdrawOrigin(Harness.pfx("10.244.1.0/24"));
        assertThat(h.sentTo("192.0.2.254")).singleElement()
                .satisfies(u -> assertThat(u.withdrawn()).containsExactly(Harness.pfx("10.244.1.0/24")));
        assertThat(out(tor)).isEmpty();
        assertThat(h.rib.stats().prefixes()).isZero();
    }

    @Test
    void initialDumpEndsWithEndOfRibPerFamily() {
        h.rib.originate(Harness.pfx("10.244.1.0/24"));
        h.rib.originate(Harness.pfx("2001:db8:1::/64"));
        h.up("192.0.2.254", 65010, "9.9.9.9");
        List<dev.podbgp.rib.out.PeerUpdate> u = h.sentTo("192.0.2.254");
        assertThat(u).hasSize(2).allSatisfy(x -> assertThat(x.endOfRib()).isTrue());
        assertThat(u).allSatisfy(x -> assertThat(x.announcedCount()).isEqualTo(1));
        dev.podbgp.rib.out.PeerUpdate v6 = u.stream().filter(x -> x.family().equals(AddressFamily.IPV6_UNICAST)).findFirst().orElseThrow();
        assertThat(v6.announced().get(0).nextHop()).isEqualTo(ip("2001:db8::1"));
        assertThat(v6.toMessages()).hasSize(2);
        assertThat(v6.toMessages().get(0).mpReach().nlri()).containsExactly(Harness.pfx("2001:db8:1::/64"));
        assertThat(v6.toMessages().get(1).endOfRibFamily()).isEqualTo(AddressFamily.IPV6_UNICAST);
    }
}
