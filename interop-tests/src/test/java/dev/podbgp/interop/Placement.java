package dev.podbgp.interop;

import dev.podbgp.interop.peer.BgpPeer;
import dev.podbgp.interop.peer.PeerConfig;
import java.net.InetAddress;

/**
 * Where the two speakers of a scenario run and how they reach each other: namespaces joined by
 * a veth ({@link NetnsPlacement}) or containers on a Docker network. Scenarios only see this.
 */
interface Placement extends AutoCloseable {

  /** The transport address of speaker {@code side} (0 or 1). */
  InetAddress address(int side, boolean ipv6);

  /** The IPv6 link-local address of speaker {@code side} on the shared link, if known. */
  default java.util.Optional<InetAddress> linkLocal(int side) {
    return java.util.Optional.empty();
  }

  /** Whether IPv6 transport is available between the two. */
  boolean hasIpv6();

  /** Creates (not starts) the speaker of {@code side}; closed with the placement. */
  BgpPeer create(int side, PeerConfig config);

  /** Names the placement and speakers in test output. */
  String describe();

  @Override
  void close();
}
