package dev.podbgp.rib;

import dev.podbgp.rib.policy.Policy;

/**
 * Operator settings for one peer. Changing them on a live peer applies
 * without resetting the session (soft reconfiguration).
 *
 * @param routeReflectorClient the peer is our route-reflector client (iBGP only)
 * @param nextHopSelf send our own address as next hop to this iBGP peer (always so for eBGP)
 * @param allowAsIn accept paths with our AS this many times (0: reject any; eBGP loop detection)
 * @param asPathPrepend extra copies of our AS to prepend towards this eBGP peer
 * @param importPolicy import policy, or null for the safe default (accept iBGP, refuse eBGP)
 * @param exportPolicy export policy, or null for the safe default (own routes and reflected routes only)
 */
public record PeerConfig(boolean routeReflectorClient, boolean nextHopSelf, int allowAsIn, int asPathPrepend,
                         Policy importPolicy, Policy exportPolicy) {

    public static final PeerConfig DEFAULT = new PeerConfig(false, false, 0, 0, null, null);

    public PeerConfig {
        if (allowAsIn < 0 || allowAsIn > 10) {
            throw new IllegalArgumentException("allowas-in " + allowAsIn + " is outside 0..10");
        }
        if (asPathPrepend < 0 || asPathPrepend > 10) {
            throw new IllegalArgumentException("as-path prepend " + asPathPrepend + " is outside 0..10");
        }
    }

    public PeerConfig withRouteReflectorClient(boolean v) {
        return new PeerConfig(v, nextHopSelf, allowAsIn, asPathPrepend, importPolicy, exportPolicy);
    }

    public PeerConfig withNextHopSelf(boolean v) {
        return new PeerConfig(routeReflectorClient, v, allowAsIn, asPathPrepend, importPolicy, exportPolicy);
    }

    public PeerConfig withAllowAsIn(int v) {
        return new PeerConfig(routeReflectorClient, nextHopSelf, v, asPathPrepend, importPolicy, exportPolicy);
    }

    public PeerConfig withAsPathPrepend(int v) {
        return new PeerConfig(routeReflectorClient, nextHopSelf, allowAsIn, v, importPolicy, exportPolicy);
    }

    public PeerConfig withImportPolicy(Policy p) {
        return new PeerConfig(routeReflectorClient, nextHopSelf, allowAsIn, asPathPrepend, p, exportPolicy);
    }

    public PeerConfig withExportPolicy(Policy p) {
        return new PeerConfig(routeReflectorClient, nextHopSelf, allowAsIn, asPathPrepend, importPolicy, p);
    }
}
