package dev.podbgp.rib;

import java.net.InetAddress;

/**
 * One next hop of a Loc-RIB route.
 *
 * @param address the next hop address
 * @param linkLocal IPv6 link-local next hop that came along, or null
 * @param peer the peer the path came from
 * @param best this is the best path's next hop (the others are multipaths)
 */
public record NextHopEntry(InetAddress address, InetAddress linkLocal, PeerId peer, boolean best) {
}
