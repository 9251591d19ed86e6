package dev.podbgp.rib;

import java.util.Map;

/**
 * Route counts per peer, read in one walk of the RIB for status and metrics.
 *
 * @param peers every peer the RIB knows, local origination excluded
 * @param stats the RIB's sizes at the same moment
 */
public record RouteCounts(Map<PeerId, Peer> peers, RibStats stats) {
    public RouteCounts {
        peers = Map.copyOf(peers);
    }

    /**
     * @param received paths from this peer the RIB holds, eligible or not (both families); paths its import
     *                 policy rejected are held only when the peer cannot be asked to send them again
     * @param accepted paths from this peer that import made eligible (both families)
     * @param advertised routes last advertised to this peer (both families, one per ADD-PATH path)
     */
    public record Peer(long received, long accepted, long advertised) {
    }

    /** The counts of a peer, zero for one the RIB has not heard of. */
    public Peer of(PeerId id) {
        return peers.getOrDefault(id, new Peer(0, 0, 0));
    }
}
