package dev.podbgp.bgp.session;

import java.time.Instant;

/**
 * A snapshot of one peer for the CLI and metrics.
 *
 * @param peer who
 * @param state FSM state
 * @param since when the session entered {@code state}
 * @param lastError the last error (sent or received NOTIFICATION, hold timer, connect failure), or null
 * @param lastErrorAt when it happened, or null
 * @param negotiated capabilities of the current session, or null when not Established
 * @param counters messages in and out by type
 * @param prefixesReceived prefixes currently announced by the peer and not withdrawn (all families, ADD-PATH
 *                         paths counted apart), as the maximum prefix limit counts them; -1 when no limit is
 *                         configured, as the session then does not track them
 * @param readingPaused reading is stopped because the route consumer is behind
 */
public record PeerStatus(PeerId peer, SessionState state, Instant since, String lastError, Instant lastErrorAt,
                         Negotiated negotiated, PeerCounters.Snapshot counters, long prefixesReceived,
                         boolean readingPaused) {
}
