package dev.podbgp.rib;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.ClusterList;
import dev.podbgp.bgp.wire.Ipv4;
import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.bgp.wire.UpdateMessage;
import dev.podbgp.rib.decision.NextHopResolver;
import dev.podbgp.rib.out.PeerUpdate;
import dev.podbgp.rib.out.UpdateSink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 4456 with in-process speakers: one route reflector, three clients and
 * two non-clients, each a whole {@link Rib}, wired through the RIB API only
 * (what one sends is delivered as UPDATEs to the other, End-of-RIB included).
 */
class RouteReflectionTest {
    private static final AddressFamily V4 = AddressFamily.IPV4_UNICAST;
    private static final long AS = 65000;

    /** One speaker: a RIB and its address. */
    record Speaker(String address, Rib rib) {
        PeerId id() {
            return new PeerId(address);
        }

        int routerId() {
            return Ipv4.parse(address);
        }
    }

    private final ManualScheduler clock = new ManualScheduler();
    private final Map<String, Speaker> speakers = new HashMap<>();
    private final Queue<Runnable> wire = new ArrayDeque<>();

    private Speaker speaker(String address) {
        String me = address;
        UpdateSink sink = new UpdateSink() {
            @Override
            public void send(PeerId peer, PeerUpdate update) {
                List<UpdateMessage> msgs = update.toMessages();
                wire.add(() -> speakers.get(peer.name()).rib().updates(new PeerId(me), msgs));
            }

            @Override
            public void requestRouteRefresh(PeerId peer, AddressFamily family) {
                wire.add(() -> speakers.get(peer.name()).rib().routeRefresh(new PeerId(me), family));
            }
        };
        Rib rib = new Rib(RibConfig.of(AS, Ipv4.parse(address)).withUpdateDelayMillis(0), clock, NextHopResolver.DIRECT,
                FibListener.NONE, sink);
        Speaker s = new Speaker(address, rib);
        speakers.put(address, s);
        return s;
    }

    private static PeerInfo infoOf(Speaker remote, Speaker local) {
        return new PeerInfo(Harness.ip(remote.address()), (Inet4Address) Harness.ip(local.address()), null, AS,
                remote.routerId(), new PeerCapabilities(Set.of(V4), Set.of(), true, null));
    }

    /** A session between two speakers; {@code clientOfA} makes b a route-reflector client of a. */
    private void connect(Speaker a, Speaker b, boolean clientOfA) {
        a.rib().configurePeer(b.id(), PeerConfig.DEFAULT.withRouteReflectorClient(clientOfA));
        b.rib().configurePeer(a.id(), PeerConfig.DEFAULT);
        a.rib().peerUp(b.id(), infoOf(b, a));
        b.rib().peerUp(a.id(), infoOf(a, b));
        pump();
    }

    private void pump() {
        int n = 0;
        while (!wire.isEmpty()) {
            wire.poll().run();
            if (++n > 100_000) {
                throw new AssertionError("messages still flowing after 100000 deliveries: a routing loop");
            }
        }
    }

    private Speaker rr;
    private Speaker c1;
    private Speaker c2;
    private Speaker c3;
    private Speaker n4;
    private Speaker n5;

    @BeforeEach
    void network() {
        rr = speaker("192.0.2.100");
        c1 = speaker("192.0.2.1");
        c2 = speaker("192.0.2.2");
        c3 = speaker("192.0.2.3");
        n4 = speaker("192.0.2.4");
        n5 = speaker("192.0.2.5");
        for (Speaker c : List.of(c1, c2, c3)) {
            connect(rr, c, true);
        }
        connect(rr, n4, false);
        connect(rr, n5, false);
        c1.rib().originate(Prefix.parse("10.244.1.0/24"));
        c2.rib().originate(Prefix.parse("10.244.2.0/24"));
        c3.rib().originate(Prefix.parse("10.244.3.0/24"));
        n4.rib().originate(Prefix.parse("10.244.4.0/24"));
        pump();
    }

    private static RouteView.PathView best(Speaker s, String prefix) {
        RouteView v = s.rib().route(Prefix.parse(prefix));
        return v == null ? null : v.best();
    }

    @Test
    void clientRoutesAreReflectedWithOriginatorIdAndClusterList() {
        RouteView.PathView atC2 = best(c2, "10.244.1.0/24");
        assertThat(atC2).isNotNull();
        assertThat(atC2.peer()).isEqualTo(rr.id());
        assertThat(atC2.nextHop()).isEqualTo(Harness.ip("192.0.2.1"));   // next hop untouched by the reflector
        assertThat(atC2.received().originatorId()).isEqualTo(c1.routerId());
        assertThat(atC2.received().clusterList()).isEqualTo(ClusterList.of(rr.routerId()));
        assertThat(atC2.received().localPref()).isEqualTo(100L);

        for (Speaker s : List.of(c1, c2, c3, n4, n5)) {
            assertThat(s.rib().locRib(V4)).extracting(v -> v.prefix().toString())
                    .as("routes at %s", s.address())
                    .contains("10.244.1.0/24", "10.244.2.0/24", "10.244.3.0/24");
        }
        // Not reflected back to the client it came from.
        assertThat(rr.rib().adjRibOut(c1.id(), V4)).extracting(r -> r.prefix().toString()).doesNotContain("10.244.1.0/24");
    }

    @Test
    void nonClientRoutesGoToClientsOnlyNeverToOtherNonClients() {
        assertThat(best(c1, "10.244.4.0/24")).isNotNull();
        assertThat(best(c3, "10.244.4.0/24")).isNotNull();
        assertThat(best(n5, "10.244.4.0/24")).isNull();
        assertThat(rr.rib().adjRibOut(n5.id(), V4)).extracting(r -> r.prefix().toString()).doesNotContain("10.244.4.0/24");
    }

    @Test
    void reflectedRoutesComingBackAreRejectedAsLoops() {
        PathAttributes reflected = best(c3, "10.244.1.0/24").received();
        Inet4Address nh = (Inet4Address) Harness.ip("192.0.2.1");
        UpdateMessage echo = UpdateMessage.announce(reflected.toBuilder().nextHop(nh).build(),
                List.of(Prefix.parse("10.244.1.0/24")));

        // c3 sends the reflected route back to the reflector: its own cluster ID is in CLUSTER_LIST.
        rr.rib().updates(c3.id(), List.of(echo));
        pump();
        assertThat(rr.rib().route(Prefix.parse("10.244.1.0/24")).paths()).extracting(p -> p.peer().name())
                .containsExactly("192.0.2.1");

        // Delivered to the originator itself (a session c3 -> c1): ORIGINATOR_ID is c1's own.
        c1.rib().peerUp(c3.id(), infoOf(c3, c1));
        c1.rib().updates(c3.id(), List.of(echo));
        assertThat(c1.rib().route(Prefix.parse("10.244.1.0/24")).paths()).extracting(p -> p.peer().name())
                .containsExactly("local");
    }

    @Test
    void withdrawalPropagatesThroughTheReflector() {
        c1.rib().withdrawOrigin(Prefix.parse("10.244.1.0/24"));
        pump();
        for (Speaker s : List.of(rr, c2, c3, n4, n5)) {
            assertThat(s.rib().route(Prefix.parse("10.244.1.0/24"))).as("at %s", s.address()).isNull();
        }
    }
}
