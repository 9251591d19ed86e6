package dev.podbgp.bench.e2e;

import dev.podbgp.interop.netns.Cmd;
import dev.podbgp.interop.netns.ExecResult;
import dev.podbgp.interop.netns.Netns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a device namespace's kernel for the routes a device installs with its own protocol
 * number, and notes the moment the kernel holds all of them.
 *
 * <p>It listens rather than polls: {@code ip -n NS -N monitor route} joins the kernel's route
 * notification group and prints one line per change as the kernel commits it, so the figure
 * does not depend on a poll interval and the watch costs the device nothing while it waits (one
 * idle process blocked on a netlink socket; repeated dumps of a growing table would compete with
 * the device for the same two cores). The moment taken is when our reader sees the line, which
 * is behind the kernel by one pipe hop. Once complete, one {@code ip -j route show proto N} dump
 * checks the count independently of the notifications (a lost notification would otherwise go
 * unnoticed as a wrong figure rather than a failure).
 */
final class KernelRouteWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KernelRouteWatch.class);

  private final Netns netns;
  private final int protocol;
  private final long expected;
  private Process ip;

  // Guarded by this.
  private final Set<String> prefixes = new HashSet<>();
  private long completeAt;
  private String failure;
  private final StringBuilder ignored = new StringBuilder();

  /**
   * @param protocol the device's route protocol number (186 for podbgpd's {@code bgp})
   * @param expected how many distinct prefixes of that protocol mean "all there"
   */
  KernelRouteWatch(Netns netns, int protocol, long expected) {
    this.netns = netns;
    this.protocol = protocol;
    this.expected = expected;
  }

  /** Starts listening; call before the device starts, so no change can be missed. */
  void start() {
    try {
      ip = new ProcessBuilder(List.of("ip", "-n", netns.name(), "-N", "monitor", "route"))
          .redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start ip monitor route in " + netns.name() + ": "
          + e.getMessage(), e);
    }
    Thread reader = new Thread(null, this::read, "kernel-watch", 256 * 1024);
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(ip.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        accept(line, System.nanoTime());
      }
      fail("ip monitor route exited (" + ip.waitFor() + ")" + ignoredLines());
    } catch (IOException | InterruptedException e) {
      fail("reading ip monitor route failed: " + e.getMessage());
    }
  }

  /** One line of {@code ip -N monitor route}; package-private for the parser's test. */
  synchronized void accept(String line, long now) {
    Change c = Change.parse(line);
    if (c == null) {
      if (ignored.length() < 2000) {
        ignored.append("\n  ").append(line);
      }
      return;
    }
    if (c.protocol() != protocol || !c.mainTable()) {
      return;
    }
    if (c.deleted()) {
      prefixes.remove(c.prefix());
    } else {
      prefixes.add(c.prefix());
    }
    if (completeAt == 0 && prefixes.size() == expected) {
      completeAt = now;
      notifyAll();
    }
  }

  /**
   * One route change as {@code ip -N monitor route} prints it: {@code [Deleted ]PREFIX ...
   * [table N] ... proto N ...}; null for lines that are not a unicast route change.
   */
  record Change(boolean deleted, String prefix, int protocol, boolean mainTable) {
    static Change parse(String line) {
      String[] t = line.strip().split("\\s+");
      int i = 0;
      boolean deleted = t.length > 0 && t[0].equals("Deleted");
      if (deleted) {
        i++;
      }
      if (i >= t.length || !t[i].matches("[0-9.]+(/\\d+)?|default")) {
        return null;
      }
      String prefix = t[i].contains("/") || t[i].equals("default") ? t[i] : t[i] + "/32";
      int protocol = -1;
      boolean main = true;
      for (int k = i + 1; k + 1 < t.length; k++) {
        if (t[k].equals("proto")) {
          try {
            protocol = Integer.parseInt(t[k + 1]);
          } catch (NumberFormatException e) {
            return null;
          }
        } else if (t[k].equals("table")) {
          main = t[k + 1].equals("254") || t[k + 1].equals("main");
        }
      }
      return new Change(deleted, prefix, protocol, main);
    }
  }

  private synchronized void fail(String why) {
    if (failure == null && completeAt == 0) {
      failure = why;
    }
    notifyAll();
  }

  private String ignoredLines() {
    return ignored.length() == 0 ? "" : "; its output:" + ignored;
  }

  /** Waits until the kernel holds every expected route; returns the nanoTime it did. */
  synchronized long awaitComplete(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (completeAt == 0) {
      if (failure != null) {
        throw new IllegalStateException("kernel watch in " + netns.name() + ": " + failure);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException("the kernel of " + netns.name() + " holds "
            + prefixes.size() + " of " + expected + " routes with protocol " + protocol
            + " after " + timeout.toSeconds() + " s");
      }
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
    }
    return completeAt;
  }

  /**
   * Counts the device's routes with one dump and checks it against the notifications: the
   * figure is only reported when both agree.
   */
  void verify() {
    ExecResult r = Cmd.run(List.of("ip", "-n", netns.name(), "-j", "route", "show", "table",
        "main", "proto", Integer.toString(protocol))).orThrow();
    // One "dst" per route object (multipath next hops carry none).
    long dumped = r.stdout().split("\"dst\":", -1).length - 1;
    if (dumped != expected) {
      throw new IllegalStateException("ip route show proto " + protocol + " in " + netns.name()
          + " lists " + dumped + " routes, the notifications counted " + expected);
    }
    log.info("kernel of {} holds {} routes with protocol {}", netns.name(), dumped, protocol);
  }

  @Override
  public void close() {
    if (ip != null) {
      ip.destroy();
      try {
        if (!ip.waitFor(5, TimeUnit.SECONDS)) {
          ip.destroyForcibly();
        }
      } catch (InterruptedException e) {
        ip.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
