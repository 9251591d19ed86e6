package dev.podbgp.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.podbgp.interop.netns.NetnsLab;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Keeps the end-to-end harness working in CI: 10,000 prefixes, one run, straight to the monitor
 * and through BIRD and through podbgpd (from daemon/target/podbgp-dist, which the reactor builds
 * because bench depends on daemon). Asserts only that the monitor received every prefix; timing
 * is for {@code bench/run-e2e.sh}, never for a test.
 */
@Tag("interop")
class E2eSmokeIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static FeedPlan plan;

  @BeforeAll
  static void plan() {
    Optional<String> noLab = NetnsLab.unavailableReason();
    assumeFalse(noLab.isPresent(), () -> noLab.orElse(""));
    plan = new FeedPlan(Workload.smoke());
  }

  private static RunResult through(String device) throws Exception {
    Optional<String> missing = Duts.unavailableReason(device);
    assumeFalse(missing.isPresent(), () -> device + " unavailable: " + missing.orElse(""));
    return E2eRun.run(plan, device, Duts.driver(device), 1, TIMEOUT);
  }

  @Test
  void feederStraightToMonitorDeliversEveryPrefix() throws Exception {
    RunResult r = E2eRun.run(plan, "none", null, 1, TIMEOUT);
    assertThat(r.routes()).isEqualTo(10_000);
  }

  @Test
  void birdPassesEveryPrefixThrough() throws Exception {
    RunResult r = through("bird");
    assertThat(r.routes()).isEqualTo(10_000);
    assertThat(r.echoed()).as("routes BIRD sent back to the feeder").isZero();
  }

  @Test
  void podbgpdPassesEveryPrefixThrough() throws Exception {
    RunResult r = through("podbgp");
    assertThat(r.routes()).isEqualTo(10_000);
    assertThat(r.echoed()).as("routes podbgpd sent back to the feeder").isZero();
  }
}
