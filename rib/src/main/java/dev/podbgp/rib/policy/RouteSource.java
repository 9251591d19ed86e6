package dev.podbgp.rib.policy;

/** Where a path came from, as policy matches it. */
public enum RouteSource {
    /** Originated by this node (its pod CIDRs). */
    LOCAL,
    /** Learned from a peer in our AS. */
    IBGP,
    /** Learned from a peer in another AS. */
    EBGP
}
