package dev.podbgp.bench.e2e;

import dev.podbgp.interop.netns.Cmd;
import dev.podbgp.interop.netns.ExecResult;
import dev.podbgp.interop.netns.NetnsProcess;
import dev.podbgp.interop.peer.WorkDir;
import dev.podbgp.interop.netns.Netns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GoBGP: no zebra section, so nothing reaches a kernel. A global export policy rejects routes
 * towards the feeder subnet (neighbor-set); feeders are passive; the monitor gets everything.
 * {@code minimum-advertisement-interval} 0 on every neighbour; log level info.
 */
final class GobgpDut implements Dut {
  private NetnsProcess gobgpd;
  private Netns netns;

  @Override
  public String name() {
    return "gobgp";
  }

  @Override
  public Optional<String> unavailableReason() {
    return Cmd.executableExists("gobgpd") ? Optional.empty()
        : Optional.of("gobgpd is not on the PATH");
  }

  @Override
  public String version() {
    ExecResult r = Cmd.run(List.of("gobgpd", "--version"));
    return (r.stdout() + r.stderr()).strip();
  }

  static String render(DutSetup s) {
    StringBuilder c = new StringBuilder();
    c.append("[global.config]\n  as = ").append(s.asn()).append('\n');
    c.append("  router-id = \"").append(s.routerId().getHostAddress()).append("\"\n");
    c.append("  port = 179\n  local-address-list = [\"0.0.0.0\"]\n");
    c.append("[global.apply-policy.config]\n  export-policy-list = [\"no-feeders\"]\n");
    c.append("  default-export-policy = \"accept-route\"\n\n");
    c.append("[[defined-sets.neighbor-sets]]\n  neighbor-set-name = \"feeders\"\n");
    c.append("  neighbor-info-list = [");
    for (int i = 0; i < s.feeders().size(); i++) {
      c.append(i == 0 ? "" : ", ").append('"').append(s.feeders().get(i).address()
          .getHostAddress()).append("/32\"");
    }
    c.append("]\n\n[[policy-definitions]]\n  name = \"no-feeders\"\n");
    c.append("  [[policy-definitions.statements]]\n    name = \"to-feeders\"\n");
    c.append("    [policy-definitions.statements.conditions.match-neighbor-set]\n");
    c.append("      neighbor-set = \"feeders\"\n");
    c.append("    [policy-definitions.statements.actions]\n");
    c.append("      route-disposition = \"reject-route\"\n");
    for (DutSetup.Peer f : s.feeders()) {
      neighbor(c, f, true);
    }
    neighbor(c, s.monitor(), false);
    return c.toString();
  }

  private static void neighbor(StringBuilder c, DutSetup.Peer p, boolean passive) {
    c.append("\n[[neighbors]]\n  [neighbors.config]\n");
    c.append("    neighbor-address = \"").append(p.address().getHostAddress()).append("\"\n");
    c.append("    peer-as = ").append(p.asn()).append('\n');
    c.append("  [neighbors.timers.config]\n");
    c.append("    hold-time = ").append(BgpConnection.HOLD_TIME).append('\n');
    c.append("    keepalive-interval = ").append(BgpConnection.HOLD_TIME / 3).append('\n');
    c.append("    connect-retry = 1\n    minimum-advertisement-interval = 0\n");
    c.append("  [neighbors.transport.config]\n    passive-mode = ").append(passive).append('\n');
    c.append("  [[neighbors.afi-safis]]\n    [neighbors.afi-safis.config]\n");
    c.append("      afi-safi-name = \"ipv4-unicast\"\n");
  }

  @Override
  public void start(DutSetup s) {
    Path cfg = s.dir().resolve("gobgpd.toml");
    WorkDir.write(cfg, render(s));
    ExecResult check = Cmd.run(List.of("gobgpd", "-d", "-f", cfg.toString()));
    if (!check.ok()) {
      throw new IllegalStateException("gobgpd -d rejects " + cfg + ": "
          + (check.stdout() + check.stderr()).strip());
    }
    netns = s.netns();
    gobgpd = s.netns().spawn("gobgpd", List.of("gobgpd", "-f", cfg.toString(),
        "--api-hosts", "127.0.0.1:50051", "-p", "--pprof-disable", "-l", "info"),
        s.dir().resolve("gobgpd.log"));
  }

  @Override
  public long pid() {
    return gobgpd.pid();
  }

  /** GoBGP's neighbours that are not Established, from {@code gobgp neighbor}. */
  @Override
  public Optional<String> sessionTrouble() {
    if (gobgpd == null || !gobgpd.isAlive()) {
      return Optional.of("gobgpd is not running");
    }
    ExecResult r = netns.exec(List.of("gobgp", "-u", "127.0.0.1", "-p", "50051", "neighbor"),
        Duration.ofSeconds(30));
    if (!r.ok()) {
      return Optional.of("gobgp neighbor failed: " + (r.stdout() + r.stderr()).strip());
    }
    List<String> down = notEstablished(r.stdout());
    return Optional.of(down.isEmpty() ? "gobgpd shows every neighbour Established"
        : "gobgpd shows " + down.size() + " neighbour(s) not Established: "
            + String.join(", ", down.subList(0, Math.min(10, down.size()))));
  }

  /** From {@code gobgp neighbor}: "address state" for every neighbour not Established. */
  static List<String> notEstablished(String neighbors) {
    List<String> out = new ArrayList<>();
    for (String line : neighbors.lines().toList()) {
      // Peer AS Up/Down State |#Received Accepted
      String[] f = line.strip().split("\\s+");
      if (f.length >= 4 && f[0].matches("\\d+\\.\\d+\\.\\d+\\.\\d+")
          && !f[3].equals("Establ")) {
        out.add(f[0] + " " + f[3]);
      }
    }
    return out;
  }

  @Override
  public void close() {
    if (gobgpd != null) {
      gobgpd.stop();
      gobgpd = null;
    }
  }
}
