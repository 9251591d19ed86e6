package dev.podbgp.rib;

import dev.podbgp.bgp.wire.AsPath;
import dev.podbgp.bgp.wire.AsPathSegment;
import dev.podbgp.bgp.wire.ClusterList;
import dev.podbgp.bgp.wire.Ipv4;
import dev.podbgp.bgp.wire.Origin;
import dev.podbgp.rib.decision.NextHopResolver;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.podbgp.rib.Harness.attrs;
import static dev.podbgp.rib.Harness.ip;
import static org.assertj.core.api.Assertions.assertThat;

/** RFC 4271 §9.1.2.2 tie-breakers, one test each, in the order they apply, plus ECMP. */
class DecisionProcessTest {
    private static final String P = "10.244.1.0/24";

    private final Harness h = new Harness();

    @Test
    void highestLocalPrefWinsOverEverythingAfterIt() {
        PeerId a = h.up("192.0.2.1", 65000, "1.1.1.1");
        PeerId b = h.up("192.0.2.2", 65000, "2.2.2.2");
        h.announce(a, attrs("192.0.2.1").localPref(100L).build(), P);
        // b has a longer AS path and worse origin, yet a higher LOCAL_PREF.
        h.announce(b, attrs("192.0.2.2", 65010, 65011).origin(Origin.INCOMPLETE).localPref(200L).build(), P);
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.2");
    }

    @Test
    void localPrefAtTheEndsOfItsRangeStillOutranksEveryLaterStep() {
        PeerId a = h.up("192.0.2.1", 65000, "1.1.1.1");
        PeerId b = h.up("192.0.2.2", 65000, "2.2.2.2");
        PeerId c = h.up("192.0.2.3", 65000, "3.3.3.3");
        // The steps before MED are compared as one packed number: no step may spill into the one above it.
        h.announce(a, attrs("192.0.2.1", 65010).localPref(4_294_967_294L).build(), P);
        h.announce(b, attrs("192.0.2.2", 65010, 65011, 65012, 65013).origin(Origin.INCOMPLETE)
                .localPref(4_294_967_295L).build(), P);
        h.announce(c, attrs("192.0.2.3").localPref(0L).build(), P);
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.2");
        assertThat(h.route(P).paths()).extracting(p -> p.reason()).containsExactly(null, "lower LOCAL_PREF",
                "lower LOCAL_PREF");
        // Same LOCAL_PREF (the largest): the AS path length decides, whatever the ORIGIN.
        h.announce(a, attrs("192.0.2.1", 65010).origin(Origin.INCOMPLETE).localPref(4_294_967_295L).build(), P);
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.1");
    }

    @Test
    void aPathArrivingBehindTheBestChangesNothingYetIsHeldAndCanWinLater() {
        PeerId a = h.up("192.0.2.1", 65000, "1.1.1.1");
        PeerId b = h.up("192.0.2.2", 65000, "2.2.2.2");
        h.announce(a, attrs("192.0.2.1", 65010).localPref(200L).build(), P);
        int fibChanges = h.fib.size();
        // Behind on LOCAL_PREF, then on AS_PATH length with LOCAL_PREF equal: the selection stays.
        h.announce(b, attrs("192.0.2.2", 65010).localPref(100L).build(), P);
        h.announce(b, attrs("192.0.2.2", 65010, 65011).localPref(200L).build(), P);
        assertThat(h.fib).hasSize(fibChanges);
        assertThat(h.route(P).paths()).hasSize(2);
        assertThat(h.route(P).paths().get(1).reason()).isEqualTo("longer AS_PATH");
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.1");
        // Equal on the early steps: the full decision runs, and the same AS path makes it a multipath.
        h.announce(b, attrs("192.0.2.2", 65010).localPref(200L).build(), P);
        assertThat(h.route(P).selected()).hasSize(2);
        // Ahead on LOCAL_PREF: it wins.
        h.announce(b, attrs("192.0.2.2", 65010, 65011).localPref(300L).build(), P);
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.2");
        assertThat(h.fib).hasSizeGreaterThan(fibChanges);
    }

