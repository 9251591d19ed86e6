package dev.podbgp.bgp.session;

/**
 * Opens connections for a session. The FSM depends on this alone, never on
 * sockets, so it is tested with a fake transport and a manual clock.
 */
public interface Transport {

    /**
     * Starts a TCP connection to the peer with the peer's socket options
     * (MD5, TTL, source address, DSCP). Exactly one callback method runs, on
     * {@code thread}, unless the attempt is cancelled first.
     */
    Attempt connect(PeerConfig peer, SessionScheduler thread, Callback callback);

    /** An attempt in progress. */
    interface Attempt {
        /** Abandons the attempt (closing the connection if it completed meanwhile); no callback runs afterwards. */
        void cancel();
    }

    interface Callback {
        void connected(Connection connection);

        void failed(String reason);
    }
}
