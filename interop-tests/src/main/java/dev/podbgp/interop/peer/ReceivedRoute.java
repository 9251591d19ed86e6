package dev.podbgp.interop.peer;

import java.net.InetAddress;
import java.util.List;
import java.util.OptionalLong;

/**
 * A route a speaker learned from a BGP neighbour, as its own table shows it. {@code nextHops}
 * holds the global next hop first and, for IPv6 when present, the link-local one second.
 */
public record ReceivedRoute(
    Prefix prefix,
    InetAddress fromNeighbor,
    List<InetAddress> nextHops,
    List<Long> asPath,
    Origin origin,
    List<Community> communities,
    List<LargeCommunity> largeCommunities,
    OptionalLong med,
    OptionalLong localPref,
    boolean best) {

  public ReceivedRoute {
    nextHops = List.copyOf(nextHops);
    asPath = List.copyOf(asPath);
    communities = List.copyOf(communities);
    largeCommunities = List.copyOf(largeCommunities);
  }

  public InetAddress nextHop() {
    return nextHops.isEmpty() ? null : nextHops.get(0);
  }
}
