package dev.podbgp.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.podbgp.interop.capture.CaptureVectors;
import dev.podbgp.interop.capture.PacketCapture;
import dev.podbgp.interop.peer.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-runs the capture of the committed byte vectors. Writes to a temporary directory; with
 * {@code -Dpodbgp.capture.out=<dir>} (e.g. {@code ../bgp-protocol/src/test/resources/captured})
 * it replaces the vectors there instead.
 */
@Tag("interop")
class CaptureVectorsIT {

  @Test
  void capturesEveryMessageKindFromEverySpeaker(@TempDir Path tmp) throws Exception {
    Optional<String> why = Optional.<String>empty().or(Peers.FRR::unavailableReason)
        .or(Peers.BIRD::unavailableReason).or(Peers.GOBGP::unavailableReason)
        .or(PacketCapture::unavailableReason);
    assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElse(""));
    String target = System.getProperty("podbgp.capture.out");
    Path out = target == null || target.isBlank() ? tmp : Path.of(target);

    List<Path> files = CaptureVectors.run(out);

    for (String speaker : List.of("frr", "bird", "gobgp")) {
      List<String> names = files.stream().filter(f -> f.getParent().getFileName().toString()
          .equals(speaker)).map(f -> f.getFileName().toString()).toList();
      assertThat(names).as(speaker + " vectors")
          .anyMatch(n -> n.contains("-open-ipv4-session"))
          .anyMatch(n -> n.contains("-open-ipv6-session"))
          .anyMatch(n -> n.contains("-keepalive"))
          .anyMatch(n -> n.contains("-update-ipv4-nlri"))
          .anyMatch(n -> n.contains("-update-ipv6-mp-reach"))
          .anyMatch(n -> n.contains("-update-ipv4-withdraw"))
          .anyMatch(n -> n.contains("-update-ipv6-mp-unreach-withdraw"))
          .anyMatch(n -> n.contains("-update-eor-ipv4"))
          .anyMatch(n -> n.contains("-notification-6-2"));
    }
    for (Path f : files) {
      String text = Files.readString(f);
      String hex = text.lines().filter(l -> !l.startsWith("#")).reduce("", String::concat);
      assertThat(hex).as(f.toString()).matches("(ff){16}[0-9a-f]+");
      assertThat(text).as(f.toString()).contains("bgp.type = ");
    }
  }
}
