package dev.podbgp.interop;

import dev.podbgp.interop.peer.Peers;
import java.util.Optional;

/** The pairs of real speakers proven against each other; each speaker is on both sides once. */
enum SpeakerPair {
  FRR_BIRD(Peers.FRR, Peers.BIRD),
  BIRD_GOBGP(Peers.BIRD, Peers.GOBGP),
  GOBGP_FRR(Peers.GOBGP, Peers.FRR);

  final Peers a;
  final Peers b;

  SpeakerPair(Peers a, Peers b) {
    this.a = a;
    this.b = b;
  }

  Optional<String> unavailableReason() {
    return a.unavailableReason().or(b::unavailableReason);
  }
}
