package dev.podbgp.bench.e2e;

import dev.podbgp.interop.netns.NetnsLab;
import dev.podbgp.interop.peer.WorkDir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run: a fresh lab, a fresh device process, the monitor up and its session Established,
 * every feeder Established, then the clock starts with the feeder's first byte. Everything is
 * torn down before it returns, also on failure.
 */
final class E2eRun {
  private static final Logger log = LoggerFactory.getLogger(E2eRun.class);
  static final Duration QUIET = Duration.ofSeconds(2);
  /** How long a device may take to bring up the monitor session (and the baseline its feeders). */
  static final Duration SESSIONS_UP = Duration.ofSeconds(60);

  private E2eRun() {}

  /**
   * How long workload 4's churn goes on: {@code rounds} changes of the churned tenth (withdrawn,
   * then announced again: marked in odd rounds, unmarked in even ones, so each round changes
   * every churned prefix), with {@code pause} of quiet after each, on top of the 2 s the monitor
   * waits for quiet. One round is the published workload; more show what a device holds after
   * long churn, as against its peak. {@code kibPerSecond} above 0 sends the rounds instead as one
   * steady stream of that rate, with no quiet between them.
   */
  record ChurnRounds(int rounds, Duration pause, int kibPerSecond) {
    static final int MAX_ROUNDS = 1000;
    static final Duration MAX_PAUSE = Duration.ofMinutes(10);
    static final int MAX_KIB_PER_SECOND = 1 << 20;
    // After the bounds, which the constructor reads.
    static final ChurnRounds ONCE = new ChurnRounds(1, Duration.ZERO);

    ChurnRounds {
      if (rounds < 1 || rounds > MAX_ROUNDS) {
        throw new IllegalArgumentException(rounds + " churn rounds is outside 1.." + MAX_ROUNDS);
      }
      if (pause.isNegative() || pause.compareTo(MAX_PAUSE) > 0) {
        throw new IllegalArgumentException("a pause of " + pause.toSeconds()
            + " s between churn rounds is outside 0.." + MAX_PAUSE.toSeconds() + " s");
      }
      if (kibPerSecond < 0 || kibPerSecond > MAX_KIB_PER_SECOND) {
        throw new IllegalArgumentException("a churn rate of " + kibPerSecond
            + " KiB/s is outside 0.." + MAX_KIB_PER_SECOND + " (0: as fast as the device reads)");
      }
    }

    /** As fast as the device reads. */
    ChurnRounds(int rounds, Duration pause) {
      this(rounds, pause, 0);
    }
  }

  /** One run, churning once in workload 4. */
  static RunResult run(FeedPlan plan, String dutName, Supplier<Dut> dut, int run,
      Duration timeout) throws Exception {
    return run(plan, dutName, dut, run, timeout, ChurnRounds.ONCE);
  }

  /**
   * {@code dut} null: the feeder → monitor baseline. Throws when the run cannot complete: a
   * session of the feeder or the monitor ended (at once, not at the timeout), sessions did not
   * come up in time, or the monitor (or the kernel) did not get every route within
   * {@code timeout}. The message says which, with what the device said about its sessions; the
   * run's work directory (device configuration and logs) is then kept and named.
   */
  static RunResult run(FeedPlan plan, String dutName, Supplier<Dut> dut, int run,
      Duration timeout, ChurnRounds churn) throws Exception {
    Path dir = WorkDir.create("e2e-" + dutName);
    boolean keepDir = false;
    try {
      return measure(plan, dutName, dut, run, timeout, churn, dir);
    } catch (Exception e) {
      keepDir = dut != null; // the baseline's directory holds nothing worth keeping
      throw new RunFailedException(reason(e) + (keepDir ? " [work directory with the device's"
          + " configuration and logs kept: " + dir + "]" : ""), e);
    } finally {
      if (!keepDir && !WorkDir.keep()) {
        WorkDir.delete(dir);
      }
    }
  }