    @Test
    void aPathThatRemovedAnotherByMedAndNowFallsBehindLetsItBack() {
        PeerId a = h.up("192.0.2.1", 65000, "1.1.1.1");
        PeerId b = h.up("192.0.2.2", 65000, "4.4.4.4");
        PeerId c = h.up("192.0.2.3", 65000, "3.3.3.3");
        // b's lower MED removes a (same neighbouring AS); c (another neighbouring AS) then wins on router ID.
        h.announce(a, attrs("192.0.2.1", 65010, 65099).med(20L).build(), P);
        h.announce(b, attrs("192.0.2.2", 65010, 65098).med(10L).build(), P);
        h.announce(c, attrs("192.0.2.3", 65020, 65097).med(50L).build(), P);
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.3");
        // b falls behind on AS_PATH length: it no longer removes a, which now wins on router ID. Comparing the
        // changed path with the best alone would keep c.
        h.announce(b, attrs("192.0.2.2", 65010, 65098, 65097).med(10L).build(), P);
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.1");
    }

    @Test
    void aPathArrivingAheadOfTheBestOnAnEarlyStepIsTheWholeSelection() {
        PeerId a = h.up("192.0.2.1", 65000, "1.1.1.1");
        PeerId b = h.up("192.0.2.2", 65000, "2.2.2.2");
        PeerId c = h.up("192.0.2.3", 65000, "3.3.3.3");
        h.announce(a, attrs("192.0.2.1", 65010, 65011).build(), P);
        h.announce(b, attrs("192.0.2.2", 65010, 65011).build(), P);
        assertThat(h.route(P).selected()).hasSize(2);
        // Shorter AS path: c alone, the former multipath pair both behind it.
        h.announce(c, attrs("192.0.2.3", 65010).build(), P);
        assertThat(h.route(P).selected()).hasSize(1);
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.3");
        assertThat(h.route(P).paths()).hasSize(3);
    }

    @Test
    void absentLocalPrefCountsAsDefault100() {
        PeerId a = h.up("192.0.2.1", 65000, "1.1.1.1");
        PeerId b = h.up("192.0.2.2", 65000, "2.2.2.2");
        h.announce(a, attrs("192.0.2.1", 65010, 65011).build(), P);
        h.announce(b, attrs("192.0.2.2", 65010).localPref(99L).build(), P);
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.1");
    }

    @Test
    void shortestAsPathWins() {
        PeerId a = h.up("192.0.2.1", 65000, "1.1.1.1");
        PeerId b = h.up("192.0.2.2", 65000, "2.2.2.2");
        h.announce(a, attrs("192.0.2.1", 65010, 65011, 65012).build(), P);
        h.announce(b, attrs("192.0.2.2", 65020, 65021).origin(Origin.INCOMPLETE).build(), P);
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.2");
    }

    @Test
    void asSetCountsOneAndConfederationSegmentsZero() {
        PeerId a = h.up("192.0.2.1", 65000, "1.1.1.1");
        PeerId b = h.up("192.0.2.2", 65000, "2.2.2.2");
        // a: sequence(65010) + set{1,2,3,4} = length 2; b: confed-seq(7,8,9) + sequence(65020,65021,65022) = 3.
        AsPath setPath = new AsPath(List.of(AsPathSegment.sequence(65010), AsPathSegment.set(1, 2, 3, 4)));
        AsPath confedPath = new AsPath(List.of(new AsPathSegment(AsPathSegment.Type.AS_CONFED_SEQUENCE, new int[] {7, 8, 9}),
                AsPathSegment.sequence(65020, 65021, 65022)));
        h.announce(a, attrs("192.0.2.1").asPath(setPath).build(), P);
        h.announce(b, attrs("192.0.2.2").asPath(confedPath).build(), P);
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.1");
        // With b two ASes shorter (confed segment still free), b wins.
        h.announce(b, attrs("192.0.2.2").asPath(new AsPath(List.of(
                new AsPathSegment(AsPathSegment.Type.AS_CONFED_SEQUENCE, new int[] {7, 8, 9}), AsPathSegment.sequence(65020)))).build(), P);
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.2");
    }

