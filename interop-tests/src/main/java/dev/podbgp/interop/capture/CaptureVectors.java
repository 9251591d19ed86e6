package dev.podbgp.interop.capture;

import dev.podbgp.interop.netns.Cmd;
import dev.podbgp.interop.netns.Link;
import dev.podbgp.interop.netns.Netns;
import dev.podbgp.interop.netns.NetnsLab;
import dev.podbgp.interop.peer.Addresses;
import dev.podbgp.interop.peer.BgpPeer;
import dev.podbgp.interop.peer.Family;
import dev.podbgp.interop.peer.Feature;
import dev.podbgp.interop.peer.Neighbor;
import dev.podbgp.interop.peer.Origination;
import dev.podbgp.interop.peer.PeerConfig;
import dev.podbgp.interop.peer.PeerException;
import dev.podbgp.interop.peer.Peers;
import dev.podbgp.interop.peer.Prefix;
import dev.podbgp.interop.peer.SessionState;
import dev.podbgp.interop.peer.WorkDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures real BGP sessions between FRR, BIRD and GoBGP and stores every distinct kind of
 * message each of them sent as a hex vector with tshark's decoding in comments:
 * {@code <out>/<speaker>/<nn>-<type>-<what>.hex}.
 *
 * <p>For each pair (FRR-BIRD, BIRD-GoBGP, GoBGP-FRR): eBGP over IPv4 and IPv6 transport, side 1
 * in a 4-octet AS; ADD-PATH, graceful restart, extended messages and extended next hop asked
 * for; each side originates IPv4 and IPv6 prefixes with communities, large communities, a route
 * target and MED, then originates and withdraws one more of each; each side asks for a route
 * refresh; side 0 shuts the IPv4 session down and side 1 the IPv6 one (RFC 9003 messages);
 * IPv4 comes back and side 1 is frozen until side 0's hold timer expires.
 *
 * <p>Run: {@code java ... dev.podbgp.interop.capture.CaptureVectors <out-dir>} as root.
 */
public final class CaptureVectors {
  private static final Logger log = LoggerFactory.getLogger(CaptureVectors.class);
  private static final Duration WAIT = Duration.ofSeconds(40);
  static final long AS0 = 65001;
  static final long AS1 = 4200000002L;

  private final Path out;
  private final Map<String, Set<String>> seen = new LinkedHashMap<>();
  private final Map<String, Integer> counters = new LinkedHashMap<>();
  private final List<Path> written = new ArrayList<>();

