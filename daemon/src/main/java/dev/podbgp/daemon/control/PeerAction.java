package dev.podbgp.daemon.control;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/** What {@code podbgp peer ACTION NAME} does to a session. */
public enum PeerAction {
    /** Let the session start again after a disable. */
    @JsonProperty("enable") ENABLE,
    /** Send Cease (administrative shutdown) and keep the session down. */
    @JsonProperty("disable") DISABLE,
    /** Send Cease (administrative reset) and start again. */
    @JsonProperty("reset") RESET;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
