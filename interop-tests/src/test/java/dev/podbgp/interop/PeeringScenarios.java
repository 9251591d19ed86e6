package dev.podbgp.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podbgp.interop.peer.Addresses;
import dev.podbgp.interop.peer.BgpPeer;
import dev.podbgp.interop.peer.Family;
import dev.podbgp.interop.peer.Neighbor;
import dev.podbgp.interop.peer.Origin;
import dev.podbgp.interop.peer.Origination;
import dev.podbgp.interop.peer.PeerConfig;
import dev.podbgp.interop.peer.Prefix;
import dev.podbgp.interop.peer.ReceivedRoute;
import dev.podbgp.interop.peer.SessionState;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interop scenarios, written once against {@link Placement} and {@link BgpPeer}: every pair
 * of real speakers, in namespaces or containers, runs the same steps.
 *
 * <p>Speaker {@code i} (0 or 1) originates {@code 192.0.2.<i*64>/26} and
 * {@code 2001:db8:<i+1>::/48} with community {@code 6500<i+1>:100}, large community
 * {@code 6500<i+1>:1:2} and MED {@code 50 + i}.
 */
final class PeeringScenarios {
  private static final Logger log = LoggerFactory.getLogger(PeeringScenarios.class);

  static final Duration ESTABLISH = Duration.ofSeconds(45);
  static final Duration POLL = Duration.ofMillis(200);
  static final long IBGP_AS = 65000;

  private PeeringScenarios() {}

  static long asOf(int side, boolean ibgp) {
    return ibgp ? IBGP_AS : 65001 + side;
  }

  static Origination v4Origination(int side) {
    return Origination.of("192.0.2." + (side * 64) + "/26")
        .withCommunities((65001 + side) + ":100")
        .withLargeCommunities((65001 + side) + ":1:2")
        .withMed(50 + side);
  }

  static Origination v6Origination(int side) {
    return Origination.of("2001:db8:" + (side + 1) + "::/48")
        .withCommunities((65001 + side) + ":100")
        .withLargeCommunities((65001 + side) + ":1:2")
        .withMed(50 + side);
  }

  /** A started pair and the placement holding it. */
  record Pair(Placement placement, BgpPeer a, BgpPeer b) {
    BgpPeer side(int i) {
      return i == 0 ? a : b;
    }

    InetAddress addr(int side, boolean ipv6) {
      return placement.address(side, ipv6);
    }
  }

  /**
   * Configures both speakers with one neighbour per transport family and starts them.
   * {@code tweak} adjusts each speaker's neighbour (side, neighbour) before start.
   */
  static Pair start(Placement placement, boolean ibgp, boolean withIpv6,
      NeighborTweak tweak) {
    BgpPeer[] peers = new BgpPeer[2];
    for (int side = 0; side < 2; side++) {
      int other = 1 - side;
      PeerConfig c = PeerConfig.of("spk" + side, asOf(side, ibgp),
          (Inet4Address) Addresses.parse("10.255.0." + (side + 1), "scenario"));
      c = c.withNeighbor(tweak.apply(side, Neighbor.of(placement.address(other, false),
          asOf(other, ibgp)).families(Family.IPV4_UNICAST)));
      if (withIpv6) {
        c = c.withNeighbor(tweak.apply(side, Neighbor.of(placement.address(other, true),
            asOf(other, ibgp)).families(Family.IPV6_UNICAST)));
      }
      c = c.originating(v4Origination(side));
      if (withIpv6) {
        c = c.originating(v6Origination(side));
      }
      peers[side] = placement.create(side, c);
    }
    long t0 = System.nanoTime();
    peers[0].start();
    peers[1].start();
    Pair pair = new Pair(placement, peers[0], peers[1]);
    log.info("{}: both speakers started in {} ms", placement.describe(),
        (System.nanoTime() - t0) / 1_000_000);
    return pair;
  }

  @FunctionalInterface
  interface NeighborTweak {
    Neighbor apply(int side, Neighbor n);

    static NeighborTweak none() {
      return (side, n) -> n;
    }

