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

  /** What our own JVM speaker relies on: sockets created on a namespace's thread live there. */
  @Test
  void jvmSocketsCreatedOnANamespaceThreadTalkInsideTheLab() throws Exception {
    try (NetnsLab lab = NetnsLab.create()) {
      Netns a = lab.namespace();
      Netns b = lab.namespace();
      Link link = lab.link(a, b);
      java.net.InetSocketAddress at = new java.net.InetSocketAddress(link.a().ipv6(), 1179);
      // The address exists only inside namespace a.
      assertThatThrownBy(() -> new java.net.ServerSocket(1179, 1, link.a().ipv6()).close())
          .isInstanceOf(java.net.BindException.class);
      try (java.net.ServerSocket server = a.call(() -> {
        java.net.ServerSocket s = new java.net.ServerSocket();
        s.bind(at);
        return s;
      })) {
        server.setSoTimeout(10_000);
        try (java.net.Socket client = b.call(() -> {
          java.net.Socket s = new java.net.Socket();
          s.connect(at, 5_000);
          return s;
        });
            java.net.Socket accepted = server.accept()) {
          client.getOutputStream().write(42);
          assertThat(accepted.getInputStream().read()).isEqualTo(42);
          assertThat(accepted.getInetAddress()).isEqualTo(link.b().ipv6());
        }
      }
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
