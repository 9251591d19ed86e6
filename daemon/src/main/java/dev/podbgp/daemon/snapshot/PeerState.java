package dev.podbgp.daemon.snapshot;

/**
 * A peer's session state as the control API shows it: the RFC 4271 finite
 * state machine states, plus {@link #DISABLED} for a peer an operator turned
 * off (the FSM then sits in Idle and never starts).
 */
public enum PeerState {
    IDLE("Idle"),
    CONNECT("Connect"),
    ACTIVE("Active"),
    OPEN_SENT("OpenSent"),
    OPEN_CONFIRM("OpenConfirm"),
    ESTABLISHED("Established"),
    DISABLED("Disabled");

    private final String display;

    PeerState(String display) {
        this.display = display;
    }

    /** The name RFC 4271 (and birdc, vtysh) use: {@code OpenSent}, {@code Established}. */
    public String display() {
        return display;
    }
}
