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

  private E2eRun() {}

  /** {@code dut} null: the feeder → monitor baseline. */
  static RunResult run(FeedPlan plan, String dutName, Supplier<Dut> dut, int run,
      Duration timeout) throws Exception {
    Workload w = plan.workload;
    boolean withDut = dut != null;
    long expected = withDut ? plan.uniquePrefixes : plan.totalPaths;
    Path dir = WorkDir.create("e2e-" + dutName);
    try (NetnsLab lab = NetnsLab.create()) {
      Topology t = new Topology(lab, plan, withDut);
      try (Monitor monitor = new Monitor(t.monitor, t.monitorAddress, (int) expected);
          Dut device = withDut ? dut.get() : null) {
        monitor.start();
        if (device != null) {
          List<DutSetup.Peer> feeders = new ArrayList<>();
          for (int i = 0; i < plan.feederAddresses.size(); i++) {
            feeders.add(new DutSetup.Peer(plan.feederAddresses.get(i), FeedPlan.feederAs(i)));
          }
          device.start(new DutSetup(t.dut, dir, DutSetup.ASN, Topology.DUT_ROUTER_ID,
              Topology.RECEIVER, feeders, new DutSetup.Peer(t.monitorAddress, Monitor.ASN)));
          monitor.awaitSessions(1, Duration.ofSeconds(60));
        }
        try (Feeder feeder = new Feeder(t.feeders, plan, Topology.RECEIVER)) {
          feeder.connect(Duration.ofSeconds(60 + w.feeders() / 5));
          if (device == null) {
            monitor.awaitSessions(w.feeders(), Duration.ofSeconds(30));
          }
          monitor.expect(new Monitor.Expectation(expected, false));
          ProcStats before = device == null ? null : ProcStats.of(device.pid());
          Feeder.Sent sent = feeder.send(plan.load);
          long t0 = sent.start();
          long done = monitor.awaitComplete(timeout);
          long last = monitor.awaitQuiet(QUIET, timeout);
          double churn = Double.NaN;
          if (plan.churn != null) {
            monitor.expect(new Monitor.Expectation(expected, true));
            long c0 = feeder.send(plan.churn).start();
            long cDone = monitor.awaitComplete(timeout);
            monitor.awaitQuiet(QUIET, timeout);
            churn = seconds(cDone - c0);
          }
          ProcStats after = device == null ? null : ProcStats.of(device.pid());
          long heap = device == null ? -1 : device.retainedHeapKib();
          if (feeder.failure() != null) {
            throw new IllegalStateException("feeder session failed: " + feeder.failure());
          }
          RunResult r = new RunResult(w.number(), dutName, run, seconds(sent.written() - t0),
              seconds(done - t0),
              seconds(last - t0), churn, after == null ? -1 : after.peakRssKib(),
              after == null ? Double.NaN : after.cpuSeconds() - before.cpuSeconds(),
              feeder.announcementsReceived(), feeder.withdrawalsReceived(),
              monitor.routes(), heap);
          log.info("workload {} {} run {}: {} ({})", w.number(), dutName, run, r.csv(),
              monitor.status());
          return r;
        }
      }
    } finally {
      if (!WorkDir.keep()) {
        WorkDir.delete(dir);
      }
    }
  }

  static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
