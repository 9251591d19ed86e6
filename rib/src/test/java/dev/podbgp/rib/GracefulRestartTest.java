package dev.podbgp.rib;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.UpdateMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.podbgp.rib.Harness.attrs;
import static org.assertj.core.api.Assertions.assertThat;

/** RFC 4724 in both roles, on a manual clock. */
class GracefulRestartTest {
    private static final AddressFamily V4 = AddressFamily.IPV4_UNICAST;

    static PeerInfo grInfo(String addr, long asn, String rid, int restartSeconds, boolean forwardingPreserved) {
        PeerInfo i = Harness.info(addr, asn, rid);
        var gr = new PeerCapabilities.GracefulRestart(restartSeconds, Set.of(V4, AddressFamily.IPV6_UNICAST),
                forwardingPreserved ? Set.of(V4, AddressFamily.IPV6_UNICAST) : Set.of());
        return new PeerInfo(i.address(), i.localIpv4(), i.localIpv6(), asn, i.routerId(), i.capabilities().withGracefulRestart(gr));
    }

    private final Harness h = new Harness();
    private final PeerId node = new PeerId("192.0.2.11");
    private final PeerId other = new PeerId("192.0.2.12");

    private void announceTable() {
        h.announce(node, attrs("192.0.2.11").build(), "10.244.1.0/24", "10.244.2.0/24", "10.244.3.0/24");
    }

    @Test
    void restartingPeerThatReadvertisesTheSameRoutesCausesZeroWithdrawals() {
        h.rib.peerUp(node, grInfo("192.0.2.11", 65000, "1.1.1.1", 120, true));
        h.rib.peerUp(other, Harness.info("192.0.2.12", 65000, "2.2.2.2"));
        h.rib.configurePeer(other, PeerConfig.DEFAULT.withRouteReflectorClient(true));
        announceTable();
        int fibBefore = h.fib.size();
        h.sent.clear();

        h.rib.peerDown(node, true);
        assertThat(h.route("10.244.1.0/24").best().stale()).isTrue();
        h.clock.advance(30_000);
        h.rib.peerUp(node, grInfo("192.0.2.11", 65000, "1.1.1.1", 120, true));
        announceTable();
        h.rib.updates(node, List.of(UpdateMessage.endOfRib(V4)));
        h.clock.advance(400_000);

        assertThat(h.fib.subList(fibBefore, h.fib.size())).isEmpty();
        assertThat(h.sentTo("192.0.2.12")).allSatisfy(u -> assertThat(u.withdrawn()).isEmpty());
        assertThat(h.route("10.244.1.0/24").best().stale()).isFalse();
        assertThat(h.rib.locRib(V4)).hasSize(3);
    }

    @Test
    void staleRoutesNotReadvertisedGoAtEndOfRib() {
        h.rib.peerUp(node, grInfo("192.0.2.11", 65000, "1.1.1.1", 120, true));
        announceTable();
        h.rib.peerDown(node, true);
        h.rib.peerUp(node, grInfo("192.0.2.11", 65000, "1.1.1.1", 120, true));
        h.announce(node, attrs("192.0.2.11").build(), "10.244.1.0/24");
        assertThat(h.route("10.244.3.0/24")).isNotNull();   // still stale, waiting for End-of-RIB
        h.rib.endOfRib(node, V4);
        assertThat(h.route("10.244.3.0/24")).isNull();
        assertThat(h.route("10.244.2.0/24")).isNull();
        assertThat(h.lastFib("10.244.3.0/24").isWithdrawal()).isTrue();
        assertThat(h.route("10.244.1.0/24").best().stale()).isFalse();
    }

    @Test
    void restartingAgainBeforeEndOfRibDropsRoutesStillStale() {
        h.rib.peerUp(node, grInfo("192.0.2.11", 65000, "1.1.1.1", 120, true));
        announceTable();
        h.rib.peerDown(node, true);
        h.rib.peerUp(node, grInfo("192.0.2.11", 65000, "1.1.1.1", 120, true));
        h.announce(node, attrs("192.0.2.11").build(), "10.244.1.0/24");
        h.rib.peerDown(node, true);   // down again before End-of-RIB
        assertThat(h.rib.locRib(V4)).extracting(v -> v.prefix().toString()).containsExactly("10.244.1.0/24");
        assertThat(h.route("10.244.1.0/24").best().stale()).isTrue();
    }

    @Test
    void routesGoWhenThePeerDoesNotReturnWithinItsRestartTime() {
        h.rib.peerUp(node, grInfo("192.0.2.11", 65000, "1.1.1.1", 60, true));
        announceTable();
        h.rib.peerDown(node, true);
        h.clock.advance(59_999);
        assertThat(h.rib.locRib(V4)).hasSize(3);
        h.clock.advance(1);
        assertThat(h.rib.locRib(V4)).isEmpty();
        assertThat(h.rib.stats().paths()).isZero();
    }