    @Test
    void lowestOriginWins() {
        PeerId a = h.up("192.0.2.1", 65000, "1.1.1.1");
        PeerId b = h.up("192.0.2.2", 65000, "2.2.2.2");
        h.announce(a, attrs("192.0.2.1", 65010).origin(Origin.EGP).build(), P);
        h.announce(b, attrs("192.0.2.2", 65010).origin(Origin.IGP).med(50L).build(), P);
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.2");
    }

    @Test
    void lowestMedWinsBetweenPathsFromTheSameNeighbourAs() {
        PeerId a = h.up("192.0.2.1", 65000, "1.1.1.1");
        PeerId b = h.up("192.0.2.2", 65000, "2.2.2.2");
        h.announce(a, attrs("192.0.2.1", 65010, 65099).med(20L).build(), P);
        h.announce(b, attrs("192.0.2.2", 65010, 65098).med(10L).build(), P);
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.2");
    }

    @Test
    void medIsNotComparedAcrossNeighbourAsesUnlessAlwaysCompareMed() {
        // a (router ID lower) would win the later steps; b has the lower MED but from another AS.
        PeerId a = h.up("192.0.2.1", 65000, "1.1.1.1");
        PeerId b = h.up("192.0.2.2", 65000, "2.2.2.2");
        h.announce(a, attrs("192.0.2.1", 65010).med(20L).build(), P);
        h.announce(b, attrs("192.0.2.2", 65020).med(10L).build(), P);
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.1");

        Harness always = new Harness(RibConfig.of(Harness.LOCAL_AS, Harness.ROUTER_ID).withUpdateDelayMillis(0)
                .withAlwaysCompareMed(true));
        PeerId a2 = always.up("192.0.2.1", 65000, "1.1.1.1");
        PeerId b2 = always.up("192.0.2.2", 65000, "2.2.2.2");
        always.announce(a2, attrs("192.0.2.1", 65010).med(20L).build(), P);
        always.announce(b2, attrs("192.0.2.2", 65020).med(10L).build(), P);
        assertThat(always.bestPeer(P)).isEqualTo("192.0.2.2");
    }

    @Test
    void ebgpPathWinsOverIbgpPath() {
        PeerId ibgp = h.up("192.0.2.1", 65000, "1.1.1.1");
        PeerId ebgp = h.ebgp("192.0.2.2", 65010, "2.2.2.2");
        h.announce(ibgp, attrs("192.0.2.1", 65010).build(), P);
        h.announce(ebgp, attrs("192.0.2.2", 65010).build(), P);
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.2");
    }

    @Test
    void lowestIgpCostWinsAndUnreachableNextHopsAreNotEligible() {
        Map<String, Long> costs = new java.util.HashMap<>(Map.of("192.0.2.1", 20L, "192.0.2.2", 10L));
        NextHopResolver igp = nh -> costs.getOrDefault(nh.getHostAddress(), NextHopResolver.UNREACHABLE);
        Harness hh = new Harness(RibConfig.of(Harness.LOCAL_AS, Harness.ROUTER_ID).withUpdateDelayMillis(0), igp);
        PeerId a = hh.up("192.0.2.1", 65000, "1.1.1.1");
        PeerId b = hh.up("192.0.2.2", 65000, "2.2.2.2");
        hh.announce(a, attrs("192.0.2.1", 65010).build(), P);
        hh.announce(b, attrs("192.0.2.2", 65010).build(), P);
        assertThat(hh.bestPeer(P)).isEqualTo("192.0.2.2");
        assertThat(hh.route(P).selected()).hasSize(1);

        costs.remove("192.0.2.2");
        hh.rib.nextHopsChanged(null);
        assertThat(hh.bestPeer(P)).isEqualTo("192.0.2.1");
        costs.remove("192.0.2.1");
        hh.rib.nextHopsChanged(null);
        assertThat(hh.route(P).best()).isNull();
        assertThat(hh.lastFib(P).isWithdrawal()).isTrue();
    }

