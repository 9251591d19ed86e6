package dev.podbgp.daemon.control;

/** The answer to a peer command: the session owner accepted it. */
public record PeerCommandResult(String peer, PeerAction action) {
}