    @Test
    void staleRoutesGoWhenTheReturningPeerLostForwardingState() {
        h.rib.peerUp(node, grInfo("192.0.2.11", 65000, "1.1.1.1", 120, true));
        announceTable();
        h.rib.peerDown(node, true);
        h.rib.peerUp(node, grInfo("192.0.2.11", 65000, "1.1.1.1", 120, false));
        assertThat(h.rib.locRib(V4)).isEmpty();
    }

    @Test
    void nonGracefulEndOrPeerWithoutCapabilityDropsAtOnce() {
        h.rib.peerUp(node, Harness.info("192.0.2.11", 65000, "1.1.1.1"));
        announceTable();
        h.rib.peerDown(node, true);   // no GR capability negotiated: nothing to keep
        assertThat(h.rib.locRib(V4)).isEmpty();

        h.rib.peerUp(node, grInfo("192.0.2.11", 65000, "1.1.1.1", 120, true));
        announceTable();
        h.rib.peerDown(node, false);
        assertThat(h.rib.locRib(V4)).isEmpty();
    }

    @Test
    void staleRoutesTimerBoundsTheWaitForEndOfRib() {
        Harness hh = new Harness(RibConfig.of(Harness.LOCAL_AS, Harness.ROUTER_ID).withUpdateDelayMillis(0).withStaleRoutesMillis(5_000));
        hh.rib.peerUp(node, grInfo("192.0.2.11", 65000, "1.1.1.1", 120, true));
        hh.announce(node, attrs("192.0.2.11").build(), "10.244.1.0/24");
        hh.rib.peerDown(node, true);
        hh.rib.peerUp(node, grInfo("192.0.2.11", 65000, "1.1.1.1", 120, true));
        hh.clock.advance(5_000);
        assertThat(hh.rib.locRib(V4)).isEmpty();
    }

    @Test
    void restartingSpeakerDefersOutputUntilEndOfRibFromEveryConfiguredPeer() {
        Harness hh = new Harness(RibConfig.of(Harness.LOCAL_AS, Harness.ROUTER_ID).withUpdateDelayMillis(0)
                .withRestarting(true, 120_000));
        hh.rib.configurePeer(node, PeerConfig.DEFAULT);
        hh.rib.configurePeer(other, PeerConfig.DEFAULT);
        hh.rib.originate(Harness.pfx("10.244.0.0/24"));
        hh.rib.peerUp(node, Harness.info("192.0.2.11", 65000, "1.1.1.1"));
        hh.announce(node, attrs("192.0.2.11").build(), "10.244.1.0/24");
        hh.rib.endOfRib(node, V4);
        hh.rib.endOfRib(node, AddressFamily.IPV6_UNICAST);
        hh.rib.peerUp(other, Harness.info("192.0.2.12", 65000, "2.2.2.2"));
        hh.announce(other, attrs("192.0.2.12").build(), "10.244.2.0/24");
        assertThat(hh.fib).isEmpty();
        assertThat(hh.sent).isEmpty();
        assertThat(hh.rib.deferring()).isTrue();

        hh.rib.updates(other, List.of(UpdateMessage.endOfRib(V4), UpdateMessage.endOfRib(AddressFamily.IPV6_UNICAST)));
        assertThat(hh.rib.deferring()).isFalse();
        assertThat(hh.convergedCalls).isEqualTo(1);
        assertThat(hh.fib).extracting(c -> c.prefix().toString())
                .containsExactlyInAnyOrder("10.244.0.0/24", "10.244.1.0/24", "10.244.2.0/24");
        assertThat(hh.fib).noneMatch(RouteChange::isWithdrawal);
        // Each peer now gets its table and End-of-RIB.
        assertThat(hh.sentTo("192.0.2.11")).anySatisfy(u -> assertThat(u.endOfRib()).isTrue());
        assertThat(hh.sentTo("192.0.2.12")).anySatisfy(u -> assertThat(u.endOfRib()).isTrue());
    }

    @Test
    void restartingSpeakerStopsWaitingAtTheDeferralTimeout() {
        Harness hh = new Harness(RibConfig.of(Harness.LOCAL_AS, Harness.ROUTER_ID).withUpdateDelayMillis(0)
                .withRestarting(true, 90_000));
        hh.rib.configurePeer(node, PeerConfig.DEFAULT);
        hh.rib.configurePeer(other, PeerConfig.DEFAULT);
        hh.rib.peerUp(node, Harness.info("192.0.2.11", 65000, "1.1.1.1"));
        hh.announce(node, attrs("192.0.2.11").build(), "10.244.1.0/24");
        hh.clock.advance(89_999);
        assertThat(hh.fib).isEmpty();
        hh.clock.advance(1);
        assertThat(hh.fib).extracting(c -> c.prefix().toString()).containsExactly("10.244.1.0/24");
        assertThat(hh.convergedCalls).isEqualTo(1);
    }
}
