package dev.podbgp.daemon.control;

import java.util.List;

/** A command named a peer the configuration does not have. */
public final class UnknownPeerException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnknownPeerException(String peer, List<String> known) {
        super("no peer named \"" + peer + "\" (configured: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
    }
}
