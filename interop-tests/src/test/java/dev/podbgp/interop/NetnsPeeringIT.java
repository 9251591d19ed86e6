package dev.podbgp.interop;

import static dev.podbgp.interop.PeeringScenarios.assertReceived;
import static dev.podbgp.interop.PeeringScenarios.awaitEstablished;
import static dev.podbgp.interop.PeeringScenarios.awaitNotEstablished;
import static dev.podbgp.interop.PeeringScenarios.awaitState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.podbgp.interop.PeeringScenarios.NeighborTweak;
import dev.podbgp.interop.PeeringScenarios.Pair;
import dev.podbgp.interop.peer.SessionState;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves the harness against real speakers by peering them with each other inside namespaces:
 * FRR-BIRD, BIRD-GoBGP, GoBGP-FRR. The same steps later run with podbgp on one side.
 */
@Tag("interop")
class NetnsPeeringIT {
  private static final Logger log = LoggerFactory.getLogger(NetnsPeeringIT.class);

  private static NetnsPlacement placement(SpeakerPair pair) {
    Optional<String> why = pair.unavailableReason();
    assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElse(""));
    return new NetnsPlacement(pair.a, pair.b);
  }

  private static void withLogs(Pair p, Runnable steps) {
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

  @ParameterizedTest
  @EnumSource(SpeakerPair.class)
  void ebgpOverIpv4AndIpv6TransportExchangesRoutesWithAttributes(SpeakerPair pair) {
    try (NetnsPlacement pl = placement(pair)) {
      Pair p = PeeringScenarios.start(pl, false, true, NeighborTweak.none());
      withLogs(p, () -> {
        Duration v4 = awaitEstablished(p, false);
        Duration v6 = awaitEstablished(p, true);
        log.info("{} eBGP Established after start: IPv4 {} ms, IPv6 {} ms", pl.describe(),
            v4.toMillis(), v6.toMillis());
        for (int side = 0; side < 2; side++) {
          assertReceived(p, side, false, false);
          assertReceived(p, side, true, false);
        }
      });
    }
  }

  @ParameterizedTest
  @EnumSource(SpeakerPair.class)
  void ibgpOverIpv4AndIpv6TransportExchangesRoutesWithAttributes(SpeakerPair pair) {
    try (NetnsPlacement pl = placement(pair)) {
      Pair p = PeeringScenarios.start(pl, true, true, NeighborTweak.none());
      withLogs(p, () -> {
        awaitEstablished(p, false);
        awaitEstablished(p, true);
        for (int side = 0; side < 2; side++) {
          assertReceived(p, side, false, true);
          assertReceived(p, side, true, true);
        }
      });
    }
  }

  /**
   * IPv4 session: both sides share the password and come up. IPv6 session: side 1 has the wrong
   * one and stays down while IPv4 is up; after the runtime fix it comes up.
   */
  @ParameterizedTest
  @EnumSource(SpeakerPair.class)
  void md5RightPasswordComesUpWrongPasswordStaysDown(SpeakerPair pair) {
    try (NetnsPlacement pl = placement(pair)) {
      NeighborTweak tweak = (side, n) -> n.md5(n.isIpv6() && side == 1 ? "wrong-key" : "s3cret");
      Pair p = PeeringScenarios.start(pl, false, true, tweak);
      withLogs(p, () -> {
        awaitEstablished(p, false);
        await("IPv6 session with mismatched MD5 keys stays down").during(Duration.ofSeconds(4))
            .atMost(Duration.ofSeconds(8)).pollInterval(PeeringScenarios.POLL)
            .until(() -> p.a().sessionState(p.addr(1, true)) != SessionState.ESTABLISHED
                && p.b().sessionState(p.addr(0, true)) != SessionState.ESTABLISHED);
        p.b().setMd5(p.addr(0, true), "s3cret");
        awaitEstablished(p, true);
        assertReceived(p, 0, true, false);
      });
    }
  }

  /**
   * Side 1 stops: side 0 leaves Established; side 1 starts again: both re-establish by
   * themselves and routes return. Side 1 freezes (SIGSTOP): side 0's 3 s hold timer expires; on
   * SIGCONT the session recovers.
   */
  @ParameterizedTest
  @EnumSource(SpeakerPair.class)
  void peerRestartAndFreezeRecover(SpeakerPair pair) {
    try (NetnsPlacement pl = placement(pair)) {
      Pair p = PeeringScenarios.start(pl, false, false, NeighborTweak.all(n -> n.holdTime(3)));
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
        awaitState(p.a(), p.addr(1, false), SessionState.ESTABLISHED);
        awaitState(p.b(), p.addr(0, false), SessionState.ESTABLISHED);
        assertReceived(p, 1, false, false);
        assertThat(p.b().isRunning()).isTrue();
      });
    }
  }
}