    @Test
    void lowestRouterIdWinsUsingOriginatorIdWherePresent() {
        PeerId a = h.up("192.0.2.1", 65000, "9.9.9.9");
        PeerId b = h.up("192.0.2.2", 65000, "5.5.5.5");
        h.announce(a, attrs("192.0.2.1", 65010).build(), P);
        h.announce(b, attrs("192.0.2.2", 65010).build(), P);
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.2");
        // a reflects a path originated by 1.1.1.1: its ORIGINATOR_ID stands in for the router ID.
        h.announce(a, attrs("192.0.2.1", 65010).originatorId(Ipv4.parse("1.1.1.1")).clusterList(ClusterList.of(7)).build(), P);
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.1");
    }

    @Test
    void shortestClusterListWins() {
        PeerId a = h.up("192.0.2.1", 65000, "9.9.9.9");
        PeerId b = h.up("192.0.2.2", 65000, "5.5.5.5");
        int orig = Ipv4.parse("3.3.3.3");
        h.announce(a, attrs("192.0.2.1", 65010).originatorId(orig).clusterList(ClusterList.of(7)).build(), P);
        h.announce(b, attrs("192.0.2.2", 65010).originatorId(orig).clusterList(ClusterList.of(8, 9)).build(), P);
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.1");
    }

    @Test
    void lowestPeerAddressWinsLast() {
        // Same router ID (one neighbour with two sessions): only the address tells them apart.
        PeerId a = h.up("192.0.2.20", 65000, "5.5.5.5");
        PeerId b = h.up("192.0.2.3", 65000, "5.5.5.5");
        h.announce(a, attrs("192.0.2.20", 65010).build(), P);
        h.announce(b, attrs("192.0.2.3", 65010).build(), P);
        assertThat(h.bestPeer(P)).isEqualTo("192.0.2.3");
    }

    @Test
    void locallyOriginatedRouteWinsAndIsReportedAsLocal() {
        PeerId a = h.up("192.0.2.1", 65000, "1.1.1.1");
        h.announce(a, attrs("192.0.2.1").localPref(1000L).build(), P);
        h.rib.originate(Harness.pfx(P));
        assertThat(h.bestPeer(P)).isEqualTo("local");
        assertThat(h.lastFib(P).local()).isTrue();
        assertThat(h.lastFib(P).nextHops()).isEmpty();
    }

    @Test
    void multipathSetHoldsPathsEqualThroughIgpCostAndMarksTheBest() {
        PeerId a = h.up("192.0.2.1", 65000, "1.1.1.1");
        PeerId b = h.up("192.0.2.2", 65000, "2.2.2.2");
        PeerId c = h.up("192.0.2.3", 65000, "3.3.3.3");
        h.announce(c, attrs("192.0.2.3", 65010).build(), P);
        h.announce(b, attrs("192.0.2.2", 65010).build(), P);
        h.announce(a, attrs("192.0.2.1", 65010).build(), P);
        RouteView v = h.route(P);
        assertThat(v.selected()).extracting(p -> p.peer().name()).containsExactly("192.0.2.1", "192.0.2.2", "192.0.2.3");
        assertThat(v.best().selection()).isEqualTo(RouteView.Selection.BEST);
        assertThat(v.paths().get(1).selection()).isEqualTo(RouteView.Selection.MULTIPATH);
        RouteChange ch = h.lastFib(P);
        assertThat(ch.nextHops()).extracting(n -> n.address().getHostAddress(), NextHopEntry::best)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("192.0.2.1", true),
                        org.assertj.core.groups.Tuple.tuple("192.0.2.2", false),
                        org.assertj.core.groups.Tuple.tuple("192.0.2.3", false));
        assertThat(ch.nextHops().get(1).peer()).isEqualTo(b);

