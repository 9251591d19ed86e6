package dev.podbgp.daemon.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * One path to a prefix in the Loc-RIB view.
 *
 * @param peer        name of the peer that sent the path; for our own pod CIDRs, {@code "local"}
 * @param asPath      AS_PATH as BGP speakers print it: {@code "65000 64512 {64513 64514}"}, empty for iBGP-learned local routes
 * @param localPref   LOCAL_PREF, null when the path carries none
 * @param med         MULTI_EXIT_DISC, null when the path carries none
 * @param origin      {@code IGP}, {@code EGP} or {@code INCOMPLETE}
 * @param communities standard communities as {@code "65000:100"}, well-known ones by name
 * @param best        chosen by the decision process
 * @param multipath   used for ECMP alongside the best path
 */
public record PathSnapshot(String nextHop, String peer, String asPath, Long localPref, Long med, String origin,
                           List<String> communities, boolean best, boolean multipath) {
    public PathSnapshot {
        Objects.requireNonNull(nextHop, "nextHop");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(asPath, "asPath");
        Objects.requireNonNull(origin, "origin");
        communities = List.copyOf(communities);
    }
}
