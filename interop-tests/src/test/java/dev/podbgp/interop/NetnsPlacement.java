package dev.podbgp.interop;

import dev.podbgp.interop.netns.Attachment;
import dev.podbgp.interop.netns.Link;
import dev.podbgp.interop.netns.Netns;
import dev.podbgp.interop.netns.NetnsLab;
import dev.podbgp.interop.peer.BgpPeer;
import dev.podbgp.interop.peer.PeerConfig;
import dev.podbgp.interop.peer.PeerFactory;
import dev.podbgp.interop.peer.Peers;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** Two speakers, each in its own namespace, joined by one veth link. */
final class NetnsPlacement implements Placement {
  private final PeerFactory[] kinds;
  private final NetnsLab lab;
  private final Netns[] ns = new Netns[2];
  private final Link link;
  private final List<BgpPeer> peers = new ArrayList<>();

  /** Either side may be a real speaker ({@link Peers}) or podbgp's own. */
  NetnsPlacement(PeerFactory a, PeerFactory b) {
    this.kinds = new PeerFactory[] {a, b};
    this.lab = NetnsLab.create();
    try {
      ns[0] = lab.namespace();
      ns[1] = lab.namespace();
      link = lab.link(ns[0], ns[1]);
    } catch (RuntimeException e) {
      lab.close();
      throw e;
    }
  }

  private Attachment end(int side) {
    return side == 0 ? link.a() : link.b();
  }

  @Override
  public InetAddress address(int side, boolean ipv6) {
    return ipv6 ? end(side).ipv6() : end(side).ipv4();
  }

  @Override
  public java.util.Optional<InetAddress> linkLocal(int side) {
    return java.util.Optional.of(end(side).linkLocal());
  }

  @Override
  public boolean hasIpv6() {
    return true;
  }

  Attachment attachment(int side) {
    return end(side);
  }

  @Override
  public BgpPeer create(int side, PeerConfig config) {
    BgpPeer p = kinds[side].create(ns[side], config);
    peers.add(p);
    return p;
  }

  @Override
  public String describe() {
    return name(kinds[0]) + "<->" + name(kinds[1]) + " in netns lab " + lab.id();
  }

  private static String name(PeerFactory f) {
    return f instanceof Peers p ? p.name() : f.getClass().getSimpleName();
  }

  /** The namespace of {@code side}, e.g. to run our own speaker's code there with call(). */
  Netns netns(int side) {
    return ns[side];
  }

  @Override
  public void close() {
    for (BgpPeer p : peers) {
      try {
        p.close();
      } catch (RuntimeException e) {
        // the lab below kills whatever is left
      }
    }
    lab.close();
  }
}
