package dev.podbgp.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Failed runs, the in-kernel figure and the kernel watch's parsing of ip monitor lines. */
class RunReportTest {
  private static final double NAN = Double.NaN;

  private static RunResult ok(String dut, int run, double complete, double inKernel) {
    return new RunResult(3, dut, run, 0.01, complete, complete, NAN, inKernel, 1024, 512, 1000, 0.1, 0,
        0, 2000, -1, null);
  }

  @Test
  void aFailedRunIsACsvRowWithItsReasonAndCountsInNoMedian() {
    RunResult failed = RunResult.failed(3, "frr", 2,
        "feeder: feeder-7 (10.201.0.8): connection closed by peer, \"reset\"");
    assertThat(failed.ok()).isFalse();
    assertThat(failed.csv()).startsWith("3,frr,2,,,,,,-1,-1,-1,,0,0,0,,")
        .endsWith(",\"feeder: feeder-7 (10.201.0.8): connection closed by peer,"
            + " \"\"reset\"\"\"");
    assertThat(RunResult.csvHeader().split(",")).hasSameSizeAs(
        ok("bird", 1, 1, NAN).csv().split(",", -1));

    String table = Report.table(Workload.full(3), 2000, List.of("none", "bird", "frr"),
        List.of(ok("bird", 1, 0.04, NAN), ok("frr", 1, 8.0, NAN), failed,
            ok("frr", 3, 9.0, NAN)));
    assertThat(table).contains("| frr | 2 (1 failed) | 0.010 | 8.500 |");
  }

  @Test
  void memoryBeyondTheStartIsPerPathAndComparedWithBirds() {
    // BIRD 2 MiB when the load begins and 150 at its peak, podbgpd 77 and 195: the whole process
    // is 1.30 x BIRD's, what the routes added 118 against 148 MiB, 0.80 x.
    RunResult bird = new RunResult(1, "bird", 1, 1, 1.8, 1.8, NAN, NAN, 150 * 1024, 2 * 1024,
        140 * 1024, 1.8, 0, 0, 1_000_000, -1, null);
    RunResult podbgp = new RunResult(1, "podbgp", 1, 1, 1.3, 1.3, NAN, NAN, 195 * 1024, 77 * 1024,
        190 * 1024, 1.9, 0, 0, 1_000_000, 86_000, null);
    String table = Report.table(Workload.full(1), 1_000_000, List.of("bird", "podbgp"),
        List.of(bird, podbgp));
    assertThat(table).contains("| RSS per path (B) | beyond start, per path (B) |",
        "| bird | 1 | 1.000 | 1.800 | 1.800 | 150.0 | 157 | 155 | – | 1.80 | 1.00 | 1.00 | 1.00 |",
        "| podbgp | 1 | 1.000 | 1.300 | 1.300 | 195.0 | 204 | 124 | 84.0 | 1.90 | 0.72 | 1.30 | 0.80 |");
    assertThat(RunResult.failed(1, "podbgp", 2, "x").startRssKib()).isEqualTo(-1);
  }

  @Test
  void theChurnTableShowsWhatTheDeviceStillHeldAtTheEnd() {
    RunResult podbgp = new RunResult(4, "podbgp", 1, 1, 1.3, 1.3, 0.5, NAN, 300 * 1024, 90 * 1024,
        250 * 1024, 9, 0, 0, 1_000_000, -1, null);
    String table = Report.table(Workload.full(4), 1_000_000, List.of("podbgp"), List.of(podbgp));
    assertThat(table).contains("| churn converged (s) | RSS at the end (MiB) | peak RSS (MiB) |",
        "| podbgp | 1 | 1.000 | 1.300 | 1.300 | 0.500 | 250.0 | 300.0 |");
    assertThat(Report.table(Workload.full(1), 1, List.of("bird"), List.of(ok("bird", 1, 1, NAN))))
        .doesNotContain("at the end");
  }

  @Test
  void workloadThreeHasAnInKernelColumnFilledOnlyForTheFibRun() {
    String table = Report.table(Workload.full(3), 2000,
        List.of("bird", "podbgp", Duts.PODBGP_FIB),
        List.of(ok("bird", 1, 0.04, NAN), ok("podbgp", 1, 0.3, NAN),
            ok(Duts.PODBGP_FIB, 1, 0.4, 0.5)));
    assertThat(table).contains("| in kernel (s) |", "| podbgp | 1 | 0.010 | 0.300 | 0.300 | – |",
        "| podbgp, FIB on | 1 | 0.010 | 0.400 | 0.400 | 0.500 |");
    assertThat(Report.table(Workload.full(1), 1, List.of("bird"), List.of(ok("bird", 1, 1, NAN))))
        .doesNotContain("in kernel");
  }

  @Test
  void fibOnRunsComeRightAfterTheirPassThroughRunsInWorkloadThreeOnly() {
    assertThat(E2eBench.order(3, List.of("bird", "podbgp", "frr")))
        .containsExactly("none", "bird", Duts.BIRD_FIB, "podbgp", Duts.PODBGP_FIB, "frr");
    assertThat(E2eBench.order(1, List.of("bird", "podbgp")))
        .containsExactly("none", "bird", "podbgp");
    assertThat(E2eBench.order(3, List.of(Duts.PODBGP_FIB, "podbgp", "gobgp")))
        .containsExactly("none", Duts.PODBGP_FIB, "podbgp", "gobgp");
  }

  @Test
  void ipMonitorLinesAreParsedIntoRouteChanges() {
    assertThat(KernelRouteWatch.Change.parse("100.64.0.0/26 via 10.201.0.1 dev eth0 proto 186"))
        .isEqualTo(new KernelRouteWatch.Change(false, "100.64.0.0/26", 186, true));
    assertThat(KernelRouteWatch.Change.parse(
        "Deleted 100.64.0.64/26 via 10.201.0.2 dev eth0 table 100 proto 186 metric 20"))
        .isEqualTo(new KernelRouteWatch.Change(true, "100.64.0.64/26", 186, false));
    assertThat(KernelRouteWatch.Change.parse("local 10.201.3.254 dev eth0 table 255 proto 2"))
        .isNull();
  }

  @Test
  void theWatchIsCompleteWhenEveryPrefixOfItsProtocolIsInTheMainTable() throws Exception {
    KernelRouteWatch w = new KernelRouteWatch(null, 186, 2);
    w.accept("100.64.0.0/26 via 10.201.0.1 dev e proto 186", 1);
    w.accept("100.64.0.64/26 via 10.201.0.1 dev e proto 17", 2);
    w.accept("100.64.0.64/26 via 10.201.0.1 dev e table 7 proto 186", 3);
    w.accept("Deleted 100.64.0.0/26 via 10.201.0.1 dev e proto 186", 4);
    w.accept("100.64.0.0/26 via 10.201.0.1 dev e proto 186", 5);
    w.accept("100.64.0.64/26 via 10.201.0.2 dev e proto 186", 6);
    w.accept("100.64.0.128/26 via 10.201.0.2 dev e proto 186", 7);
    assertThat(w.awaitComplete(java.time.Duration.ofSeconds(1))).isEqualTo(6);
  }
}
