package dev.podbgp.bench.e2e;

import dev.podbgp.interop.netns.Cmd;
import dev.podbgp.interop.netns.ExecResult;
import dev.podbgp.interop.netns.NetnsProcess;
import dev.podbgp.interop.peer.WorkDir;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * BIRD 2: no kernel protocol, so routes stay in its tables (pass-through). Feeders in one
 * template, passive, {@code export none}; the monitor gets {@code export all}. Logging: the info
 * categories and above, no protocol debug. BIRD has no MRAI timer.
 */
final class BirdDut implements Dut {
  private NetnsProcess bird;

  @Override
  public String name() {
    return "bird";
  }

  @Override
  public Optional<String> unavailableReason() {
    return Cmd.executableExists("bird") ? Optional.empty()
        : Optional.of("bird is not on the PATH (Debian package bird2)");
  }

  @Override
  public String version() {
    ExecResult r = Cmd.run(List.of("bird", "--version"));
    return (r.stdout() + r.stderr()).strip();
  }

  static String render(DutSetup s, Path log) {
    StringBuilder c = new StringBuilder();
    c.append("log \"").append(log).append("\" { info, remote, warning, error, auth, fatal, bug };\n");
    c.append("router id ").append(s.routerId().getHostAddress()).append(";\n");
    c.append("protocol device { scan time 10; }\n");
    c.append("template bgp feeder {\n  local as ").append(s.asn()).append(";\n");
    c.append("  passive on;\n  hold time ").append(BgpConnection.HOLD_TIME)
        .append(";\n  keepalive time ").append(BgpConnection.HOLD_TIME / 3).append(";\n");
    c.append("  ipv4 { import all; export none; };\n}\n");
    int i = 0;
    for (DutSetup.Peer f : s.feeders()) {
      c.append("protocol bgp f").append(i++).append(" from feeder { neighbor ")
          .append(f.address().getHostAddress()).append(" as ").append(f.asn()).append("; }\n");
    }
    c.append("protocol bgp monitor {\n  local as ").append(s.asn()).append(";\n");
    c.append("  neighbor ").append(s.monitor().address().getHostAddress()).append(" as ")
        .append(s.monitor().asn()).append(";\n");
    c.append("  hold time ").append(BgpConnection.HOLD_TIME).append(";\n  keepalive time ")
        .append(BgpConnection.HOLD_TIME / 3).append(";\n");
    c.append("  connect delay time 1;\n  connect retry time 2;\n");
    c.append("  ipv4 { import none; export all; };\n}\n");
    return c.toString();
  }

  @Override
  public void start(DutSetup s) {
    Path cfg = s.dir().resolve("bird.conf");
    WorkDir.write(cfg, render(s, s.dir().resolve("bird.log")));
    ExecResult check = Cmd.run(List.of("bird", "-p", "-c", cfg.toString()));
    if (!check.ok()) {
      throw new IllegalStateException("bird rejects " + cfg + ": "
          + (check.stdout() + check.stderr()).strip());
    }
    bird = s.netns().spawn("bird", List.of("bird", "-f", "-c", cfg.toString(),
        "-s", s.dir().resolve("bird.ctl").toString(), "-P", s.dir().resolve("bird.pid").toString()),
        s.dir().resolve("bird.out"));
  }

  @Override
  public long pid() {
    return bird.pid();
  }

  @Override
  public void close() {
    if (bird != null) {
      bird.stop();
      bird = null;
    }
  }
}
