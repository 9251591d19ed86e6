package dev.podbgp.daemon.snapshot;

import java.time.Instant;
import java.util.Objects;

/**
 * One peer in {@link StatusSnapshot}.
 *
 * @param address    the peer's IP address, as text
 * @param since      when the session entered {@code state}
 * @param received   prefixes the peer announced to us (Adj-RIB-In)
 * @param accepted   of those, prefixes the import policy accepted
 * @param advertised prefixes we announce to the peer (Adj-RIB-Out)
 * @param lastError  the last error or NOTIFICATION on this session, null when none
 */
public record PeerStatus(String name, String address, long asn, PeerState state, Instant since,
                         long received, long accepted, long advertised, String lastError) {
    public PeerStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        if (received < 0 || accepted < 0 || advertised < 0) {
            throw new IllegalArgumentException("negative prefix count for peer " + name);
        }
    }
}
