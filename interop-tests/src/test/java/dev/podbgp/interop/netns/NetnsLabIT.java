package dev.podbgp.interop.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("netns")
class NetnsLabIT {

  @BeforeAll
  static void needsRoot() {
    assumeTrue(NetnsLab.unavailableReason().isEmpty(),
        () -> "skipped: " + NetnsLab.unavailableReason().orElse(""));
  }

  private static String netnsList() {
    return Cmd.run(List.of("ip", "netns", "list")).orThrow().stdout();
  }

  @Test
  void linksAreAddressedAndUsableAtOnceAndTeardownRemovesEverything(@TempDir Path tmp) {
    NetnsLab lab = NetnsLab.create();
    Netns a;
    Netns b;
    NetnsProcess sleeper;
    try {
      a = lab.namespace();
      b = lab.namespace();
      Link link = lab.link(a, b);
      assertThat(a.name()).matches("podbgp-[0-9a-f]{4}-1");
      assertThat(link.a().iface().length()).isLessThanOrEqualTo(15);
      assertThat(netnsList()).contains(a.name(), b.name());

      String addrs = Cmd.run(List.of("ip", "-n", b.name(), "-6", "addr", "show", "dev",
          link.b().iface())).orThrow().stdout();
      assertThat(addrs).contains("fd00:200:1::2/64").doesNotContain("tentative");
      assertThat(link.b().linkLocal().isLinkLocalAddress()).isTrue();
      // The kernel routes to the peer's address over the veth, inside the namespace only.
      assertThat(a.execOrThrow("ip", "route", "get", link.b().ipv4().getHostAddress()))
          .contains("dev " + link.a().iface());
      assertThat(link.peerOf(a)).isEqualTo(link.b());
      assertThat(link.end(a)).isEqualTo(link.a());

      sleeper = a.spawn("sleeper", List.of("sleep", "300"), tmp.resolve("sleep.log"));
      assertThat(Cmd.run(List.of("ip", "netns", "pids", a.name())).stdout())
          .contains(Long.toString(sleeper.pid()));
      sleeper.signal("STOP");
      sleeper.signal("CONT");
    } finally {
      lab.close();
    }
    assertThat(sleeper.isAlive()).isFalse();
    assertThat(netnsList()).doesNotContain(a.name(), b.name());
    assertThatThrownBy(lab::namespace).hasMessageContaining("is closed");
  }

  @Test
  void lanJoinsMembersThroughABridgeInItsOwnHub() {
    try (NetnsLab lab = NetnsLab.create()) {
      Netns a = lab.namespace();
      Netns b = lab.namespace();
      Netns c = lab.namespace();
      Lan lan = lab.lan(List.of(a, b, c));
      assertThat(lan.members()).hasSize(3);
      assertThat(lan.of(c).ipv4().getHostAddress()).isEqualTo("10.200.1.3");
      String bridgePorts = Cmd.run(List.of("ip", "-n", lan.hub().name(), "link", "show",
          "master", lan.bridge())).orThrow().stdout();
      assertThat(bridgePorts.lines().filter(l -> l.matches("^\\d+: .*")).count()).isEqualTo(3);
    }
  }

  @Test
  void commandFailuresQuoteTheCommandAndStderr() {
    try (NetnsLab lab = NetnsLab.create()) {
      Netns a = lab.namespace();
      assertThatThrownBy(() -> a.execOrThrow("ip", "link", "set", "nosuchdev", "up"))
          .isInstanceOf(LabException.class)
          .hasMessageContaining("ip link set nosuchdev up")
          .hasMessageContaining("exited with");
    }
  }
}
