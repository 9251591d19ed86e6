package dev.podbgp.rib;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.Communities;
import dev.podbgp.rib.out.PeerUpdate;
import dev.podbgp.rib.policy.Action;
import dev.podbgp.rib.policy.Match;
import dev.podbgp.rib.policy.Policy;
import dev.podbgp.rib.policy.PrefixRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.podbgp.rib.Harness.attrs;
import static org.assertj.core.api.Assertions.assertThat;

/** Soft reconfiguration, ROUTE-REFRESH both ways, and the coalescing window. */
class RefreshAndCoalescingTest {
    private static final AddressFamily V4 = AddressFamily.IPV4_UNICAST;

    @Test
    void importPolicyChangeAppliesWithoutResetAndAsksForRefresh() {
        Harness h = new Harness();
        PeerId tor = h.up("192.0.2.254", 65010, "9.9.9.9");
        h.announce(tor, attrs("192.0.2.254", 65010).build(), "198.51.100.0/24");
        assertThat(h.route("198.51.100.0/24")).isNull();
        Policy accept = new Policy("tor", List.of(new Policy.Term(Match.prefixes(PrefixRange.parse("198.51.100.0/22 le 24")),
                Action.ACCEPT)), Action.REJECT);
        h.rib.configurePeer(tor, PeerConfig.DEFAULT.withImportPolicy(accept));
        // The rejected route was not kept (the peer can refresh): ask for it again.
        assertThat(h.refreshRequests).contains("192.0.2.254 ipv4-unicast");
        h.announce(tor, attrs("192.0.2.254", 65010).build(), "198.51.100.0/24");
        assertThat(h.bestPeer("198.51.100.0/24")).isEqualTo("192.0.2.254");

        // Tightening the policy re-runs import over the kept Adj-RIB-In at once.
        h.rib.configurePeer(tor, PeerConfig.DEFAULT.withImportPolicy(Policy.REJECT_ALL));
        assertThat(h.route("198.51.100.0/24")).isNull();
        assertThat(h.lastFib("198.51.100.0/24").isWithdrawal()).isTrue();
    }

    @Test
    void importPolicyChangeReappliesAttributesFromAdjRibIn() {
        Harness h = new Harness();
        PeerId node = h.up("192.0.2.11", 65000, "1.1.1.1");
        h.announce(node, attrs("192.0.2.11").build(), "10.244.1.0/24");
        h.rib.configurePeer(node, PeerConfig.DEFAULT.withImportPolicy(new Policy("lp", List.of(), Action.ACCEPT.withLocalPref(42))));
        assertThat(h.route("10.244.1.0/24").best().effective().localPref()).isEqualTo(42L);
        assertThat(h.route("10.244.1.0/24").best().received().localPref()).isNull();
    }

    @Test
    void exportPolicyChangeSendsTheDifference() {
        Harness h = new Harness();
        h.rib.originate(Harness.pfx("10.244.1.0/24"));
        PeerId tor = h.up("192.0.2.254", 65010, "9.9.9.9");
        h.sent.clear();
        h.rib.configurePeer(tor, PeerConfig.DEFAULT.withExportPolicy(new Policy("tag", List.of(),
                Action.ACCEPT.addingCommunities(Communities.parse("65000:7")))));
        assertThat(h.sentTo("192.0.2.254")).singleElement().satisfies(u -> {
            assertThat(u.announcedCount()).isEqualTo(1);
            assertThat(u.announced().get(0).attributes().communities().contains(Communities.parse("65000:7"))).isTrue();
            assertThat(u.endOfRib()).isFalse();
        });
        h.sent.clear();
        h.rib.configurePeer(tor, PeerConfig.DEFAULT.withExportPolicy(Policy.REJECT_ALL));
        assertThat(h.sentTo("192.0.2.254")).singleElement()
                .satisfies(u -> assertThat(u.withdrawn()).containsExactly(Harness.pfx("10.244.1.0/24")));
    }

