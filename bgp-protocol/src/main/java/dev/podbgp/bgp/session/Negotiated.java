package dev.podbgp.bgp.session;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.Capability;
import dev.podbgp.bgp.wire.CodecOptions;
import dev.podbgp.bgp.wire.Ipv4;
import dev.podbgp.bgp.wire.OpenMessage;

import java.util.Set;

/**
 * What both sides agreed in their OPENs: the value the rest of the daemon
 * reads to know how to talk to this peer. Immutable.
 *
 * @param peerAs the neighbour's AS (unsigned 32 bits)
 * @param peerRouterId the neighbour's BGP identifier (IPv4 as int)
 * @param ibgp same AS on both sides
 * @param holdTime negotiated hold time in seconds (the smaller proposal; 0 means no hold timer and no keepalives)
 * @param keepaliveTime keepalive interval in seconds, 0 when the hold time is 0
 * @param families families both offered (IPv4 unicast when neither side sent a multiprotocol capability)
 * @param fourOctetAs both sides support 4-octet AS numbers (RFC 6793)
 * @param addPathReceive families where the neighbour sends us path identifiers (RFC 7911)
 * @param addPathSend families where we send path identifiers
 * @param routeRefresh both support ROUTE-REFRESH (RFC 2918)
 * @param enhancedRouteRefresh both support enhanced route refresh (RFC 7313)
 * @param extendedNextHop families whose NLRI may carry IPv6 next hops (RFC 8950), agreed by both
 * @param extendedMessage both accept messages up to 65535 bytes (RFC 8654)
 * @param peerGracefulRestart the neighbour's graceful restart capability, or null when it sent none
 * @param localGracefulRestart both sent graceful restart: the neighbour keeps our routes over our restart
 * @param sent the OPEN we sent
 * @param received the OPEN we received
 */
public record Negotiated(
        long peerAs,
        int peerRouterId,
        boolean ibgp,
        int holdTime,
        int keepaliveTime,
        Set<AddressFamily> families,
        boolean fourOctetAs,
        Set<AddressFamily> addPathReceive,
        Set<AddressFamily> addPathSend,
        boolean routeRefresh,
        boolean enhancedRouteRefresh,
        Set<AddressFamily> extendedNextHop,
        boolean extendedMessage,
        Capability.GracefulRestart peerGracefulRestart,
        boolean localGracefulRestart,
        OpenMessage sent,
        OpenMessage received) {

    public Negotiated {
        families = Set.copyOf(families);
        addPathReceive = Set.copyOf(addPathReceive);
        addPathSend = Set.copyOf(addPathSend);
        extendedNextHop = Set.copyOf(extendedNextHop);
    }

    /** What the codec needs for this session (the same function the channel's codec uses). */
    public CodecOptions codecOptions() {
        return CodecOptions.negotiate(sent, received);
    }

    /** The largest message either side may send: 65535 with extended message, else 4096. */
    public int maxMessageLength() {
        return extendedMessage ? 65535 : 4096;
    }

    /** Whether graceful restart is in effect for {@code family}: the neighbour keeps our routes and we keep its. */
    public boolean gracefulRestart(AddressFamily family) {
        if (peerGracefulRestart == null) {
            return false;
        }
        for (Capability.GracefulRestart.Entry e : peerGracefulRestart.families()) {
            if (e.family().equals(family)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "AS" + peerAs + " id " + Ipv4.format(peerRouterId) + " hold " + holdTime + "s families " + families
                + (fourOctetAs ? " as4" : "") + (addPathReceive.isEmpty() ? "" : " add-path-rx " + addPathReceive)
                + (addPathSend.isEmpty() ? "" : " add-path-tx " + addPathSend)
                + (routeRefresh ? " route-refresh" : "") + (extendedNextHop.isEmpty() ? "" : " ext-nh " + extendedNextHop)
                + (extendedMessage ? " ext-msg" : "") + (peerGracefulRestart != null ? " gr" : "");
    }
}
