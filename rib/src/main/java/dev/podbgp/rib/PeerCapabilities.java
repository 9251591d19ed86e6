package dev.podbgp.rib;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.Capability;
import dev.podbgp.bgp.wire.OpenMessage;

import java.util.HashSet;
import java.util.Set;

/**
 * What the session negotiated with the peer, as far as the RIB cares.
 *
 * @param families address families negotiated (multiprotocol, or IPv4 unicast alone)
 * @param addPathSend families for which we may send several paths per prefix (RFC 7911)
 * @param routeRefresh the peer accepts ROUTE-REFRESH (RFC 2918)
 * @param gracefulRestart the peer's graceful restart capability (RFC 4724), or null
 */
public record PeerCapabilities(Set<AddressFamily> families, Set<AddressFamily> addPathSend, boolean routeRefresh,
                               GracefulRestart gracefulRestart) {

    /** IPv4 unicast only, with route refresh, no ADD-PATH, no graceful restart. */
    public static final PeerCapabilities IPV4_BASIC =
            new PeerCapabilities(Set.of(AddressFamily.IPV4_UNICAST), Set.of(), true, null);

    public PeerCapabilities {
        families = Set.copyOf(families);
        addPathSend = Set.copyOf(addPathSend);
        if (families.isEmpty()) {
            throw new IllegalArgumentException("a peer needs at least one address family");
        }
    }

    /**
     * The peer's graceful restart capability.
     *
     * @param restartTimeSeconds how long to keep its routes while it restarts (0..4095)
     * @param families families it keeps state for
     * @param forwardingPreserved families whose forwarding state survived this restart (F bit)
     */
    public record GracefulRestart(int restartTimeSeconds, Set<AddressFamily> families,
                                  Set<AddressFamily> forwardingPreserved) {
        public GracefulRestart {
            if (restartTimeSeconds < 0 || restartTimeSeconds > 4095) {
                throw new IllegalArgumentException("graceful restart time " + restartTimeSeconds + " is outside 0..4095 seconds");
            }
            families = Set.copyOf(families);
            forwardingPreserved = Set.copyOf(forwardingPreserved);
        }
    }

    /**
     * What the RIB needs from the two OPENs of an established session:
     * families both sides announced (IPv4 unicast when neither sent
     * multiprotocol capabilities, RFC 4760 §8), ADD-PATH families where we
     * may send and the peer receive, route refresh when the peer accepts it,
     * and the peer's graceful restart capability for families both carry.
     */
    public static PeerCapabilities negotiated(OpenMessage ours, OpenMessage theirs) {
        Set<AddressFamily> mine = multiprotocol(ours);
        Set<AddressFamily> families = new HashSet<>(multiprotocol(theirs));
        families.retainAll(mine);
        Set<AddressFamily> addPath = new HashSet<>();
        Capability.AddPath ap = ours.capability(Capability.AddPath.class);
        Capability.AddPath tp = theirs.capability(Capability.AddPath.class);
        if (ap != null && tp != null) {
            for (Capability.AddPath.Entry a : ap.entries()) {
                for (Capability.AddPath.Entry t : tp.entries()) {
                    if (a.family().equals(t.family()) && a.direction().canSend() && t.direction().canReceive()
                            && families.contains(a.family())) {
                        addPath.add(a.family());
                    }
                }
            }
        }
        boolean refresh = theirs.capability(Capability.RouteRefresh.class) != null
                || theirs.capability(Capability.EnhancedRouteRefresh.class) != null;
        GracefulRestart gr = null;
        Capability.GracefulRestart g = theirs.capability(Capability.GracefulRestart.class);
        if (g != null) {
            Set<AddressFamily> grFamilies = new HashSet<>();
            Set<AddressFamily> preserved = new HashSet<>();
            for (Capability.GracefulRestart.Entry e : g.families()) {
                if (families.contains(e.family())) {
                    grFamilies.add(e.family());
                    if (e.forwardingPreserved()) {
                        preserved.add(e.family());
                    }
                }
            }
            gr = new GracefulRestart(g.restartTime(), grFamilies, preserved);
        }
        if (families.isEmpty()) {
            throw new IllegalArgumentException("the OPENs share no address family (ours " + mine + ", theirs "
                    + multiprotocol(theirs) + ")");
        }
        return new PeerCapabilities(families, addPath, refresh, gr);
    }

    private static Set<AddressFamily> multiprotocol(OpenMessage open) {
        Set<AddressFamily> s = new HashSet<>();
        for (Capability c : open.capabilities()) {
            if (c instanceof Capability.Multiprotocol mp) {
                s.add(mp.family());
            }
        }
        if (s.isEmpty()) {
            s.add(AddressFamily.IPV4_UNICAST);
        }
        return s;
    }

    public PeerCapabilities withGracefulRestart(GracefulRestart gr) {
        return new PeerCapabilities(families, addPathSend, routeRefresh, gr);
    }

    public PeerCapabilities withAddPathSend(Set<AddressFamily> send) {
        return new PeerCapabilities(families, send, routeRefresh, gracefulRestart);
    }

    public PeerCapabilities withFamilies(Set<AddressFamily> f) {
        return new PeerCapabilities(f, addPathSend, routeRefresh, gracefulRestart);
    }

    public PeerCapabilities withRouteRefresh(boolean rr) {
        return new PeerCapabilities(families, addPathSend, rr, gracefulRestart);
    }
}
