package dev.podbgp.rib;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.AsPath;
import dev.podbgp.bgp.wire.Ipv4;
import dev.podbgp.bgp.wire.MpReach;
import dev.podbgp.bgp.wire.MpUnreach;
import dev.podbgp.bgp.wire.Origin;
import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.bgp.wire.UpdateMessage;
import dev.podbgp.rib.decision.NextHopResolver;
import dev.podbgp.rib.out.PeerUpdate;
import dev.podbgp.rib.out.UpdateSink;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A RIB on a manual clock, with everything it outputs recorded. */
final class Harness {
    static final long LOCAL_AS = 65000;
    static final int ROUTER_ID = Ipv4.parse("10.0.0.1");

    final ManualScheduler clock = new ManualScheduler();
    final List<RouteChange> fib = new ArrayList<>();
    final List<Sent> sent = new ArrayList<>();
    final List<String> refreshRequests = new ArrayList<>();
    int convergedCalls;
    /** Batches the FIB listener was called with; with {@link #routesWanted} false they are all empty. */
    int fibCalls;
    final boolean routesWanted;
    final Rib rib;

    record Sent(PeerId peer, PeerUpdate update) {
    }

    Harness() {
        this(RibConfig.of(LOCAL_AS, ROUTER_ID).withUpdateDelayMillis(0), NextHopResolver.DIRECT);
    }

    Harness(RibConfig config) {
        this(config, NextHopResolver.DIRECT);
    }

    Harness(RibConfig config, NextHopResolver resolver) {
        this(config, resolver, true);
    }

    /** A RIB whose FIB listener says whether it wants routes ({@link FibListener#wantsRoutes}, asked once). */
    Harness(RibConfig config, NextHopResolver resolver, boolean routesWanted) {
        this.routesWanted = routesWanted;
        FibListener listener = new FibListener() {
            @Override
            public void routesChanged(List<RouteChange> changes) {
                fibCalls++;
                fib.addAll(changes);
            }

            @Override
            public boolean wantsRoutes() {
                return routesWanted;
            }

            @Override
            public void converged() {
                convergedCalls++;
            }
        };
        UpdateSink sink = new UpdateSink() {
            @Override
            public void send(PeerId peer, PeerUpdate update) {
                sent.add(new Sent(peer, update));
            }

            @Override
            public void requestRouteRefresh(PeerId peer, AddressFamily family) {
                refreshRequests.add(peer + " " + family);
            }
        };
        rib = new Rib(config, clock, resolver, listener, sink);
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    static Inet4Address ip4(String s) {
        return (Inet4Address) ip(s);
    }

    static Prefix pfx(String s) {
        return Prefix.parse(s);
    }

    /** A peer with IPv4+IPv6 unicast and route refresh. */
    static PeerInfo info(String address, long asn, String routerId) {
        return new PeerInfo(ip(address), ip4("10.0.0.1"), (Inet6Address) ip("2001:db8::1"), asn, Ipv4.parse(routerId),
                new PeerCapabilities(Set.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST), Set.of(), true, null));
    }

    PeerId up(String name, long asn, String routerId) {
        PeerId id = new PeerId(name);
        rib.peerUp(id, info(name, asn, routerId));
        return id;
    }

    PeerId up(String name, PeerInfo info) {
        PeerId id = new PeerId(name);
        rib.peerUp(id, info);
        return id;
    }

    /** An eBGP peer whose routes the import policy accepts. */
    PeerId ebgp(String name, long asn, String routerId) {
        PeerId id = new PeerId(name);
        rib.configurePeer(id, PeerConfig.DEFAULT.withImportPolicy(dev.podbgp.rib.policy.Policy.ACCEPT_ALL));
        rib.peerUp(id, info(name, asn, routerId));
        return id;
    }

    static PathAttributes.Builder attrs(String nextHop, int... asPath) {
        return PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(asPath)).nextHop(ip4(nextHop));
    }

    void announce(PeerId peer, PathAttributes a, String... prefixes) {
        List<Prefix> p = new ArrayList<>();
        for (String s : prefixes) {
            p.add(pfx(s));
        }
        rib.updates(peer, List.of(UpdateMessage.announce(a, p)));
    }

    void announce(PeerId peer, PathAttributes a, Prefix... prefixes) {
        rib.updates(peer, List.of(UpdateMessage.announce(a, List.of(prefixes))));
    }

    void announce6(PeerId peer, PathAttributes a, String nextHop, String... prefixes) {
        List<Prefix> p = new ArrayList<>();
        for (String s : prefixes) {
            p.add(pfx(s));
        }
        rib.updates(peer, List.of(new UpdateMessage(List.of(), a.toBuilder().nextHop(null).build(), List.of(),
                new MpReach(AddressFamily.IPV6_UNICAST, ip(nextHop), p), null)));
    }

    void withdraw(PeerId peer, String... prefixes) {
        List<Prefix> v4 = new ArrayList<>();
        List<Prefix> v6 = new ArrayList<>();
        for (String s : prefixes) {
            Prefix p = pfx(s);
            (p.family().equals(AddressFamily.IPV4_UNICAST) ? v4 : v6).add(p);
        }
        rib.updates(peer, List.of(new UpdateMessage(v4, PathAttributes.NONE, List.of(), null,
                v6.isEmpty() ? null : new MpUnreach(AddressFamily.IPV6_UNICAST, v6))));
    }

    void withdraw(PeerId peer, Prefix... prefixes) {
        rib.updates(peer, List.of(new UpdateMessage(List.of(prefixes), PathAttributes.NONE, List.of(), null, null)));
    }

    RouteView route(String prefix) {
        return rib.route(pfx(prefix));
    }

    /** The best path's peer name, or null. */
    String bestPeer(String prefix) {
        RouteView v = route(prefix);
        return v == null || v.best() == null ? null : v.best().peer().name();
    }

    List<PeerUpdate> sentTo(String peer) {
        List<PeerUpdate> out = new ArrayList<>();
        for (Sent s : sent) {
            if (s.peer().name().equals(peer)) {
                out.add(s.update());
            }
        }
        return out;
    }

    /** The last FIB change for a prefix, or null. */
    RouteChange lastFib(String prefix) {
        Prefix p = pfx(prefix);
        for (int i = fib.size() - 1; i >= 0; i--) {
            if (fib.get(i).prefix().equals(p)) {
                return fib.get(i);
            }
        }
        return null;
    }
}
