package dev.podbgp.interop.peer;

import dev.podbgp.interop.netns.Netns;

/**
 * Creates a stopped speaker in a namespace. {@link Peers} are the real ones; podbgp's own
 * speaker plugs into the same scenarios by implementing {@link BgpPeer} and this.
 */
@FunctionalInterface
public interface PeerFactory {
  BgpPeer create(Netns netns, PeerConfig config);
}
