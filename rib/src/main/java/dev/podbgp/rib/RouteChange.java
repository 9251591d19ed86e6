package dev.podbgp.rib;

import dev.podbgp.bgp.wire.Prefix;

import java.util.List;

/**
 * The new Loc-RIB state of one prefix, for the FIB writer.
 *
 * @param prefix the prefix
 * @param nextHops where to forward: best first, then multipaths, distinct addresses;
 *                 empty when there is no route to install
 * @param local the best route is one of our own (locally originated): install nothing
 */
public record RouteChange(Prefix prefix, List<NextHopEntry> nextHops, boolean local) {
    public RouteChange {
        nextHops = List.copyOf(nextHops);
    }

    /** Whether the RIB no longer has any route for this prefix. */
    public boolean isWithdrawal() {
        return nextHops.isEmpty() && !local;
    }
}
