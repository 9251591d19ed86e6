package dev.podbgp.rib;

import dev.podbgp.bgp.wire.AddressFamily;

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