  /** A run that could not complete; the message is the reason for the report. */
  static final class RunFailedException extends Exception {
    RunFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static RunResult measure(FeedPlan plan, String dutName, Supplier<Dut> dut, int run,
      Duration timeout, ChurnRounds churn, Path dir) throws Exception {
    Workload w = plan.workload;
    boolean withDut = dut != null;
    long expected = withDut ? plan.uniquePrefixes : plan.totalPaths;
    try (NetnsLab lab = NetnsLab.create()) {
      Topology t = new Topology(lab, plan, withDut);
      try (Monitor monitor = new Monitor(t.monitor, t.monitorAddress, (int) expected);
          Dut device = withDut ? dut.get() : null;
          KernelRouteWatch kernel = device == null || device.kernelProtocol().isEmpty() ? null
              : new KernelRouteWatch(t.dut, device.kernelProtocol().getAsInt(),
                  plan.uniquePrefixes)) {
        return measure(plan, dutName, run, timeout, churn, t, monitor, device, kernel, expected,
            dir);
      }
    }
  }

  private static RunResult measure(FeedPlan plan, String dutName, int run, Duration timeout,
      ChurnRounds rounds, Topology t, Monitor monitor, Dut device, KernelRouteWatch kernel,
      long expected, Path dir) throws Exception {
    Workload w = plan.workload;
    Feeder feeder = null;
    try {
      monitor.start();
      if (kernel != null) {
        kernel.start();
      }
      if (device != null) {
        List<DutSetup.Peer> feeders = new ArrayList<>();
        for (int i = 0; i < plan.feederAddresses.size(); i++) {
          feeders.add(new DutSetup.Peer(plan.feederAddresses.get(i), FeedPlan.feederAs(i)));
        }
        device.start(new DutSetup(t.dut, dir, DutSetup.ASN, Topology.DUT_ROUTER_ID,
            Topology.RECEIVER, feeders, new DutSetup.Peer(t.monitorAddress, Monitor.ASN)));
        monitor.awaitSessions(1, SESSIONS_UP);
      }
      feeder = new Feeder(t.feeders, plan, Topology.RECEIVER, monitor::abort);
      feeder.connect(Duration.ofSeconds(60 + w.feeders() / 5));
      if (device == null) {
        monitor.awaitSessions(w.feeders(), SESSIONS_UP);
      }
      monitor.expect(new Monitor.Expectation(expected, false));
      ProcStats before = device == null ? null : ProcStats.of(device.pid());
      Feeder.Sent sent = feeder.send(plan.load);
      long t0 = sent.start();
      long done = monitor.awaitComplete(timeout);
      log.info("workload {} {} run {}: the monitor held {}", w.number(), dutName, run, monitor.progress(t0));
      long last = monitor.awaitQuiet(QUIET, timeout);
      double inKernel = Double.NaN;
      if (kernel != null) {
        inKernel = seconds(kernel.awaitComplete(timeout) - t0);
        kernel.verify();
      }
      double churn = plan.churn == null ? Double.NaN
          : churn(plan, rounds, feeder, monitor, device, expected, timeout, dutName + " run " + run);
      ProcStats after = device == null ? null : ProcStats.of(device.pid());
      long heap = device == null ? -1 : device.retainedHeapKib();
      if (feeder.failure() != null) {
        throw new IllegalStateException(feeder.failure());
      }
      RunResult r = new RunResult(w.number(), dutName, run, seconds(sent.written() - t0),
          seconds(done - t0), seconds(last - t0), churn, inKernel,
          after == null ? -1 : after.peakRssKib(), before == null ? -1 : before.peakRssKib(),
          after == null ? -1 : after.rssKib(), after == null ? Double.NaN : after.cpuSeconds() - before.cpuSeconds(),
          feeder.announcementsReceived(), feeder.withdrawalsReceived(), monitor.routes(), heap,
          null);
      log.info("workload {} {} run {}: {} ({})", w.number(), dutName, run, r.csv(),
          monitor.status());
      return r;
    } catch (Exception e) {
      // Ask the device while it still runs and the feeders are still connected: it often knows
      // best why a session is down, and closing the feeders first would take every session down.
      String trouble = device == null ? "" : sessionTrouble(device);
      log.warn("workload {} {} run {} failed: {}{}", w.number(), dutName, run, reason(e),
          trouble);
      throw new IllegalStateException(reason(e) + trouble, e);
    } finally {
      if (feeder != null) {
        feeder.close();
      }
    }
  }

