package dev.podbgp.bench.e2e;

import dev.podbgp.interop.netns.Cmd;
import dev.podbgp.interop.netns.ExecResult;
import dev.podbgp.interop.netns.NetnsProcess;
import dev.podbgp.interop.peer.WorkDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * FRR bgpd started with {@code --no_kernel} (routes never go to zebra's FIB), beside a zebra that
 * only tells bgpd about interfaces and next-hop reachability (bgpd without zebra treats every
 * next hop as unresolved). Only bgpd's RSS and CPU are reported. Feeders are a passive peer
 * group with an outbound route-map that denies everything; advertisement-interval 0 on every
 * neighbour; log file at informational, no debugs.
 */
final class FrrDut implements Dut {
  static final String BGPD = "/usr/lib/frr/bgpd";
  static final String ZEBRA = "/usr/lib/frr/zebra";
  static final String VTYSH = "/usr/bin/vtysh";

  private NetnsProcess zebra;
  private NetnsProcess bgpd;
  private Path dir;

  @Override
  public String name() {
    return "frr";
  }

  @Override
  public Optional<String> unavailableReason() {
    for (String b : List.of(BGPD, ZEBRA)) {
      if (!Cmd.executableExists(b)) {
        return Optional.of(b + " is missing (Debian package frr)");
      }
    }
    return Optional.empty();
  }

  @Override
  public String version() {
    ExecResult r = Cmd.run(List.of(BGPD, "--version"));
    return (r.stdout() + r.stderr()).strip().lines().findFirst().orElse("?");
  }

  static String render(DutSetup s, Path log) {
    StringBuilder c = new StringBuilder();
    c.append("frr defaults traditional\nhostname dut\n");
    c.append("log file ").append(log).append(" informational\n!\n");
    c.append("route-map PODBGP-BENCH-NONE deny 10\nexit\n!\n");
    c.append("router bgp ").append(s.asn()).append('\n');
    c.append(" bgp router-id ").append(s.routerId().getHostAddress()).append('\n');
    // One informational line per session change; without it (off in the "traditional"
    // defaults) bgpd's log cannot say why a session went down.
    c.append(" bgp log-neighbor-changes\n");
    c.append(" no bgp ebgp-requires-policy\n no bgp default ipv4-unicast\n");
    c.append(" neighbor FEEDERS peer-group\n neighbor FEEDERS passive\n");
    c.append(" neighbor FEEDERS timers ").append(BgpConnection.HOLD_TIME / 3).append(' ')
        .append(BgpConnection.HOLD_TIME).append('\n');
    c.append(" neighbor FEEDERS advertisement-interval 0\n");
    for (DutSetup.Peer f : s.feeders()) {
      String a = f.address().getHostAddress();
      c.append(" neighbor ").append(a).append(" remote-as ").append(f.asn()).append('\n');
      c.append(" neighbor ").append(a).append(" peer-group FEEDERS\n");
    }
    String m = s.monitor().address().getHostAddress();
    c.append(" neighbor ").append(m).append(" remote-as ").append(s.monitor().asn()).append('\n');
    c.append(" neighbor ").append(m).append(" timers ").append(BgpConnection.HOLD_TIME / 3)
        .append(' ').append(BgpConnection.HOLD_TIME).append('\n');
    c.append(" neighbor ").append(m).append(" timers connect 1\n");
    c.append(" neighbor ").append(m).append(" advertisement-interval 0\n");
    c.append(" address-family ipv4 unicast\n");
    c.append("  neighbor FEEDERS activate\n  neighbor FEEDERS route-map PODBGP-BENCH-NONE out\n");
    c.append("  neighbor ").append(m).append(" activate\n");
    c.append(" exit-address-family\nexit\n");
    return c.toString();
  }

  @Override
  public void start(DutSetup s) {
    dir = s.dir();
    Cmd.run(List.of("chown", "frr:frr", dir.toString())).orThrow();
    Path conf = dir.resolve("frr.conf");
    WorkDir.write(conf, render(s, dir.resolve("bgpd.log")));
    WorkDir.write(dir.resolve("zebra.conf"), "hostname zebra\n");
    Cmd.run(List.of("chown", "frr:frr", conf.toString(), dir.resolve("zebra.conf").toString()))
        .orThrow();
    ExecResult check = Cmd.run(List.of(BGPD, "-C", "-f", conf.toString(), "--vty_socket",
        dir.toString(), "-u", "frr", "-g", "frr"));
    if (!check.ok()) {
      throw new IllegalStateException("bgpd -C rejects " + conf + ": "
          + (check.stdout() + check.stderr()).strip());
    }
    Path zserv = dir.resolve("zserv.api");
    zebra = s.netns().spawn("zebra", List.of(ZEBRA, "-f", dir.resolve("zebra.conf").toString(),
        "-z", zserv.toString(), "--vty_socket", dir.toString(),
        "-i", dir.resolve("zebra.pid").toString(), "-A", "127.0.0.1", "-P", "0",
        "-u", "frr", "-g", "frr"), dir.resolve("zebra.out"));
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!Files.exists(zserv)) {
      if (!zebra.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("zebra did not come up: "
            + WorkDir.readIfExists(dir.resolve("zebra.out")));
      }
      sleep(50);
    }
    bgpd = s.netns().spawn("bgpd", List.of(BGPD, "--no_kernel", "-z", zserv.toString(),
        "-f", conf.toString(), "--vty_socket", dir.toString(),
        "-i", dir.resolve("bgpd.pid").toString(), "-A", "127.0.0.1", "-P", "0",
        "-u", "frr", "-g", "frr"), dir.resolve("bgpd.out"));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting FRR", e);
    }
  }

  @Override
  public long pid() {
    return bgpd.pid();
  }

  /** bgpd's neighbours that are not Established, from {@code show bgp summary}. */
  @Override
  public Optional<String> sessionTrouble() {
    if (bgpd == null || !bgpd.isAlive()) {
      return Optional.of("bgpd is not running");
    }
    ExecResult r = Cmd.run(List.of(VTYSH, "--vty_socket", dir.toString(), "-c",
        "show bgp ipv4 unicast summary"), Duration.ofSeconds(30));
    if (!r.ok()) {
      return Optional.of("vtysh show bgp summary failed: " + (r.stdout() + r.stderr()).strip());
    }
    List<String> down = notEstablished(r.stdout());
    return down.isEmpty() ? Optional.of("bgpd shows every neighbour Established")
        : Optional.of("bgpd shows " + down.size() + " neighbour(s) not Established: "
            + String.join(", ", down.subList(0, Math.min(10, down.size()))));
  }

  /**
   * From {@code show bgp summary}: "address state (received/sent messages)" for every neighbour
   * whose State/PfxRcd column holds a state instead of a prefix count.
   */
  static List<String> notEstablished(String summary) {
    List<String> out = new ArrayList<>();
    for (String line : summary.lines().toList()) {
      String[] f = line.strip().split("\\s+");
      // Neighbor V AS MsgRcvd MsgSent TblVer InQ OutQ Up/Down State/PfxRcd PfxSnt Desc
      if (f.length >= 10 && f[0].matches("\\d+\\.\\d+\\.\\d+\\.\\d+")
          && !f[9].matches("\\d+")) {
        out.add(f[0] + " " + f[9] + " (" + f[3] + "/" + f[4] + " messages)");
      }
    }
    return out;
  }

  @Override
  public void close() {
    if (bgpd != null) {
      bgpd.stop();
      bgpd = null;
    }
    if (zebra != null) {
      zebra.stop();
      zebra = null;
    }
  }
}
