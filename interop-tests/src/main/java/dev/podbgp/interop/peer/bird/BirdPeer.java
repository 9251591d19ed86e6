package dev.podbgp.interop.peer.bird;

import dev.podbgp.interop.netns.Cmd;
import dev.podbgp.interop.netns.ExecResult;
import dev.podbgp.interop.netns.Netns;
import dev.podbgp.interop.netns.NetnsProcess;
import dev.podbgp.interop.peer.Addresses;
import dev.podbgp.interop.peer.BgpPeer;
import dev.podbgp.interop.peer.Family;
import dev.podbgp.interop.peer.Neighbor;
import dev.podbgp.interop.peer.Origination;
import dev.podbgp.interop.peer.PeerConfig;
import dev.podbgp.interop.peer.PeerException;
import dev.podbgp.interop.peer.Prefix;
import dev.podbgp.interop.peer.ReceivedRoute;
import dev.podbgp.interop.peer.SessionState;
import dev.podbgp.interop.peer.WorkDir;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BIRD 2 in a namespace ({@code bird -f -c cfg -s ctl -P pid}), queried with {@code birdc -s
 * ctl}. Runtime changes rewrite the configuration and run {@code birdc configure}.
 */
public final class BirdPeer implements BgpPeer {
  private static final Duration STARTUP = Duration.ofSeconds(20);
  private static final Pattern STATE = Pattern.compile("BGP state:\\s+(\\S+)");

  private final Netns netns;
  private final Path dir;
  private PeerConfig config;
  private NetnsProcess bird;

  public BirdPeer(Netns netns, PeerConfig config) {
    this.netns = netns;
    this.config = config;
    this.dir = WorkDir.create("bird");
  }

  public static Optional<String> unavailableReason() {
    for (String b : List.of("bird", "birdc")) {
      if (!Cmd.executableExists(b)) {
        return Optional.of("BIRD binary " + b + " is missing (Debian package bird2)");
      }
    }
    return Optional.empty();
  }

  @Override
  public String kind() {
    return "bird";
  }

  @Override
  public synchronized PeerConfig config() {
    return config;
  }

  private Path ctl() {
    return dir.resolve("bird.ctl");
  }

  private void writeConfig() {
    Path cfg = dir.resolve("bird.conf");
    WorkDir.write(cfg, BirdConfigWriter.render(config, dir.resolve("bird.log").toString()));
    ExecResult check = Cmd.run(List.of("bird", "-p", "-c", cfg.toString()));
    if (!check.ok()) {
      throw new PeerException("BIRD rejects the generated " + cfg + ": "
          + (check.stdout() + check.stderr()).strip());
    }
  }

  @Override
  public synchronized void start() {
    if (isRunning()) {
      throw new PeerException("BIRD " + config.name() + " is already running");
    }
    writeConfig();
    bird = netns.spawn("bird", List.of("bird", "-f", "-c", dir.resolve("bird.conf").toString(),
        "-s", ctl().toString(), "-P", dir.resolve("bird.pid").toString()),
        dir.resolve("bird.out"));
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (true) {
      if (!bird.isAlive()) {
        throw new PeerException("bird in " + netns + " exited at startup: " + log());
      }
      if (Files.exists(ctl()) && birdc("show status").ok()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new PeerException("bird in " + netns + " did not answer birdc within " + STARTUP);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PeerException("interrupted while starting BIRD", e);
      }
    }
  }

