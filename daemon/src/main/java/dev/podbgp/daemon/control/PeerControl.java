package dev.podbgp.daemon.control;

import java.util.Optional;

/**
 * Operator actions on sessions, implemented by whoever owns the sessions.
 * Each call returns once the owner accepted the command (not when the
 * session reached its new state); progress shows in {@code status}.
 */
public interface PeerControl {

    /** @throws UnknownPeerException when no configured peer has this name */
    void enable(String peer) throws UnknownPeerException;

    /** @param message RFC 8203 shutdown communication to send with the Cease */
    void disable(String peer, Optional<String> message) throws UnknownPeerException;

    /** @param message RFC 8203 shutdown communication to send with the Cease */
    void reset(String peer, Optional<String> message) throws UnknownPeerException;
}