    @Test
    void receivedRouteRefreshResendsTheAdjRibOut() {
        Harness h = new Harness();
        h.rib.originate(Harness.pfx("10.244.1.0/24"));
        h.rib.originate(Harness.pfx("10.244.2.0/24"));
        PeerId tor = h.up("192.0.2.254", 65010, "9.9.9.9");
        h.sent.clear();
        h.rib.routeRefresh(tor, V4);
        assertThat(h.sentTo("192.0.2.254")).singleElement().satisfies(u -> {
            assertThat(u.announcedCount()).isEqualTo(2);
            assertThat(u.announced()).hasSize(1);   // one attribute set, one group
            assertThat(u.refresh()).isTrue();        // to be wrapped in BoRR/EoRR where RFC 7313 is agreed
        });
    }

    @Test
    void enhancedRouteRefreshPurgesWhatThePeerDidNotResend() {
        Harness h = new Harness();
        PeerId node = h.up("192.0.2.11", 65000, "1.1.1.1");
        h.announce(node, attrs("192.0.2.11").build(), "10.244.1.0/24", "10.244.2.0/24");
        int fibBefore = h.fib.size();
        h.rib.refreshBegins(node, V4);
        h.announce(node, attrs("192.0.2.11").build(), "10.244.1.0/24");
        assertThat(h.fib).hasSize(fibBefore);                 // nothing flaps during the refresh
        h.rib.refreshEnds(node, V4);
        assertThat(h.route("10.244.2.0/24")).isNull();
        assertThat(h.route("10.244.1.0/24").best().stale()).isFalse();
        assertThat(h.fib.subList(fibBefore, h.fib.size())).singleElement()
                .satisfies(c -> assertThat(c.prefix()).isEqualTo(Harness.pfx("10.244.2.0/24")));
    }

    private static final String NODE = "192.0.2.11";

    /** A RIB with a 100 ms coalescing window, a node peer ({@link #NODE}) and a route-reflector client 192.0.2.12, nothing sent yet. */
    private static Harness windowed() {
        Harness h = new Harness(RibConfig.of(Harness.LOCAL_AS, Harness.ROUTER_ID).withUpdateDelayMillis(100));
        h.up(NODE, 65000, "1.1.1.1");
        PeerId client = new PeerId("192.0.2.12");
        h.rib.configurePeer(client, PeerConfig.DEFAULT.withRouteReflectorClient(true));
        h.rib.peerUp(client, Harness.info("192.0.2.12", 65000, "2.2.2.2"));
        h.clock.advance(100);
        h.sent.clear();
        return h;
    }

    @Test
    void changesWithinTheWindowAreCoalescedAndPackedByAttributeSet() {
        Harness h = windowed();
        PeerId node = new PeerId(NODE);

        // 1000 flaps of one prefix, plus 50 prefixes sharing one attribute set, within one window.
        for (int i = 0; i < 1000; i++) {
            h.announce(node, attrs("192.0.2.11").build(), "10.244.99.0/24");
            h.withdraw(node, "10.244.99.0/24");
        }
        for (int i = 0; i < 50; i++) {
            h.announce(node, attrs("192.0.2.11").build(), "10.245." + i + ".0/24");
        }
        h.announce(node, attrs("192.0.2.11").med(1L).build(), "10.246.0.0/24");
        assertThat(h.sent).isEmpty();
        h.clock.advance(100);
        List<PeerUpdate> u = h.sentTo("192.0.2.12");
        assertThat(u).singleElement().satisfies(x -> {
            assertThat(x.withdrawn()).isEmpty();          // the flapping prefix ended withdrawn: never sent
            assertThat(x.announced()).hasSize(2);          // two attribute sets
            assertThat(x.announcedCount()).isEqualTo(51);
        });

        // Flapping across windows: at most one update per window, never one per flap.
        h.sent.clear();
        for (int w = 0; w < 10; w++) {
            for (int i = 0; i < 100; i++) {
                h.announce(node, attrs("192.0.2.11").build(), "10.244.99.0/24");
                h.withdraw(node, "10.244.99.0/24");
            }
            h.announce(node, attrs("192.0.2.11").build(), "10.244.99.0/24");
            h.clock.advance(100);
        }
        assertThat(h.sentTo("192.0.2.12")).hasSize(1);   // announced once; later windows end in the same state
    }

