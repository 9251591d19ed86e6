package dev.podbgp.bgp.session;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.UpdateMessage;

import java.util.List;

/**
 * What a session tells the consumer of routes (the RIB), in order per peer.
 * Every event after {@link Established} and before {@link Down} belongs to
 * that one session.
 */
public sealed interface PeerEvent {

    PeerId peer();

    /** The session came up with these capabilities. */
    record Established(PeerId peer, Negotiated negotiated) implements PeerEvent {
    }

    /** UPDATEs received in one read cycle, in arrival order. */
    record Routes(PeerId peer, Negotiated negotiated, List<UpdateMessage> updates) implements PeerEvent {
        public Routes {
            updates = List.copyOf(updates);
        }
    }

    /** The neighbour sent End-of-RIB for {@code family} (RFC 4724 §2). */
    record EndOfRib(PeerId peer, AddressFamily family) implements PeerEvent {
    }

    /** The neighbour asks for our routes of {@code family} again (RFC 2918). */
    record RefreshRequested(PeerId peer, AddressFamily family) implements PeerEvent {
    }

    /**
     * The session went down: its routes are no longer valid (or are stale, when
     * {@code gracefulRestart} is set and the neighbour is expected back).
     */
    record Down(PeerId peer, String reason, boolean gracefulRestart) implements PeerEvent {
    }
}
