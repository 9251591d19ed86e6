package dev.podbgp.conf;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Dynamic neighbours: a connection from any address in {@code prefix} that is
 * not a configured peer is accepted as a session with {@code settings}
 * (always passive).
 *
 * @param limit most sessions from this range at once
 */
public record PeerRange(String name, IpPrefix prefix, int limit, PeerSettings settings) {
    public PeerRange {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(settings, "settings");
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit);
        }
    }

    /** The session for a neighbour that connected from {@code address}, named {@code RANGE-ADDRESS}. */
    public Peer peerFor(InetAddress address) {
        if (!prefix.contains(address)) {
            throw new IllegalArgumentException(IpAddresses.format(address) + " is outside " + prefix);
        }
        return new Peer(name + "-" + IpAddresses.format(address).replace(':', '-'), address, PeerKind.DYNAMIC, settings);
    }
}
