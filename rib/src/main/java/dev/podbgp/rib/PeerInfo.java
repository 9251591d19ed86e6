package dev.podbgp.rib;

import dev.podbgp.bgp.wire.Ipv4;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * What an established session tells the RIB about its peer.
 *
 * @param address the peer's address (last tie-breaker of the decision process)
 * @param localIpv4 our IPv4 address on the session, the next hop we send for next-hop-self; when null,
 *                  IPv4 routes go out with {@code localIpv6} as next hop, which needs extended next hop
 *                  (RFC 8950) agreed on the session
 * @param localIpv6 our IPv6 global address for IPv6 next-hop-self; may be null
 * @param asn the peer's AS number (unsigned 32-bit)
 * @param routerId the peer's BGP identifier
 * @param capabilities what was negotiated
 */
public record PeerInfo(InetAddress address, Inet4Address localIpv4, Inet6Address localIpv6, long asn, int routerId,
                       PeerCapabilities capabilities) {
    public PeerInfo {
        Objects.requireNonNull(address, "peer address");
        Objects.requireNonNull(capabilities, "capabilities");
        if (asn < 1 || asn > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("peer " + address.getHostAddress() + " AS " + asn + " is outside 1..4294967295");
        }
    }

    @Override
    public String toString() {
        return address.getHostAddress() + " AS" + asn + " id " + Ipv4.format(routerId);
    }
}
