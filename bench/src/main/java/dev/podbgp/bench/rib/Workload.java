package dev.podbgp.bench.rib;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.AsPath;
import dev.podbgp.bgp.wire.Ipv4;
import dev.podbgp.bgp.wire.Ipv4Prefix;
import dev.podbgp.bgp.wire.Origin;
import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.bgp.wire.UpdateMessage;
import dev.podbgp.rib.FibListener;
import dev.podbgp.rib.ManualScheduler;
import dev.podbgp.rib.PeerCapabilities;
import dev.podbgp.rib.PeerId;
import dev.podbgp.rib.PeerInfo;
import dev.podbgp.rib.Rib;
import dev.podbgp.rib.RibConfig;
import dev.podbgp.rib.decision.NextHopResolver;
import dev.podbgp.rib.out.UpdateSink;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The benchmark's routes: {@code prefixes} distinct IPv4 /24s from each of
 * {@code peers} iBGP peers, {@value #PER_MESSAGE} prefixes per UPDATE (as a
 * packing speaker sends them), one attribute set per UPDATE out of 1000 AS
 * paths per peer. All peers announce the same prefixes with equal attributes
 * but their own next hop, so every prefix ends with an ECMP set of all peers.
 */
final class Workload {
    static final int PER_MESSAGE = 100;
    static final long LOCAL_AS = 65000;

    private Workload() {
    }

    static PeerId peerId(int peer) {
        return new PeerId("192.0.2." + (peer + 1));
    }

    static Inet4Address nextHop(int peer) {
        return Ipv4.toInet(Ipv4.parse("192.0.2." + (peer + 1)));
    }

    static Prefix prefix(int i) {
        return new Ipv4Prefix((1 << 24) + (i << 8), 24);
    }

    /** The UPDATE with messages {@code m} of a peer's table (prefixes m*100 .. m*100+99). */
    static UpdateMessage announce(int peer, int m, int prefixes) {
        PathAttributes a = PathAttributes.builder().origin(Origin.IGP)
                .asPath(AsPath.sequence(65100, 64512 + m % 1000)).nextHop(nextHop(peer)).localPref(100L).build();
        int from = m * PER_MESSAGE;
        int to = Math.min(prefixes, from + PER_MESSAGE);
        List<Prefix> nlri = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            nlri.add(prefix(i));
        }
        return UpdateMessage.announce(a, nlri);
    }

    static UpdateMessage withdraw(int m, int prefixes) {
        int from = m * PER_MESSAGE;
        int to = Math.min(prefixes, from + PER_MESSAGE);
        List<Prefix> w = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            w.add(prefix(i));
        }
        return new UpdateMessage(w, PathAttributes.NONE, List.of(), null, null);
    }

    static int messages(int prefixes) {
        return (prefixes + PER_MESSAGE - 1) / PER_MESSAGE;
    }

    /** A RIB with {@code peers} iBGP peers up, output to the given FIB listener, no UPDATE output. */
    static Rib rib(int peers, FibListener fib) {
        return rib(peers, fib, UpdateSink.NONE, false);
    }

    /** As {@link #rib(int, FibListener)}; with {@code clients} every peer is our route-reflector client. */
    static Rib rib(int peers, FibListener fib, UpdateSink sink, boolean clients) {
        Rib rib = new Rib(RibConfig.of(LOCAL_AS, Ipv4.parse("10.0.0.1")).withUpdateDelayMillis(0), new ManualScheduler(),
                NextHopResolver.DIRECT, fib, sink);
        for (int p = 0; p < peers; p++) {
            if (clients) {
                rib.configurePeer(peerId(p), dev.podbgp.rib.PeerConfig.DEFAULT.withRouteReflectorClient(true));
            }
            rib.peerUp(peerId(p), new PeerInfo(nextHop(p), Ipv4.toInet(Ipv4.parse("10.0.0.1")), null, LOCAL_AS,
                    Ipv4.parse("1.1.1." + (p + 1)),
                    new PeerCapabilities(Set.of(AddressFamily.IPV4_UNICAST), Set.of(), true, null)));
        }
        return rib;
    }
}