  private CaptureVectors(Path out) {
    this.out = out;
  }

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: CaptureVectors <output directory>");
      System.exit(2);
    }
    List<Path> files = run(Path.of(args[0]));
    System.out.println("wrote " + files.size() + " vectors under " + args[0]);
  }

  /**
   * Runs all pairs and writes the vectors below {@code out}, replacing {@code *.hex} files
   * already in its speaker directories. Returns the files written.
   */
  public static List<Path> run(Path out) {
    NetnsLab.unavailableReason().or(PacketCapture::unavailableReason).ifPresent(r -> {
      throw new PeerException("cannot capture: " + r);
    });
    CaptureVectors c = new CaptureVectors(out);
    c.clean();
    c.capture(Peers.FRR, Peers.BIRD);
    c.capture(Peers.BIRD, Peers.GOBGP);
    c.capture(Peers.GOBGP, Peers.FRR);
    c.captureIbgpAndOpenError(Peers.FRR, Peers.BIRD);
    c.captureIbgpAndOpenError(Peers.BIRD, Peers.GOBGP);
    c.captureIbgpAndOpenError(Peers.GOBGP, Peers.FRR);
    return List.copyOf(c.written);
  }

  private void clean() {
    for (Peers p : Peers.values()) {
      Path dir = out.resolve(name(p));
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.list(dir)) {
          for (Path f : s.filter(f -> f.toString().endsWith(".hex")).toList()) {
            Files.delete(f);
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot clean " + dir, e);
        }
      }
    }
  }

  static String name(Peers p) {
    return p.name().toLowerCase(Locale.ROOT);
  }

  static String version(Peers p) {
    return switch (p) {
      case FRR -> "FRRouting " + Cmd.run(List.of("/usr/lib/frr/bgpd", "--version")).stdout()
          .lines().findFirst().orElse("").strip();
      case BIRD -> {
        var r = Cmd.run(List.of("bird", "--version"));
        yield (r.stdout() + r.stderr()).strip();
      }
      case GOBGP -> Cmd.run(List.of("gobgpd", "--version")).stdout().strip();
    };
  }

  /**
   * ADD-PATH only on the IPv6 sessions: IPv4 UPDATEs stay in the common plain encoding while
   * the IPv6 ones carry path identifiers.
   */
  private static Neighbor neighbor(InetAddress address, long as) {
    Neighbor n = Neighbor.of(address, as).holdTime(3).with(Feature.GRACEFUL_RESTART,
        Feature.EXTENDED_MESSAGE, Feature.EXTENDED_NEXT_HOP);
    return address instanceof Inet6Address ? n.with(Feature.ADD_PATH) : n;
  }

  private static Origination v4(int side) {
    return Origination.of("198.51.100." + (side * 64) + "/26")
        .withCommunities("65001:" + (100 + side), "65002:" + (300 + side))
        .withLargeCommunities((side == 0 ? AS0 : AS1) + ":1:" + (side + 2))
        .withRouteTargets("rt:65001:" + (7 + side))
        .withMed(50 + side);
  }

  private static Origination v6(int side) {
    return Origination.of("2001:db8:" + (0x100 + side) + "::/48")
        .withCommunities("65001:" + (200 + side))
        .withLargeCommunities((side == 0 ? AS0 : AS1) + ":3:" + (side + 4))
        .withMed(60 + side);
  }

  private void capture(Peers kindA, Peers kindB) {
    String pair = name(kindA) + "-" + name(kindB);
    log.info("capturing {}", pair);
    try (NetnsLab lab = NetnsLab.create()) {
      Netns na = lab.namespace();
      Netns nb = lab.namespace();
      Link link = lab.link(na, nb);
      Path dir = Files.createTempDirectory("podbgp-capture-" + pair + "-");
      InetAddress a4 = link.a().ipv4();
      InetAddress b4 = link.b().ipv4();
      InetAddress a6 = link.a().ipv6();
      InetAddress b6 = link.b().ipv6();
      PeerConfig ca = PeerConfig.of("cap-" + name(kindA), AS0,
              (Inet4Address) Addresses.parse("10.255.0.1", "capture"))
          .withNeighbor(neighbor(b4, AS1).families(Family.IPV4_UNICAST))
          .withNeighbor(neighbor(b6, AS1).families(Family.IPV6_UNICAST))
          .originating(v4(0)).originating(v6(0));
      PeerConfig cb = PeerConfig.of("cap-" + name(kindB), AS1,
              (Inet4Address) Addresses.parse("10.255.0.2", "capture"))
          .withNeighbor(neighbor(a4, AS0).families(Family.IPV4_UNICAST))
          .withNeighbor(neighbor(a6, AS0).families(Family.IPV6_UNICAST))
          .originating(v4(1)).originating(v6(1));
      PacketCapture cap = PacketCapture.start(na, link.a().iface(), dir.resolve(pair + ".pcap"));
      BgpPeer a = kindA.create(na, ca);
      BgpPeer b = kindB.create(nb, cb);
      try {
        a.start();
        b.start();
        established(a, b4);
        established(a, b6);
        established(b, a4);
        established(b, a6);
        routeAt(b, v4(0).prefix(), true);
        routeAt(b, v6(0).prefix(), true);
        routeAt(a, v4(1).prefix(), true);
        routeAt(a, v6(1).prefix(), true);

        for (BgpPeer[] sr : new BgpPeer[][] {{a, b}, {b, a}}) {
          int side = sr[0] == a ? 0 : 1;
          Origination x4 = Origination.of("203.0.113." + (side * 128) + "/25");
          Origination x6 = Origination.of("2001:db8:" + (0x200 + side) + "::/48");
          sr[0].originate(x4);
          sr[0].originate(x6);
          routeAt(sr[1], x4.prefix(), true);
          routeAt(sr[1], x6.prefix(), true);
          sr[0].withdraw(x4.prefix());
          sr[0].withdraw(x6.prefix());
          routeAt(sr[1], x4.prefix(), false);
          routeAt(sr[1], x6.prefix(), false);
        }

        for (BgpPeer[] sr : new BgpPeer[][] {{a, b}, {b, a}}) {
          if (sr[0].kind().equals("gobgp")) {
            continue; // never sends ROUTE-REFRESH, see GobgpPeer#requestRouteRefresh
          }
          InetAddress self = sr[0] == a ? a4 : b4;
          sr[0].requestRouteRefresh(sr[0] == a ? b4 : a4);
          awaitCapture(cap, m -> m.type() == 5 && m.source().equals(self),
              "ROUTE-REFRESH from " + sr[0].kind());
        }

        a.shutdownNeighbor(b4, "podbgp capture: planned maintenance of " + name(kindA));
        until(() -> state(b, a4) != SessionState.ESTABLISHED, "B sees IPv4 session down");
        b.shutdownNeighbor(a6, "podbgp capture: " + name(kindB) + " leaves");
        until(() -> state(a, b6) != SessionState.ESTABLISHED, "A sees IPv6 session down");
        a.enableNeighbor(b4);
        established(a, b4);
        established(b, a4);
        b.freeze();
        try {
          until(() -> state(a, b4) != SessionState.ESTABLISHED, "A's hold timer expires");
          // Speakers change state before the NOTIFICATION leaves; wait for it on the wire.
          awaitCapture(cap, m -> m.type() == 3 && m.source().equals(a4)
              && (m.bytes()[19] & 0xff) == 4, "Hold Timer Expired NOTIFICATION from A");
        } finally {
          b.thaw();
        }
      } catch (RuntimeException | AssertionError e) {
        log.error("capture {} failed; A log:\n{}\nB log:\n{}", pair, tail(a.log()),
            tail(b.log()));
        throw e;
      } finally {
        cap.finish();
        b.close();
        a.close();
      }
      List<CapturedMessage> messages = TsharkBgpReader.read(cap.pcap());
      log.info("{}: {} BGP messages captured", pair, messages.size());
      Map<InetAddress, Peers> senders = Map.of(a4, kindA, a6, kindA, b4, kindB, b6, kindB);
      Map<InetAddress, Long> asOf = Map.of(a4, AS0, a6, AS0, b4, AS1, b6, AS1);
      String tshark = TsharkBgpReader.version();
      if (!WorkDir.keep()) {
        WorkDir.delete(dir);
      }
      for (CapturedMessage m : messages) {
        Peers from = senders.get(m.source());
        Peers to = senders.get(m.destination());
        if (from == null || to == null) {
          continue;
        }
        store(m, from, to, asOf.get(m.source()), asOf.get(m.destination()), tshark, pair,
            addPathInUse(messages, m), false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * iBGP (AS 65000 both) over IPv4: UPDATEs with LOCAL_PREF. Over IPv6 side 1 expects the
   * wrong AS (65099), so it answers side 0's OPEN with NOTIFICATION 2/2 (Bad Peer AS).
   */
  private void captureIbgpAndOpenError(Peers kindA, Peers kindB) {
    String pair = name(kindA) + "-" + name(kindB) + "-ibgp";
    log.info("capturing {}", pair);
    long as = 65000;
    try (NetnsLab lab = NetnsLab.create()) {
      Netns na = lab.namespace();
      Netns nb = lab.namespace();
      Link link = lab.link(na, nb);
      Path dir = Files.createTempDirectory("podbgp-capture-" + pair + "-");
      InetAddress a4 = link.a().ipv4();
      InetAddress b4 = link.b().ipv4();
      InetAddress a6 = link.a().ipv6();
      InetAddress b6 = link.b().ipv6();
      PeerConfig ca = PeerConfig.of("cap-" + name(kindA), as,
              (Inet4Address) Addresses.parse("10.255.0.1", "capture"))
          .withNeighbor(Neighbor.of(b4, as))
          .withNeighbor(Neighbor.of(b6, as))
          .originating(Origination.of("198.51.100.0/26").withCommunities("65000:10")
              .withMed(70));
      PeerConfig cb = PeerConfig.of("cap-" + name(kindB), as,
              (Inet4Address) Addresses.parse("10.255.0.2", "capture"))
          .withNeighbor(Neighbor.of(a4, as))
          .withNeighbor(Neighbor.of(a6, 65099))
          .originating(Origination.of("198.51.100.64/26").withLargeCommunities("65000:5:6"));
      PacketCapture cap = PacketCapture.start(na, link.a().iface(), dir.resolve(pair + ".pcap"));
      BgpPeer a = kindA.create(na, ca);
      BgpPeer b = kindB.create(nb, cb);
      try {
        a.start();
        b.start();
        established(a, b4);
        established(b, a4);
        routeAt(b, Prefix.parse("198.51.100.0/26"), true);
        routeAt(a, Prefix.parse("198.51.100.64/26"), true);
        awaitCapture(cap, m -> m.type() == 3 && m.source().equals(b6)
            && (m.bytes()[19] & 0xff) == 2, "OPEN error NOTIFICATION from B");
        // The capture ends next: make sure both sides' UPDATEs are in the file, not in flight.
        for (InetAddress src : List.of(a4, b4)) {
          awaitCapture(cap, m -> m.type() == 2 && m.source().equals(src)
              && MessageName.of(m, false).startsWith("update-ipv4-nlri"), "UPDATE from " + src);
        }
      } catch (RuntimeException | AssertionError e) {
        log.error("capture {} failed; A log:\n{}\nB log:\n{}", pair, tail(a.log()),
            tail(b.log()));
        throw e;
      } finally {
        cap.finish();
        b.close();
        a.close();
      }
      List<CapturedMessage> messages = TsharkBgpReader.read(cap.pcap());
      log.info("{}: {} BGP messages captured", pair, messages.size());
      Map<InetAddress, Peers> senders = Map.of(a4, kindA, a6, kindA, b4, kindB, b6, kindB);
      String tshark = TsharkBgpReader.version();
      if (!WorkDir.keep()) {
        WorkDir.delete(dir);
      }
      for (CapturedMessage m : messages) {
        Peers from = senders.get(m.source());
        Peers to = senders.get(m.destination());
        boolean wanted = m.type() == 1 || m.type() == 3
            || (m.type() == 2 && !MessageName.of(m, false).startsWith("update-eor"));
        if (from == null || to == null || !wanted) {
          continue;
        }
        store(m, from, to, as, as, tshark, pair, addPathInUse(messages, m), true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void store(CapturedMessage m, Peers from, Peers to, long fromAs, long toAs,
      String tshark, String pair, String addPath, boolean ibgp) throws IOException {
    boolean v6 = m.source() instanceof Inet6Address;
    String what = (ibgp && m.type() != 3 ? "ibgp-" : "") + MessageName.of(m, v6);
    String speaker = name(from);
    if (!seen.computeIfAbsent(speaker, k -> new HashSet<>()).add(what)) {
      return;
    }
    int nn = counters.merge(speaker, 1, Integer::sum);
    Path dir = out.resolve(speaker);
    Files.createDirectories(dir);
    Path file = dir.resolve(String.format(Locale.ROOT, "%02d-%s.hex", nn, what));
    StringBuilder s = new StringBuilder();
    s.append("# sender: ").append(version(from)).append(", AS ").append(fromAs).append(", ")
        .append(Addresses.format(m.source())).append('\n');
    s.append("# receiver: ").append(version(to)).append(", AS ").append(toAs).append(", ")
        .append(Addresses.format(m.destination())).append('\n');
    s.append("# session: ").append(ibgp ? "iBGP" : "eBGP").append(" over ").append(v6 ? "IPv6" : "IPv4").append(" transport, pair ")
        .append(pair).append(", captured ").append(LocalDate.now(ZoneOffset.UTC))
        .append(" by dev.podbgp.interop.capture.CaptureVectors\n");
    s.append("# add-path: ").append(addPath).append('\n');
    s.append("# message: ").append(MessageName.typeName(m.type()).toUpperCase(Locale.ROOT))
        .append(", ").append(m.bytes().length).append(" bytes (").append(what).append(")\n");
    s.append("# decoded by ").append(tshark).append(":\n");
    for (String f : m.tsharkFields()) {
      s.append("#   ").append(f).append('\n');
    }
    s.append(m.hex()).append('\n');
    Files.writeString(file, s.toString());
    written.add(file);
  }

  /**
   * Which families carry ADD-PATH path identifiers in this message's direction: the sender
   * advertised send and the receiver receive (RFC 7911 section 4), per the first OPENs of this
   * session (same source and destination addresses).
   */
  static String addPathInUse(List<CapturedMessage> all, CapturedMessage m) {
    Map<String, Integer> mine = Map.of();
    Map<String, Integer> theirs = Map.of();
    for (CapturedMessage o : all) {
      if (o.type() != 1) {
        continue;
      }
      if (o.source().equals(m.source()) && o.destination().equals(m.destination())
          && mine.isEmpty()) {
        mine = MessageName.addPath(o);
      } else if (o.source().equals(m.destination()) && o.destination().equals(m.source())
          && theirs.isEmpty()) {
        theirs = MessageName.addPath(o);
      }
    }
    List<String> used = new ArrayList<>();
    for (Map.Entry<String, Integer> e : mine.entrySet()) {
      Integer peer = theirs.get(e.getKey());
      if ((e.getValue() & 2) != 0 && peer != null && (peer & 1) != 0) {
        used.add("afi/safi " + e.getKey());
      }
    }
    return used.isEmpty() ? "none in this direction (NLRI without path identifiers)"
        : "path identifiers in NLRI of " + String.join(", ", used)
            + " (sender sends, receiver receives)";
  }

  private static SessionState state(BgpPeer p, InetAddress n) {
    try {
      return p.sessionState(n);
    } catch (PeerException e) {
      return SessionState.IDLE;
    }
  }

  private static void established(BgpPeer p, InetAddress n) {
    until(() -> state(p, n) == SessionState.ESTABLISHED,
        p.kind() + " Established with " + Addresses.format(n));
  }

  private static void routeAt(BgpPeer p, Prefix prefix, boolean present) {
    until(() -> {
      try {
        return p.receivedRoutes(Family.of(prefix)).stream()
            .anyMatch(r -> r.prefix().equals(prefix)) == present;
      } catch (PeerException e) {
        return false;
      }
    }, p.kind() + (present ? " holds " : " no longer holds ") + prefix);
  }

  private static void awaitCapture(PacketCapture cap, Predicate<CapturedMessage> p, String what) {
    until(() -> TsharkBgpReader.read(cap.pcap()).stream().anyMatch(p), what + " captured");
  }

  /** Polls {@code condition} every 250 ms for at most {@link #WAIT}. */
  private static void until(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new PeerException("timed out after " + WAIT + " waiting until " + what);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PeerException("interrupted waiting until " + what, e);
      }
    }
  }

  private static String tail(String s) {
    return s.length() <= 5000 ? s : s.substring(s.length() - 5000);
  }
}