    @Test
    void aWindowEndsOnceItHoldsAnExportBatchOfChangedPrefixes() {
        Harness h = windowed();
        PeerId node = new PeerId(NODE);

        // A table load: the window would gather everything the RIB takes in 100 ms, all of it in
        // flight at once. It ends as soon as it holds a batch, without waiting for its time.
        String[] almost = new String[Rib.EXPORT_BATCH - 1];
        for (int i = 0; i < almost.length; i++) {
            almost[i] = "10." + (i >> 8) + "." + (i & 0xFF) + ".0/24";
        }
        h.announce(node, attrs("192.0.2.11").build(), almost);
        assertThat(h.sent).isEmpty();
        h.announce(node, attrs("192.0.2.11").build(), "10.200.0.0/24");
        assertThat(h.sentTo("192.0.2.12")).singleElement()
                .satisfies(u -> assertThat(u.announcedCount()).isEqualTo(Rib.EXPORT_BATCH));

        // What follows waits for the window again.
        h.sent.clear();
        h.announce(node, attrs("192.0.2.11").build(), "10.201.0.0/24");
        assertThat(h.sent).isEmpty();
        h.clock.advance(100);
        assertThat(h.sentTo("192.0.2.12")).singleElement()
                .satisfies(u -> assertThat(u.announcedCount()).isEqualTo(1));
    }

    @Test
    void addPathPeersGetTheMultipathSetWithOurPathIds() {
        Harness h = new Harness();
        PeerId a = h.up("192.0.2.11", 65000, "1.1.1.1");
        PeerId b = h.up("192.0.2.12", 65000, "2.2.2.2");
        PeerId client = new PeerId("192.0.2.13");
        h.rib.configurePeer(client, PeerConfig.DEFAULT.withRouteReflectorClient(true));
        PeerInfo i = Harness.info("192.0.2.13", 65000, "3.3.3.3");
        h.rib.peerUp(client, new PeerInfo(i.address(), i.localIpv4(), i.localIpv6(), 65000, i.routerId(),
                i.capabilities().withAddPathSend(java.util.Set.of(V4))));
        h.announce(a, attrs("192.0.2.11").build(), "10.244.1.0/24");
        h.announce(b, attrs("192.0.2.12").build(), "10.244.1.0/24");
        List<AdvertisedRoute> out = h.rib.adjRibOut(client, V4);
        assertThat(out).hasSize(2);
        assertThat(h.rib.advertisedCount(client, V4)).isEqualTo(2);
        assertThat(out).extracting(r -> r.prefix().pathId()).doesNotHaveDuplicates().doesNotContain(0);
        h.withdraw(a, "10.244.1.0/24");
        assertThat(h.rib.adjRibOut(client, V4)).hasSize(1);
        assertThat(h.rib.advertisedCount(client, V4)).isEqualTo(1);
        assertThat(h.sentTo("192.0.2.13").get(h.sentTo("192.0.2.13").size() - 1).withdrawn())
                .singleElement().satisfies(p -> assertThat(p.pathId()).isNotZero());
    }

    @Test
    void addPathReceivedPathsAreKeptApartByPathId() {
        Harness h = new Harness();
        PeerId a = h.up("192.0.2.11", 65000, "1.1.1.1");
        h.announce(a, attrs("192.0.2.21").build(), Harness.pfx("10.244.1.0/24").withPathId(1));
        h.announce(a, attrs("192.0.2.22").build(), Harness.pfx("10.244.1.0/24").withPathId(2));
        assertThat(h.route("10.244.1.0/24").paths()).hasSize(2);
        assertThat(h.lastFib("10.244.1.0/24").nextHops()).hasSize(2);
        h.withdraw(a, Harness.pfx("10.244.1.0/24").withPathId(1));
        assertThat(h.route("10.244.1.0/24").paths()).singleElement().satisfies(p -> assertThat(p.pathId()).isEqualTo(2));
    }
}