  /** Churns for the rounds asked; returns the median round's seconds until the monitor held it. */
  private static double churn(FeedPlan plan, ChurnRounds rounds, Feeder feeder, Monitor monitor,
      Dut device, long expected, Duration timeout, String what) throws Exception {
    if (rounds.kibPerSecond() > 0) {
      return trickle(plan, rounds, feeder, monitor, device, expected, timeout, what);
    }
    double[] times = new double[rounds.rounds()];
    for (int i = 0; i < times.length; i++) {
      boolean marked = i % 2 == 0;
      monitor.expect(new Monitor.Expectation(expected, marked));
      long c0 = feeder.send(marked ? plan.churn : plan.churnBack).start();
      long done = monitor.awaitComplete(timeout);
      monitor.awaitQuiet(QUIET, timeout);
      times[i] = seconds(done - c0);
      if (times.length > 1) {
        log.info("churn {}, round {} of {}: {} s{}", what, i + 1, times.length,
            String.format(java.util.Locale.ROOT, "%.3f", times[i]), memory(device));
        if (i < times.length - 1 && !rounds.pause().isZero()) {
          Thread.sleep(rounds.pause().toMillis());
        }
      }
    }
    return Report.median(times);
  }

  /**
   * The rounds as one steady stream at the rate asked, with no pause between them (an Internet
   * feed's background churn never stops for a second); logs the device's RSS after each round went
   * out and returns the seconds from the first byte until the monitor held the last round's state.
   */
  private static double trickle(FeedPlan plan, ChurnRounds rounds, Feeder feeder, Monitor monitor,
      Dut device, long expected, Duration timeout, String what) throws Exception {
    long bytesPerSecond = rounds.kibPerSecond() * 1024L;
    long c0 = 0;
    for (int i = 0; i < rounds.rounds(); i++) {
      boolean marked = i % 2 == 0;
      if (i == rounds.rounds() - 1) {
        // The last round's state, set before it goes out so that its completion time is right.
        monitor.expect(new Monitor.Expectation(expected, marked));
      }
      long start = feeder.send(marked ? plan.churn : plan.churnBack, bytesPerSecond).start();
      c0 = i == 0 ? start : c0;
      monitor.checkFailure();
      log.info("churn {}, round {} of {} sent at {} KiB/s{}", what, i + 1, rounds.rounds(),
          rounds.kibPerSecond(), memory(device));
    }
    long done = monitor.awaitComplete(timeout);
    monitor.awaitQuiet(QUIET, timeout);
    return seconds(done - c0);
  }

  /** The device's VmRSS and VmHWM now, for a log line ("" for the baseline run). */
  private static String memory(Dut device) {
    if (device == null) {
      return "";
    }
    ProcStats now = ProcStats.of(device.pid());
    return String.format(java.util.Locale.ROOT, ", VmRSS %.1f MiB, VmHWM %.1f MiB",
        now.rssKib() / 1024.0, now.peakRssKib() / 1024.0);
  }

  private static String sessionTrouble(Dut device) {
    try {
      return device.sessionTrouble().map(x -> "; " + x).orElse("");
    } catch (RuntimeException e) {
      // Only an addition to the reason; the run's own failure must not be masked by it.
      return "; asking " + device.name() + " about its sessions failed: " + reason(e);
    }
  }

  private static String reason(Exception e) {
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
