package dev.podbgp.daemon.snapshot;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

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

    /**
     * The name RFC 4271 (and birdc, vtysh) use: {@code OpenSent}, {@code Established};
     * the same in tables, JSON and metric labels.
     */
    @JsonValue
    public String display() {
        return display;
    }

    @JsonCreator
    public static PeerState ofDisplay(String name) {
        for (PeerState s : values()) {
            if (s.display.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown session state \"" + name + "\" (expected Idle, Connect, Active,"
                + " OpenSent, OpenConfirm, Established or Disabled)");
    }
}
