package dev.podbgp.rib;

import java.util.Objects;

/**
 * A peer's stable identity across sessions, typically the configured
 * neighbour address ("192.0.2.1") or name. Graceful restart relies on a
 * restarted session presenting the same id.
 */
public record PeerId(String name) {
    /** The pseudo-peer of locally originated routes. */
    public static final PeerId LOCAL = new PeerId("local");

    public PeerId {
        Objects.requireNonNull(name, "peer name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("peer name is blank");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
