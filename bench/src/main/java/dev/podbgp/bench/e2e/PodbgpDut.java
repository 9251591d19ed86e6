package dev.podbgp.bench.e2e;

import dev.podbgp.interop.netns.Cmd;
import dev.podbgp.interop.netns.ExecResult;
import dev.podbgp.interop.netns.NetnsProcess;
import dev.podbgp.interop.peer.WorkDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * podbgpd from the built distribution ({@code daemon/target/podbgp-dist}), pass-through only:
 * {@code kernel: {install: false}}, so the RIB's routes never reach a FIB. Feeders are passive
 * peers that import everything and are sent nothing (export rejects every prefix); the monitor
 * imports nothing and is sent everything. Hold time 90 s, keepalive 30 s like every device; the
 * RIB's UPDATE coalescing window is podbgpd's shipped default (at most 50 ms while input keeps
 * coming, ended at once when the RIB's input queue is empty; not configurable), which is below
 * FRR's update-group coalesce time and the only batching podbgpd does (no MRAI). Logging
 * at the daemon's default level, info, to a file.
 *
 * <p>The FIB-on mode ({@code podbgp-fib}, workload 3 only) changes one line:
 * {@code kernel: {install: true}} with the shipped defaults (main table, protocol 186), so the
 * routes also go into the device namespace's kernel, via the feeders' addresses on the directly
 * connected feeder subnet. Everything else is the pass-through configuration.
 *
 * <p>JVM flags are {@link #JVM_FLAGS}, the same for every run: what an operator would put in the
 * systemd unit for a node daemon, nothing tuned for the benchmark.
 */
final class PodbgpDut implements Dut {
  private static final Logger log = LoggerFactory.getLogger(PodbgpDut.class);

  /**
   * The JVM options podbgpd ships with: {@code PODBGPD_JAVA_OPTS} from the distribution's
   * {@code conf/podbgpd.env}, which the systemd unit and {@code bin/podbgpd} read too. Nothing is
   * added for the benchmark. Empty when there is no distribution (the device is then skipped).
   */
  static final List<String> JVM_FLAGS = dist().map(d -> shippedJvmFlags(d.resolve("conf/podbgpd.env")))
      .orElse(List.of());

  /** {@code PODBGPD_JAVA_OPTS="..."} from an environment file, split at white space. */
  static List<String> shippedJvmFlags(Path envFile) {
    List<String> lines;
    try {
      lines = Files.readAllLines(envFile);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read podbgpd's JVM options from " + envFile + ": " + e, e);
    }
    for (String line : lines) {
      String l = line.strip();
      if (l.startsWith("PODBGPD_JAVA_OPTS=")) {
        String v = l.substring("PODBGPD_JAVA_OPTS=".length()).strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        return v.isBlank() ? List.of() : List.of(v.strip().split("\\s+"));
      }
    }
    throw new IllegalStateException(envFile + " sets no PODBGPD_JAVA_OPTS");
  }

  /** System property naming the distribution directory (default: found from the working dir). */
  static final String DIST_PROPERTY = "podbgp.dist";
  static final String MAIN = "dev.podbgp.daemon.PodbgpdMain";
  /** The {@code podbgp} client, which asks podbgpd over its control socket. */
  static final String CLI_MAIN = "dev.podbgp.daemon.cli.PodbgpMain";
  /** One peer of {@code podbgp --json status}: its address, state and last error. */
  private static final Pattern STATUS_PEER = Pattern.compile("\"address\"\\s*:\\s*\"([^\"]*)\""
      + "[^{}]*?\"state\"\\s*:\\s*\"([^\"]*)\"(?:[^{}]*?\"lastError\"\\s*:\\s*\"([^\"]*)\")?");
  /**
   * System property naming a directory: when set, podbgpd also runs a JFR recording (profile
   * settings) written there when it stops. A profiling aid for one separate run; the measured
   * tables are taken without it.
   */
  static final String JFR_PROPERTY = "podbgp.bench.jfr";
  private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("^Total\\s+\\d+\\s+(\\d+)\\s*$");
  private static final int HISTOGRAM_LINES = 15;
  /** podbgpd's default {@code kernel.protocol}, {@code bgp} in iproute2's rt_protos. */
  static final int KERNEL_PROTOCOL = 186;

  private final boolean fib;
  private NetnsProcess podbgpd;
  private Path socket;

  /** Pass-through: {@code kernel: {install: false}}. */
  PodbgpDut() {
    this(false);
  }

  /** @param fib whether podbgpd installs its routes into the device namespace's kernel */
  PodbgpDut(boolean fib) {
    this.fib = fib;
  }

  @Override
  public String name() {
    return fib ? Duts.PODBGP_FIB : "podbgp";
  }

  @Override
  public OptionalInt kernelProtocol() {
    return fib ? OptionalInt.of(KERNEL_PROTOCOL) : OptionalInt.empty();
  }

  /** The distribution: {@code -Dpodbgp.dist}, else {@code daemon/target/podbgp-dist} here or one up. */
  static Optional<Path> dist() {
    String p = System.getProperty(DIST_PROPERTY);
    List<Path> candidates = p != null ? List.of(Path.of(p))
        : List.of(Path.of("daemon/target/podbgp-dist"), Path.of("../daemon/target/podbgp-dist"));
    for (Path c : candidates) {
      if (hasDaemonJar(c)) {
        return Optional.of(c.toAbsolutePath().normalize());
      }
    }
    return Optional.empty();
  }

  private static boolean hasDaemonJar(Path dist) {
    Path lib = dist.resolve("lib");
    if (!Files.isDirectory(lib)) {
      return false;
    }
    try (Stream<Path> s = Files.list(lib)) {
      return s.anyMatch(f -> f.getFileName().toString().matches("daemon-.*\\.jar"));
    } catch (IOException e) {
      return false;
    }
  }

  private static Path javaHome() {
    return Path.of(System.getProperty("java.home"));
  }

  @Override
  public Optional<String> unavailableReason() {
    if (dist().isEmpty()) {
      return Optional.of("the podbgp distribution is not built (no lib/daemon-*.jar in "
          + (System.getProperty(DIST_PROPERTY) != null ? System.getProperty(DIST_PROPERTY)
              : "daemon/target/podbgp-dist")
          + "); build it with ./mvnw -B -q -DskipTests package -pl daemon -am");
    }
    if (!Files.isExecutable(javaHome().resolve("bin/jcmd"))) {
      return Optional.of("jcmd is missing from " + javaHome()
          + " (a JDK is needed to read podbgpd's retained heap)");
    }
    return Optional.empty();
  }

  private static List<String> java(List<String> args) {
    List<String> c = new ArrayList<>();
    c.add(javaHome().resolve("bin/java").toString());
    c.addAll(JVM_FLAGS);
    String jfr = System.getProperty(JFR_PROPERTY);
    if (jfr != null && args.contains("--config")) {
      c.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
          + Path.of(jfr).toAbsolutePath().resolve("podbgpd-" + System.currentTimeMillis() + ".jfr"));
    }
    c.add("-cp");
    c.add(dist().orElseThrow().resolve("lib") + "/*");
    c.add(MAIN);
    c.addAll(args);
    return c;
  }

  @Override
  public String version() {
    ExecResult r = Cmd.run(java(List.of("--version")));
    return (r.stdout() + r.stderr()).strip() + " (JVM " + System.getProperty("java.version") + ", "
        + String.join(" ", JVM_FLAGS) + ")";
  }

  static String render(DutSetup s) {
    return render(s, false);
  }

  static String render(DutSetup s, boolean fib) {
    StringBuilder y = new StringBuilder();
    y.append("node:\n  name: dut\n  asn: ").append(s.asn()).append('\n');
    y.append("  address: ").append(s.feederSideAddress().getHostAddress()).append('\n');
    y.append("  routerId: ").append(s.routerId().getHostAddress()).append('\n');
    y.append("listen: {address: 0.0.0.0, port: 179}\n");
    y.append("timers: {holdTime: ").append(BgpConnection.HOLD_TIME).append("s, keepalive: ")
        .append(BgpConnection.HOLD_TIME / 3).append("s, connectRetry: 1s}\n");
    y.append(fib ? "kernel: {install: true}\n" : "kernel: {install: false}\n");
    y.append("cluster: {mode: none}\n");
    y.append("peerTemplates:\n");
    y.append("  feeder:\n    passive: true\n    families: [ipv4]\n");
    y.append("    import: {accept: [\"0.0.0.0/0 le 32\"]}\n");
    y.append("    export: {reject: [\"0.0.0.0/0 le 32\"]}\n");
    y.append("peers:\n");
    int i = 0;
    for (DutSetup.Peer f : s.feeders()) {
      y.append("  - {name: f").append(i++).append(", template: feeder, address: ")
          .append(f.address().getHostAddress()).append(", asn: ").append(f.asn()).append("}\n");
    }
    y.append("  - name: monitor\n    address: ").append(s.monitor().address().getHostAddress())
        .append("\n    asn: ").append(s.monitor().asn()).append('\n');
    y.append("    families: [ipv4]\n");
    y.append("    export: {accept: [\"0.0.0.0/0 le 32\"]}\n");
    y.append("control: {socket: ").append(s.dir().resolve("podbgpd.sock")).append("}\n");
    return y.toString();
  }

  @Override
  public void start(DutSetup s) {
    Path cfg = s.dir().resolve("podbgpd.yaml");
    socket = s.dir().resolve("podbgpd.sock");
    WorkDir.write(cfg, render(s, fib));
    ExecResult check = Cmd.run(java(List.of("check-config", cfg.toString())),
        Duration.ofSeconds(60));
    if (!check.ok()) {
      throw new IllegalStateException("podbgpd check-config rejects " + cfg + ": "
          + (check.stdout() + check.stderr()).strip());
    }
    podbgpd = s.netns().spawn("podbgpd", java(List.of("--config", cfg.toString())),
        s.dir().resolve("podbgpd.log"));
  }

  @Override
  public long pid() {
    return podbgpd.pid();
  }

  /** podbgpd's peers that are not Established, from {@code podbgp --json status}. */
  @Override
  public Optional<String> sessionTrouble() {
    if (podbgpd == null || !podbgpd.isAlive()) {
      return Optional.of("podbgpd is not running");
    }
    ExecResult r = Cmd.run(List.of(javaHome().resolve("bin/java").toString(), "-cp",
        dist().orElseThrow().resolve("lib") + "/*", CLI_MAIN, "--socket", socket.toString(),
        "--json", "status"), Duration.ofSeconds(60));
    if (!r.ok()) {
      return Optional.of("podbgp status failed: " + (r.stdout() + r.stderr()).strip());
    }
    List<String> down = notEstablished(r.stdout());
    return Optional.of(down.isEmpty() ? "podbgpd shows every peer Established"
        : "podbgpd shows " + down.size() + " peer(s) not Established: "
            + String.join(", ", down.subList(0, Math.min(10, down.size()))));
  }

  /** From {@code podbgp --json status}: "address state (last error)" per peer not Established. */
  static List<String> notEstablished(String statusJson) {
    List<String> out = new ArrayList<>();
    Matcher m = STATUS_PEER.matcher(statusJson);
    while (m.find()) {
      if (!m.group(2).equals("Established")) {
        String error = m.group(3) == null ? "" : " (" + m.group(3) + ")";
        out.add(m.group(1) + " " + m.group(2) + error);
      }
    }
    return out;
  }

  /**
   * Live heap from {@code jcmd PID GC.class_histogram}: it runs a full collection and counts
   * only reachable objects, so its total is the retained heap. The top of the histogram is
   * logged, so the report can say where the memory goes.
   */
  @Override
  public long retainedHeapKib() {
    ExecResult histo = Cmd.run(List.of(javaHome().resolve("bin/jcmd").toString(),
        Long.toString(pid()), "GC.class_histogram"), Duration.ofSeconds(120)).orThrow();
    List<String> lines = histo.stdout().lines().toList();
    long kib = histogramTotalBytes(histo.stdout()) / 1024;
    log.info("podbgpd retained heap {} KiB; live objects, top of the class histogram:\n{}\n{}",
        kib, String.join("\n", lines.subList(0, Math.min(lines.size(), HISTOGRAM_LINES + 3))),
        lines.get(lines.size() - 1));
    return kib;
  }

  /** The byte count of the "Total" line of a class histogram. */
  static long histogramTotalBytes(String histogram) {
    for (String line : histogram.lines().toList()) {
      Matcher m = HISTOGRAM_TOTAL.matcher(line.strip());
      if (m.matches()) {
        return Long.parseLong(m.group(1));
      }
    }
    throw new IllegalStateException("no Total line in jcmd GC.class_histogram output: "
        + histogram.strip());
  }

  @Override
  public void close() {
    if (podbgpd != null) {
      podbgpd.stop();
      podbgpd = null;
    }
  }
}
