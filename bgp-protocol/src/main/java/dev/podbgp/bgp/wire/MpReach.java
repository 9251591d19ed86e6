package dev.podbgp.bgp.wire;

import java.net.InetAddress;
import java.util.List;

/**
 * MP_REACH_NLRI (RFC 4760). For IPv6 the next hop is the global address, with
 * an optional link-local one (a 32-byte next hop field); for IPv4 NLRI the
 * next hop may be IPv6 when extended next hop is agreed (RFC 8950).
 *
 * @param family AFI/SAFI of the NLRI
 * @param nextHop the (global) next hop
 * @param linkLocalNextHop link-local next hop of a 32-byte field, or null
 * @param nlri the announced prefixes
 */
public record MpReach(AddressFamily family, InetAddress nextHop, InetAddress linkLocalNextHop, List<Prefix> nlri) {
    public MpReach {
        if (family == null || nextHop == null) {
            throw new IllegalArgumentException("MP_REACH_NLRI needs a family and a next hop");
        }
        nlri = PrefixList.copyOf(nlri);
    }

    public MpReach(AddressFamily family, InetAddress nextHop, List<Prefix> nlri) {
        this(family, nextHop, null, nlri);
    }
}
