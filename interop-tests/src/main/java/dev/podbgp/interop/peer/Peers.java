package dev.podbgp.interop.peer;

import dev.podbgp.interop.netns.Netns;
import dev.podbgp.interop.netns.NetnsLab;
import dev.podbgp.interop.peer.bird.BirdPeer;
import dev.podbgp.interop.peer.frr.FrrPeer;
import dev.podbgp.interop.peer.frr.NetnsFrrRuntime;
import dev.podbgp.interop.peer.gobgp.GobgpPeer;
import java.util.Optional;

/** The three real speakers, by kind, started in a namespace. */
public enum Peers {
  FRR {
    @Override
    public Optional<String> unavailableReason() {
      return NetnsLab.unavailableReason().or(NetnsFrrRuntime::unavailableReason);
    }

    @Override
    public BgpPeer create(Netns netns, PeerConfig config) {
      return FrrPeer.inNetns(netns, config);
    }
  },
  BIRD {
    @Override
    public Optional<String> unavailableReason() {
      return NetnsLab.unavailableReason().or(BirdPeer::unavailableReason);
    }

    @Override
    public BgpPeer create(Netns netns, PeerConfig config) {
      return new BirdPeer(netns, config);
    }
  },
  GOBGP {
    @Override
    public Optional<String> unavailableReason() {
      return NetnsLab.unavailableReason().or(GobgpPeer::unavailableReason);
    }

    @Override
    public BgpPeer create(Netns netns, PeerConfig config) {
      return new GobgpPeer(netns, config);
    }
  };

  /** Why this speaker cannot run here (not root, binary missing), or empty. */
  public abstract Optional<String> unavailableReason();

  /** A stopped speaker in {@code netns}; call {@link BgpPeer#start()}. */
  public abstract BgpPeer create(Netns netns, PeerConfig config);
}
