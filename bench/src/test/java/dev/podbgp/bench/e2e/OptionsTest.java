package dev.podbgp.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

  @Test
  void defaultsAreEveryWorkloadEveryDeviceThreeRuns() {
    E2eBench.Options o = E2eBench.Options.parse(new String[0]);
    assertThat(o.workloads()).containsExactly(1, 2, 3, 4);
    assertThat(o.duts()).containsExactly("bird", "frr", "gobgp", "podbgp");
    assertThat(o.runs()).isEqualTo(3);
    assertThat(o.quick()).isFalse();
    assertThat(o.churn()).isEqualTo(E2eRun.ChurnRounds.ONCE);
  }

  @Test
  void churnCanGoOnForRoundsWithPausesButOnlyWhereThereIsChurn() {
    E2eBench.Options o = E2eBench.Options.parse(new String[] {"--workload", "4", "--churn-rounds",
        "40", "--churn-pause-seconds", "15"});
    assertThat(o.churn()).isEqualTo(new E2eRun.ChurnRounds(40, java.time.Duration.ofSeconds(15)));
    assertThatThrownBy(() -> E2eBench.Options.parse(new String[] {"--workload", "1,2",
        "--churn-rounds", "3"})).hasMessageContaining("needs workload 4");
    assertThatThrownBy(() -> E2eBench.Options.parse(new String[] {"--churn-rounds", "0"}))
        .hasMessageContaining("0 churn rounds is outside 1..1000");
    assertThatThrownBy(() -> E2eBench.Options.parse(new String[] {"--churn-pause-seconds",
        "601"})).hasMessageContaining("outside 0..600 s");
    assertThat(E2eBench.Options.parse(new String[] {"--workload", "4", "--churn-rounds", "5",
        "--churn-kib-per-second", "48"}).churn())
        .isEqualTo(new E2eRun.ChurnRounds(5, java.time.Duration.ZERO, 48));
    assertThatThrownBy(() -> E2eBench.Options.parse(new String[] {"--churn-kib-per-second",
        "-1"})).hasMessageContaining("outside 0..1048576");
  }

  @Test
  void parsesListsAndKeepsTheCommandLine() {
    E2eBench.Options o = E2eBench.Options.parse(new String[] {"--quick", "--workload", "1,3",
        "--dut", "bird,frr", "--runs", "5"});
    assertThat(o.workloads()).containsExactly(1, 3);
    assertThat(o.duts()).containsExactly("bird", "frr");
    assertThat(o.runs()).isEqualTo(5);
    assertThat(o.commandLine()).isEqualTo("bench/run-e2e.sh --quick --workload 1,3 --dut bird,frr"
        + " --runs 5");
  }

  @Test
  void badInputIsNamed() {
    assertThatThrownBy(() -> E2eBench.Options.parse(new String[] {"--dut", "quagga"}))
        .hasMessageContaining("quagga");
    assertThatThrownBy(() -> E2eBench.Options.parse(new String[] {"--workload", "9"}))
        .hasMessageContaining("no workload 9");
    assertThatThrownBy(() -> E2eBench.Options.parse(new String[] {"--runs", "x"}))
        .hasMessageContaining("'x'");
    assertThatThrownBy(() -> E2eBench.Options.parse(new String[] {"--runs"}))
        .hasMessageContaining("--runs needs a value");
    assertThatThrownBy(() -> E2eBench.Options.parse(new String[] {"--fast"}))
        .hasMessageContaining("'--fast'");
  }

  @Test
  void medianOfEvenAndOddRuns() {
    List<RunResult> runs = List.of(r(3), r(1), r(2));
    assertThat(Report.median(runs, RunResult::complete)).isEqualTo(2);
    assertThat(Report.median(List.of(r(1), r(4)), RunResult::complete)).isEqualTo(2.5);
  }

  private static RunResult r(double complete) {
    return new RunResult(1, "bird", 1, 0, complete, complete, Double.NaN, Double.NaN, 1, 1, 1, 1, 0,
        0, 1, -1, null);
  }
}
