package dev.podbgp.bench.e2e;

import dev.podbgp.interop.netns.Cmd;
import dev.podbgp.interop.netns.ExecResult;
import dev.podbgp.interop.netns.NetnsProcess;
import dev.podbgp.interop.peer.WorkDir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * BIRD 2: no kernel protocol, so routes stay in its tables (pass-through). Feeders in one
 * template, passive, {@code export none}; the monitor gets {@code export all}. Logging: the info
 * categories and above, no protocol debug. BIRD has no MRAI timer.
 *
 * <p>The FIB-on mode ({@code bird-fib}, workload 3, the comparison for podbgpd's) adds a kernel
 * protocol that exports every best route into the main table (BIRD's defaults otherwise: its
 * own protocol number, 12, and no learning of foreign routes).
 */
final class BirdDut implements Dut {
  /** The protocol number BIRD's kernel protocol gives its routes (RTPROT_BIRD). */
  static final int KERNEL_PROTOCOL = 12;

  private final boolean fib;
  private NetnsProcess bird;
  private Path ctl;

  /** Pass-through: no kernel protocol. */
  BirdDut() {
    this(false);
  }

  /** @param fib whether BIRD runs a kernel protocol that exports its routes to the kernel */
  BirdDut(boolean fib) {
    this.fib = fib;
  }
  @Override
  public String name() {
    return fib ? Duts.BIRD_FIB : "bird";
  }

  @Override
  public OptionalInt kernelProtocol() {
    return fib ? OptionalInt.of(KERNEL_PROTOCOL) : OptionalInt.empty();
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
    return render(s, log, false);
  }

  static String render(DutSetup s, Path log, boolean fib) {
    StringBuilder c = new StringBuilder();
    c.append("log \"").append(log).append("\" { info, remote, warning, error, auth, fatal, bug };\n");
    c.append("router id ").append(s.routerId().getHostAddress()).append(";\n");
    c.append("protocol device { scan time 10; }\n");
    if (fib) {
      c.append("protocol kernel { ipv4 { export all; }; }\n");
    }
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
    WorkDir.write(cfg, render(s, s.dir().resolve("bird.log"), fib));
    ExecResult check = Cmd.run(List.of("bird", "-p", "-c", cfg.toString()));
    if (!check.ok()) {
      throw new IllegalStateException("bird rejects " + cfg + ": "
          + (check.stdout() + check.stderr()).strip());
    }
    ctl = s.dir().resolve("bird.ctl");
    bird = s.netns().spawn("bird", List.of("bird", "-f", "-c", cfg.toString(),
        "-s", ctl.toString(), "-P", s.dir().resolve("bird.pid").toString()),
        s.dir().resolve("bird.out"));
  }

  @Override
  public long pid() {
    return bird.pid();
  }

  /** BIRD's BGP protocols that are not up, from {@code birdc show protocols}. */
  @Override
  public Optional<String> sessionTrouble() {
    if (bird == null || !bird.isAlive()) {
      return Optional.of("bird is not running");
    }
    ExecResult r = Cmd.run(List.of("birdc", "-s", ctl.toString(), "show", "protocols"),
        Duration.ofSeconds(30));
    if (!r.ok()) {
      return Optional.of("birdc show protocols failed: " + (r.stdout() + r.stderr()).strip());
    }
    List<String> down = notUp(r.stdout());
    return Optional.of(down.isEmpty() ? "bird shows every BGP protocol up"
        : "bird shows " + down.size() + " BGP protocol(s) not up: "
            + String.join(", ", down.subList(0, Math.min(10, down.size()))));
  }

  /** From {@code show protocols}: "name state info" for every BGP protocol not up. */
  static List<String> notUp(String protocols) {
    List<String> out = new ArrayList<>();
    for (String line : protocols.lines().toList()) {
      // Name Proto Table State Since Info
      String[] f = line.strip().split("\\s+", 6);
      if (f.length >= 5 && f[1].equals("BGP") && !f[3].equals("up")) {
        String info = f.length > 5 ? " (" + f[5].replaceAll("\\s+", " ") + ")" : "";
        out.add(f[0] + " " + f[3] + info);
      }
    }
    return out;
  }

  @Override
  public void close() {
    if (bird != null) {
      bird.stop();
      bird = null;
    }
  }
}
