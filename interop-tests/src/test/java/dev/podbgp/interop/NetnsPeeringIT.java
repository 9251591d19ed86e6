package dev.podbgp.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves the harness against real speakers by peering them with each other inside namespaces:
 * FRR-BIRD, BIRD-GoBGP, GoBGP-FRR. The same {@link PeeringScenarios} later run with podbgp on
 * one side, and with FRR in containers ({@link FrrContainerPeeringIT}).
 */
@Tag("interop")
class NetnsPeeringIT {

  private static NetnsPlacement placement(SpeakerPair pair) {
    Optional<String> why = pair.unavailableReason();
    assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElse(""));
    return new NetnsPlacement(pair.a, pair.b);
  }

  @ParameterizedTest
  @EnumSource(SpeakerPair.class)
  void ebgpOverIpv4AndIpv6TransportExchangesRoutesWithAttributes(SpeakerPair pair) {
    try (NetnsPlacement pl = placement(pair)) {
      PeeringScenarios.exchangeRoutes(pl, false);
    }
  }

  @ParameterizedTest
  @EnumSource(SpeakerPair.class)
  void ibgpOverIpv4AndIpv6TransportExchangesRoutesWithAttributes(SpeakerPair pair) {
    try (NetnsPlacement pl = placement(pair)) {
      PeeringScenarios.exchangeRoutes(pl, true);
    }
  }

  @ParameterizedTest
  @EnumSource(SpeakerPair.class)
  void md5RightPasswordComesUpWrongPasswordStaysDown(SpeakerPair pair) {
    try (NetnsPlacement pl = placement(pair)) {
      PeeringScenarios.md5(pl);
    }
  }

  @ParameterizedTest
  @EnumSource(SpeakerPair.class)
  void peerRestartAndFreezeRecover(SpeakerPair pair) {
    try (NetnsPlacement pl = placement(pair)) {
      PeeringScenarios.restartAndFreeze(pl);
    }
  }
}