    static NeighborTweak all(UnaryOperator<Neighbor> f) {
      return (side, n) -> f.apply(n);
    }
  }

  static void awaitState(BgpPeer peer, InetAddress neighbor, SessionState want) {
    await("session of " + peer.kind() + " to " + Addresses.format(neighbor) + " is " + want)
        .atMost(ESTABLISH).pollInterval(POLL).ignoreExceptions()
        .until(() -> peer.sessionState(neighbor) == want);
  }

  static void awaitNotEstablished(BgpPeer peer, InetAddress neighbor, Duration within) {
    await("session of " + peer.kind() + " to " + Addresses.format(neighbor) + " leaves Established")
        .atMost(within).pollInterval(POLL)
        .until(() -> peer.sessionState(neighbor) != SessionState.ESTABLISHED);
  }

  /** Both speakers report Established for the session over {@code ipv6 ? v6 : v4} transport. */
  static Duration awaitEstablished(Pair p, boolean ipv6) {
    long t0 = System.nanoTime();
    awaitState(p.a(), p.addr(1, ipv6), SessionState.ESTABLISHED);
    awaitState(p.b(), p.addr(0, ipv6), SessionState.ESTABLISHED);
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  /** Waits until {@code receiver} holds {@code prefix} from the other side and returns it. */
  static ReceivedRoute awaitRoute(BgpPeer receiver, Prefix prefix, InetAddress from) {
    Family f = Family.of(prefix);
    return await(receiver.kind() + " receives " + prefix + " from " + Addresses.format(from))
        .atMost(ESTABLISH).pollInterval(POLL).ignoreExceptions()
        .until(() -> find(receiver.receivedRoutes(f), prefix, from), Optional::isPresent)
        .orElseThrow();
  }

  static Optional<ReceivedRoute> find(List<ReceivedRoute> routes, Prefix prefix,
      InetAddress from) {
    return routes.stream().filter(r -> r.prefix().equals(prefix)
        && r.fromNeighbor().equals(from)).findFirst();
  }

  /**
   * Checks the route that {@code receiver} (side 1 - origin) holds for what {@code origin}
   * originates: next hop = origin's transport address, AS path, ORIGIN, communities, MED and, on
   * iBGP, LOCAL_PREF.
   */
  static void assertReceived(Pair p, int originSide, boolean ipv6, boolean ibgp) {
    int recvSide = 1 - originSide;
    BgpPeer receiver = p.side(recvSide);
    Origination o = ipv6 ? v6Origination(originSide) : v4Origination(originSide);
    InetAddress from = p.addr(originSide, ipv6);
    ReceivedRoute r = awaitRoute(receiver, o.prefix(), from);
    log.info("{} holds {}", receiver.kind(), r);
    assertThat(r.nextHop()).as("next hop at " + receiver.kind()).isEqualTo(from);
    if (ipv6) {
      // RFC 2545: a second, link-local next hop may follow; FRR and BIRD send one to a directly
      // connected eBGP neighbour, GoBGP never does, and GoBGP's JSON shows only the global one.
      Optional<InetAddress> ll = p.placement().linkLocal(originSide);
      String sender = p.side(originSide).kind();
      if (!ibgp && ll.isPresent() && !sender.equals("gobgp") && !receiver.kind().equals("gobgp")) {
        assertThat(r.nextHops()).as("next hops at " + receiver.kind() + " from " + sender)
            .containsExactly(from, ll.get());
      } else if (r.nextHops().size() > 1 && ll.isPresent()) {
        assertThat(r.nextHops().get(1)).as("link-local next hop").isEqualTo(ll.get());
      }
    }
    assertThat(r.asPath()).as("AS path at " + receiver.kind())
        .isEqualTo(ibgp ? List.of() : List.of(asOf(originSide, false)));
    assertThat(r.origin()).isEqualTo(Origin.IGP);
    assertThat(r.communities()).containsExactlyElementsOf(o.communities());
    assertThat(r.largeCommunities()).containsExactlyElementsOf(o.largeCommunities());
    assertThat(r.med()).as("MED at " + receiver.kind()).hasValue(o.med().orElseThrow());
    if (ibgp) {
      assertThat(r.localPref()).as("LOCAL_PREF at " + receiver.kind()).hasValue(100);
    }
  }

  // ---- the scenarios -------------------------------------------------------------------

  /** eBGP (or iBGP) over IPv4 and, where available, IPv6 transport: up, routes both ways. */
  static void exchangeRoutes(Placement pl, boolean ibgp) {
    Pair p = start(pl, ibgp, pl.hasIpv6(), NeighborTweak.none());
    withLogs(p, () -> {
      Duration v4 = awaitEstablished(p, false);
      log.info("{} {} IPv4 Established {} ms after both started", pl.describe(),
          ibgp ? "iBGP" : "eBGP", v4.toMillis());
      if (pl.hasIpv6()) {
        awaitEstablished(p, true);
      }
      for (int side = 0; side < 2; side++) {
        assertReceived(p, side, false, ibgp);
        if (pl.hasIpv6()) {
          assertReceived(p, side, true, ibgp);
        }
      }
    });
  }

  /**
   * IPv4 session: side 1 has the wrong MD5 key and the session stays down (for 4 s, while the
   * IPv6 control session with the right keys, where available, is up); after side 1's key is
   * fixed at runtime the session comes up and routes flow.
   */
  static void md5(Placement pl) {
    NeighborTweak tweak = (side, n) -> n.md5(!n.isIpv6() && side == 1 ? "wrong-key" : "s3cret");
    Pair p = start(pl, false, pl.hasIpv6(), tweak);
    withLogs(p, () -> {
      if (pl.hasIpv6()) {
        awaitEstablished(p, true);
      }
      await("IPv4 session with mismatched MD5 keys stays down").during(Duration.ofSeconds(4))
          .atMost(Duration.ofSeconds(8)).pollInterval(POLL)
          .until(() -> p.a().sessionState(p.addr(1, false)) != SessionState.ESTABLISHED
              && p.b().sessionState(p.addr(0, false)) != SessionState.ESTABLISHED);
      p.b().setMd5(p.addr(0, false), "s3cret");
      awaitEstablished(p, false);
      assertReceived(p, 0, false, false);
      assertReceived(p, 1, false, false);
    });
  }

  /**
   * Side 1 stops: side 0 leaves Established; side 1 starts again: both re-establish by
   * themselves and routes return. Side 1 freezes (SIGSTOP): side 0's 3 s hold timer expires; on
   * SIGCONT the session recovers.
   */
  static void restartAndFreeze(Placement pl) {
    Pair p = start(pl, false, false, NeighborTweak.all(n -> n.holdTime(3)));
    withLogs(p, () -> {
      awaitEstablished(p, false);
      assertReceived(p, 1, false, false);

      p.b().stop();
      awaitNotEstablished(p.a(), p.addr(1, false), Duration.ofSeconds(15));
      p.b().start();
      awaitEstablished(p, false);
      assertReceived(p, 1, false, false);
      assertReceived(p, 0, false, false);

      p.b().freeze();
      try {
        long t0 = System.nanoTime();
        awaitNotEstablished(p.a(), p.addr(1, false), Duration.ofSeconds(15));
        log.info("{}: {} left Established {} ms after {} froze (hold time 3 s)",
            pl.describe(), p.a().kind(), (System.nanoTime() - t0) / 1_000_000, p.b().kind());
      } finally {
        p.b().thaw();
      }
      awaitEstablished(p, false);
      assertReceived(p, 1, false, false);
    });
  }

  /** Runs the steps; on failure logs both speakers' logs before rethrowing. */
  static void withLogs(Pair p, Runnable steps) {
    try {
      steps.run();
    } catch (AssertionError | RuntimeException e) {
      log.error("{} failed; {} log:\n{}\n{} log:\n{}", p.placement().describe(), p.a().kind(),
          tail(p.a().log()), p.b().kind(), tail(p.b().log()));
      throw e;
    }
  }

  private static String tail(String s) {
    return s.length() <= 6000 ? s : s.substring(s.length() - 6000);
  }
}
