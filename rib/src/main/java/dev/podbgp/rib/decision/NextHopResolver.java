package dev.podbgp.rib.decision;

import java.net.InetAddress;

/**
 * The IGP cost to reach a next hop, for step (e) of RFC 4271 §9.1.2.2 and
 * for the eligibility check of §9.1.2.1. Called on the RIB thread; must be
 * fast and not block (answer from a table the owner keeps current, then call
 * {@code Rib.nextHopsChanged()} when it changes).
 */
@FunctionalInterface
public interface NextHopResolver {
    /** Returned by {@link #igpCost} for a next hop that cannot be reached. */
    long UNREACHABLE = -1;

    /** Every next hop reachable at cost 0: nodes on one L2/L3 fabric with no IGP. */
    NextHopResolver DIRECT = nextHop -> 0;

    /** Cost (0 or more) of reaching {@code nextHop}, or {@link #UNREACHABLE}. */
    long igpCost(InetAddress nextHop);
}
