package dev.podbgp.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.podbgp.interop.netns.Cmd;
import dev.podbgp.interop.netns.ExecResult;
import dev.podbgp.interop.peer.Addresses;
import dev.podbgp.interop.peer.Family;
import dev.podbgp.interop.peer.Feature;
import dev.podbgp.interop.peer.Neighbor;
import dev.podbgp.interop.peer.Origination;
import dev.podbgp.interop.peer.PeerConfig;
import dev.podbgp.interop.peer.Peers;
import dev.podbgp.interop.peer.bird.BirdConfigWriter;
import dev.podbgp.interop.peer.frr.FrrConfigWriter;
import dev.podbgp.interop.peer.gobgp.GobgpConfigWriter;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every option the writers can emit, checked by the daemons' own config parsers
 * ({@code bgpd -C}, {@code bird -p}, {@code gobgpd -d}); the peering tests only exercise some.
 */
@Tag("interop")
class ConfigSyntaxIT {
  private static final PeerConfig EVERYTHING = PeerConfig.of("spk0", 65001,
          (Inet4Address) Addresses.parse("10.255.0.1", "t"))
      .withNeighbor(Neighbor.of(Addresses.parse("10.200.1.2", "t"), 65002).holdTime(0)
          .md5("s3cret").passive(true).localAddress(Addresses.parse("10.200.1.1", "t"))
          .with(Feature.ADD_PATH, Feature.GRACEFUL_RESTART, Feature.EXTENDED_MESSAGE,
              Feature.EXTENDED_NEXT_HOP))
      .withNeighbor(Neighbor.of(Addresses.parse("fd00:200:1::2", "t"), 4200000002L)
          .multihop(2).families(Family.IPV4_UNICAST, Family.IPV6_UNICAST)
          .with(Feature.ADD_PATH, Feature.GRACEFUL_RESTART, Feature.EXTENDED_NEXT_HOP))
      .withNeighbor(Neighbor.of(Addresses.parse("10.200.1.3", "t"), 65001).holdTime(3)
          .with(Feature.ROUTE_REFLECTOR_CLIENT))
      .originating(Origination.of("192.0.2.0/26").withCommunities("65001:100", "65001:101")
          .withLargeCommunities("65001:1:2").withMed(50).withRouteTargets("rt:65001:7"))
      .originating(Origination.of("2001:db8:1::/48").withMed(0));

  @Test
  void frrAcceptsEverythingTheWriterEmits(@TempDir Path dir) throws IOException {
    assumeTrue(Peers.FRR.unavailableReason().isEmpty(),
        () -> "skipped: " + Peers.FRR.unavailableReason().orElse(""));
    Path f = dir.resolve("frr.conf");
    Files.writeString(f, FrrConfigWriter.render(EVERYTHING, dir.resolve("frr.log").toString()));
    ExecResult r = Cmd.run(List.of("/usr/lib/frr/bgpd", "-C", "-Z", "-S", "-u", "root", "-g",
        "root", "-f", f.toString()));
    // bgpd -C exits 0 even on bad lines; it names them in its output.
    assertThat(r.stdout() + r.stderr()).as(Files.readString(f))
        .doesNotContain("No such command", "Unknown command", "% ", "rror");
  }

  @Test
  void birdAcceptsEverythingTheWriterEmits(@TempDir Path dir) throws IOException {
    assumeTrue(Peers.BIRD.unavailableReason().isEmpty(),
        () -> "skipped: " + Peers.BIRD.unavailableReason().orElse(""));
    Path f = dir.resolve("bird.conf");
    Files.writeString(f, BirdConfigWriter.render(EVERYTHING, dir.resolve("bird.log").toString()));
    ExecResult r = Cmd.run(List.of("bird", "-p", "-c", f.toString()));
    assertThat(r.exitCode()).as(r.stderr() + "\n" + Files.readString(f)).isZero();
  }

  @Test
  void gobgpAcceptsEverythingTheWriterEmits(@TempDir Path dir) throws IOException {
    assumeTrue(Peers.GOBGP.unavailableReason().isEmpty(),
        () -> "skipped: " + Peers.GOBGP.unavailableReason().orElse(""));
    Path f = dir.resolve("gobgpd.toml");
    Files.writeString(f, GobgpConfigWriter.render(EVERYTHING));
    ExecResult r = Cmd.run(List.of("gobgpd", "-d", "-f", f.toString()));
    assertThat(r.exitCode()).as(r.stdout() + r.stderr() + "\n" + Files.readString(f)).isZero();
  }
}
