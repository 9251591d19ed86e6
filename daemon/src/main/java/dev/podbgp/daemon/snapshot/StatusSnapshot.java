package dev.podbgp.daemon.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * What {@code podbgp status} shows: this speaker and every configured peer.
 * Published whole by the session owner; never changed after publication.
 *
 * @param routerId the BGP identifier, dotted quad
 */
public record StatusSnapshot(String routerId, long asn, List<PeerStatus> peers) {
    public StatusSnapshot {
        Objects.requireNonNull(routerId, "routerId");
        peers = List.copyOf(peers);
    }
}
