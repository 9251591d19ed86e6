package dev.podbgp.conf;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One BGP session: a cluster node or an external peer. Names are unique across
 * both, so the control API and {@link ConfigDiff} can refer to sessions by name.
 */
public record Peer(String name, InetAddress address, PeerKind kind, PeerSettings settings) {
    public Peer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(settings, "settings");
    }

    /** True when the neighbour is in our own AS. */
    public boolean isInternal(long localAsn) {
        return settings.asn() == localAsn;
    }
}
