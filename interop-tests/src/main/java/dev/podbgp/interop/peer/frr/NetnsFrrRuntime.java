package dev.podbgp.interop.peer.frr;

import dev.podbgp.interop.netns.Cmd;
import dev.podbgp.interop.netns.ExecResult;
import dev.podbgp.interop.netns.Netns;
import dev.podbgp.interop.netns.NetnsProcess;
import dev.podbgp.interop.peer.PeerException;
import dev.podbgp.interop.peer.WorkDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * zebra + bgpd of the Debian FRR package inside a namespace, every path (config, zserv socket,
 * vty sockets, pid files, log) in a private directory so instances never meet. Both daemons drop
 * to user {@code frr}, as packaged; zebra is kept because without it bgpd knows no interfaces and
 * rejects IPv6 link-local next hops.
 */
public final class NetnsFrrRuntime implements FrrRuntime {
  public static final String BGPD = "/usr/lib/frr/bgpd";
  public static final String ZEBRA = "/usr/lib/frr/zebra";
  private static final Duration STARTUP = Duration.ofSeconds(20);

  private final Netns netns;
  private final Path dir;
  private NetnsProcess zebra;
  private NetnsProcess bgpd;

  public NetnsFrrRuntime(Netns netns) {
    this.netns = netns;
    this.dir = WorkDir.create("frr");
    Cmd.run(List.of("chown", "frr:frr", dir.toString())).orThrow();
  }

  /** Why FRR cannot run here, or empty. */
  public static Optional<String> unavailableReason() {
    for (String b : List.of(BGPD, ZEBRA, "vtysh")) {
      if (!Cmd.executableExists(b)) {
        return Optional.of("FRR binary " + b + " is missing (Debian package frr)");
      }
    }
    if (!Cmd.run(List.of("id", "frr")).ok()) {
      return Optional.of("user frr does not exist (Debian package frr creates it)");
    }
    return Optional.empty();
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void start(String frrConf) {
    if (isRunning()) {
      throw new PeerException("FRR in " + netns + " is already running");
    }
    WorkDir.write(dir.resolve("frr.conf"), frrConf);
    WorkDir.write(dir.resolve("zebra.conf"), "hostname zebra\n");
    Path zserv = dir.resolve("zserv.api");
    try {
      Files.deleteIfExists(zserv);
    } catch (IOException e) {
      throw new PeerException("cannot remove stale " + zserv, e);
    }
    zebra = netns.spawn("zebra", List.of(ZEBRA, "-f", dir.resolve("zebra.conf").toString(),
        "-z", zserv.toString(), "--vty_socket", dir.toString(),
        "-i", dir.resolve("zebra.pid").toString(), "-A", "127.0.0.1", "-P", "0",
        "-u", "frr", "-g", "frr"), dir.resolve("zebra.out"));
    awaitFile(zserv, zebra);
    bgpd = netns.spawn("bgpd", List.of(BGPD, "-z", zserv.toString(),
        "-f", dir.resolve("frr.conf").toString(), "--vty_socket", dir.toString(),
        "-i", dir.resolve("bgpd.pid").toString(), "-A", "127.0.0.1", "-P", "0",
        "-u", "frr", "-g", "frr"), dir.resolve("bgpd.out"));
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (true) {
      if (!bgpd.isAlive()) {
        throw new PeerException("bgpd in " + netns + " exited at startup: "
            + WorkDir.readIfExists(dir.resolve("bgpd.out")));
      }
      if (Files.exists(dir.resolve("bgpd.vty"))
          && vtysh(List.of("show bgp summary json")).ok()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new PeerException("bgpd in " + netns + " did not answer vtysh within " + STARTUP);
      }
      pause();
    }
  }

  private void awaitFile(Path file, NetnsProcess owner) {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (!Files.exists(file)) {
      if (!owner.isAlive()) {
        throw new PeerException(owner.label() + " in " + netns + " exited at startup: "
            + WorkDir.readIfExists(owner.logFile()));
      }
      if (System.nanoTime() > deadline) {
        throw new PeerException(owner.label() + " in " + netns + " did not create " + file
            + " within " + STARTUP);
      }
      pause();
    }
  }

  // Startup polling of a local file between process checks; bounded by the deadline above.
  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PeerException("interrupted while waiting for FRR to start", e);
    }
  }

  @Override
  public void stop() {
    if (bgpd != null) {
      bgpd.stop();
      bgpd = null;
    }
    if (zebra != null) {
      zebra.stop();
      zebra = null;
    }
  }

  @Override
  public void close() {
    stop();
    if (!WorkDir.keep()) {
      WorkDir.delete(dir);
    }
  }

  @Override
  public boolean isRunning() {
    return bgpd != null && bgpd.isAlive();
  }

  @Override
  public void signalBgpd(String signal) {
    if (bgpd == null) {
      throw new PeerException("bgpd in " + netns + " is not running");
    }
    bgpd.signal(signal);
  }

  @Override
  public ExecResult vtysh(List<String> commands) {
    List<String> cmd = new ArrayList<>(List.of("vtysh", "--vty_socket", dir.toString(),
        "-d", "bgpd"));
    for (String c : commands) {
      cmd.add("-c");
      cmd.add(c);
    }
    return Cmd.run(cmd, Duration.ofSeconds(10));
  }

  @Override
  public String logPathForConfig() {
    return dir.resolve("frr.log").toString();
  }

  @Override
  public String log() {
    return WorkDir.readIfExists(dir.resolve("frr.log"))
        + WorkDir.readIfExists(dir.resolve("bgpd.out"));
  }
}
