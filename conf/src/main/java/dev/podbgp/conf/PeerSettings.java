package dev.podbgp.conf;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything about a session except who the neighbour is, with templates and
 * global defaults already applied.
 *
 * @param asn                  the neighbour's AS; equal to ours means iBGP
 * @param port                 TCP port we connect to
 * @param passive              never connect out; wait for the neighbour
 * @param enabled              false: configured but kept down (as after {@code podbgp peer disable})
 * @param sourceAddress        local address of outgoing connections; empty lets the kernel choose
 * @param routeReflectorClient we reflect iBGP routes to this neighbour (this node is a reflector)
 * @param nextHopSelf          set NEXT_HOP to our address on routes we send, also on iBGP
 * @param families             unicast families negotiated
 */
public record PeerSettings(long asn, int port, boolean passive, boolean enabled, Optional<InetAddress> sourceAddress,
                           Optional<PasswordFile> passwordFile, Timers timers, GracefulRestart gracefulRestart,
                           TtlMode ttl, Optional<MaxPrefixes> maxPrefixes, boolean routeReflectorClient,
                           boolean nextHopSelf, Set<AddressFamily> families, RoutePolicy importPolicy,
                           RoutePolicy exportPolicy) {
    public PeerSettings {
        Asn.check(asn);
        Objects.requireNonNull(sourceAddress, "sourceAddress");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(gracefulRestart, "gracefulRestart");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(maxPrefixes, "maxPrefixes");
        families = Set.copyOf(families);
        Objects.requireNonNull(importPolicy, "importPolicy");
        Objects.requireNonNull(exportPolicy, "exportPolicy");
    }
}
