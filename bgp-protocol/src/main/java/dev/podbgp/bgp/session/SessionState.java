package dev.podbgp.bgp.session;

/** The states of the BGP finite state machine (RFC 4271 §8.2.2). */
public enum SessionState {
    /** Not trying: administratively down, or waiting before the next automatic start. */
    IDLE,
    /** Our TCP connection attempt is in progress. */
    CONNECT,
    /** Waiting for the peer to connect to us (and for ConnectRetry to try again ourselves). */
    ACTIVE,
    /** Our OPEN is sent; waiting for the peer's. */
    OPEN_SENT,
    /** OPENs exchanged; waiting for the first KEEPALIVE. */
    OPEN_CONFIRM,
    /** Routes flow. */
    ESTABLISHED
}