        // A worse MED from the same AS drops a path out of the set.
        h.announce(b, attrs("192.0.2.2", 65010).med(5L).build(), P);
        assertThat(h.route(P).selected()).extracting(p -> p.peer().name()).containsExactly("192.0.2.1", "192.0.2.3");
    }

    @Test
    void multipathNeedsTheSameAsPathUnlessRelaxed() {
        PeerId a = h.up("192.0.2.1", 65000, "1.1.1.1");
        PeerId b = h.up("192.0.2.2", 65000, "2.2.2.2");
        h.announce(a, attrs("192.0.2.1", 65010, 65100).build(), P);
        h.announce(b, attrs("192.0.2.2", 65010, 65200).build(), P);
        assertThat(h.route(P).selected()).hasSize(1);

        Harness relaxed = new Harness(RibConfig.of(Harness.LOCAL_AS, Harness.ROUTER_ID).withUpdateDelayMillis(0)
                .withMultipathRelax(true));
        PeerId ra = relaxed.up("192.0.2.1", 65000, "1.1.1.1");
        PeerId rb = relaxed.up("192.0.2.2", 65000, "2.2.2.2");
        relaxed.announce(ra, attrs("192.0.2.1", 65010, 65100).build(), P);
        relaxed.announce(rb, attrs("192.0.2.2", 65020, 65200).build(), P);
        assertThat(relaxed.route(P).selected()).hasSize(2);
    }

    @Test
    void multipathSetIsCappedAtMaxPaths() {
        Harness two = new Harness(RibConfig.of(Harness.LOCAL_AS, Harness.ROUTER_ID).withUpdateDelayMillis(0).withMaxPaths(2));
        for (int i = 1; i <= 4; i++) {
            PeerId p = two.up("192.0.2." + i, 65000, i + "." + i + "." + i + "." + i);
            two.announce(p, attrs("192.0.2." + i, 65010).build(), P);
        }
        assertThat(two.route(P).selected()).extracting(p -> p.peer().name()).containsExactly("192.0.2.1", "192.0.2.2");
        assertThat(RibConfig.of(1, 1).maxPaths()).isEqualTo(16);
    }

    @Test
    void routeViewSaysWhyEachPathLost() {
        PeerId a = h.up("192.0.2.1", 65000, "1.1.1.1");
        PeerId b = h.up("192.0.2.2", 65000, "2.2.2.2");
        PeerId c = h.up("192.0.2.3", 65000, "3.3.3.3");
        PeerId d = h.up("192.0.2.4", 65000, "4.4.4.4");
        h.announce(a, attrs("192.0.2.1", 65010).build(), P);
        h.announce(b, attrs("192.0.2.2", 65010).localPref(50L).build(), P);
        h.announce(c, attrs("192.0.2.3", 65010).med(9L).build(), P);
        h.announce(d, attrs("192.0.2.4", 65020).build(), P);
        java.util.Map<String, String> why = new java.util.HashMap<>();
        h.route(P).paths().forEach(p -> why.put(p.peer().name(), String.valueOf(p.reason())));
        assertThat(why).containsEntry("192.0.2.1", "null")
                .containsEntry("192.0.2.2", "lower LOCAL_PREF")
                .containsEntry("192.0.2.3", "higher MED than a path from the same neighbouring AS")
                .containsEntry("192.0.2.4", "equal up to IGP cost, not multipath as its AS_PATH differs; after the best path by router ID");
    }

    @Test
    void ipv6RoutesUseTheMpReachNextHop() {
        PeerId a = h.up("2001:db8::a", 65000, "1.1.1.1");
        h.announce6(a, attrs("192.0.2.1", 65010).build(), "2001:db8::a", "2001:db8:100::/56");
        RouteChange ch = h.lastFib("2001:db8:100::/56");
        assertThat(ch.nextHops()).singleElement().satisfies(n -> assertThat(n.address()).isEqualTo(ip("2001:db8::a")));
    }
}