  @Override
  public synchronized void stop() {
    if (bird != null) {
      bird.stop();
      bird = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return bird != null && bird.isAlive();
  }

  @Override
  public synchronized void freeze() {
    running().signal("STOP");
  }

  @Override
  public synchronized void thaw() {
    running().signal("CONT");
  }

  private NetnsProcess running() {
    if (bird == null) {
      throw new PeerException("BIRD " + config.name() + " is not running");
    }
    return bird;
  }

  private ExecResult birdc(String... command) {
    List<String> cmd = new ArrayList<>(List.of("birdc", "-s", ctl().toString()));
    cmd.addAll(List.of(command));
    return Cmd.run(cmd, Duration.ofSeconds(10));
  }

  private String birdcOrThrow(String... command) {
    ExecResult r = birdc(command);
    String out = r.stdout();
    // birdc exits 0 on most errors; replies with code 8xxx/9xxx carry them.
    if (!r.ok() || out.lines().anyMatch(l -> l.matches("^(8|9)\\d{3}[ -].*")
        || l.startsWith("syntax error") || l.contains("Unable to connect"))) {
      throw new PeerException("birdc " + String.join(" ", command) + " on " + config.name()
          + " failed: " + (out + r.stderr()).strip());
    }
    return out;
  }

  @Override
  public SessionState sessionState(InetAddress neighbor) {
    config.neighbor(neighbor);
    String out = birdcOrThrow("show", "protocols", "all", BirdConfigWriter.protocolName(neighbor));
    Matcher m = STATE.matcher(out);
    if (!m.find()) {
      throw new PeerException("no 'BGP state' in birdc output for "
          + Addresses.format(neighbor) + ": " + out.strip());
    }
    return SessionState.parse(m.group(1));
  }

  @Override
  public List<ReceivedRoute> receivedRoutes(Family family) {
    String table = family == Family.IPV4_UNICAST ? "master4" : "master6";
    String out = birdcOrThrow("show", "route", "all", "table", table);
    Map<String, InetAddress> byProtocol = new HashMap<>();
    for (Neighbor n : config().neighbors()) {
      byProtocol.put(BirdConfigWriter.protocolName(n.address()), n.address());
    }
    try {
      return BirdRouteParser.parse(out, BirdRouteParser.lookup(byProtocol));
    } catch (IllegalArgumentException e) {
      throw new PeerException("cannot read BIRD " + config.name() + " table " + table + ": "
          + e.getMessage(), e);
    }
  }

  /** Applies the changed configuration to the running daemon. */
  private void reconfigure(PeerConfig next) {
    PeerConfig before = config;
    config = next;
    try {
      writeConfig();
      if (isRunning()) {
        String out = birdcOrThrow("configure");
        if (!out.contains("Reconfigured") && !out.contains("Reconfiguration in progress")) {
          throw new PeerException("birdc configure on " + config.name() + ": " + out.strip());
        }
      }
    } catch (RuntimeException e) {
      config = before;
      throw e;
    }
  }

  @Override
  public synchronized void originate(Origination o) {
    reconfigure(config.originating(o));
  }

  @Override
  public synchronized void withdraw(Prefix prefix) {
    List<Origination> rest = config.originations().stream()
        .filter(x -> !x.prefix().equals(prefix)).toList();
    if (rest.size() == config.originations().size()) {
      throw new IllegalArgumentException("BIRD " + config.name() + " does not originate " + prefix);
    }
    reconfigure(new PeerConfig(config.name(), config.localAs(), config.routerId(),
        config.neighbors(), rest));
  }

  @Override
  public synchronized void setMd5(InetAddress neighbor, String password) {
    reconfigure(config.replacing(config.neighbor(neighbor).md5(password)));
  }

  @Override
  public void shutdownNeighbor(InetAddress neighbor, String message) {
    String p = BirdConfigWriter.protocolName(config.neighbor(neighbor).address());
    if (message == null) {
      birdcOrThrow("disable", p);
    } else {
      birdcOrThrow("disable", p, "\"" + message.replace("\"", "'") + "\"");
    }
  }

  @Override
  public void enableNeighbor(InetAddress neighbor) {
    birdcOrThrow("enable", BirdConfigWriter.protocolName(config.neighbor(neighbor).address()));
  }

  @Override
  public void requestRouteRefresh(InetAddress neighbor) {
    birdcOrThrow("reload", "in", BirdConfigWriter.protocolName(config.neighbor(neighbor).address()));
  }

  @Override
  public synchronized void close() {
    stop();
    if (!WorkDir.keep()) {
      WorkDir.delete(dir);
    }
  }

  @Override
  public String log() {
    return WorkDir.readIfExists(dir.resolve("bird.log"))
        + WorkDir.readIfExists(dir.resolve("bird.out"));
  }
}
