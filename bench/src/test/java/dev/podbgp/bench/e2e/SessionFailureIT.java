package dev.podbgp.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.podbgp.interop.netns.NetnsLab;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A feeder session that ends fails the run at once: feeder straight to the monitor in a lab of
 * two namespaces, then the monitor side goes away while the feeder waits to send.
 */
@Tag("interop")
class SessionFailureIT {

  @Test
  void theFeederReportsASessionThePeerClosedAndTheRunsWaitEndsWithThatReason()
      throws Exception {
    Optional<String> noLab = NetnsLab.unavailableReason();
    assumeFalse(noLab.isPresent(), () -> noLab.orElse(""));
    FeedPlan plan = new FeedPlan(new Workload(3, "two sessions", 2, 4, false));
    try (NetnsLab lab = NetnsLab.create()) {
      Topology t = new Topology(lab, plan, false);
      AtomicReference<String> reported = new AtomicReference<>();
      Monitor monitor = new Monitor(t.monitor, t.monitorAddress, 8);
      try (Monitor waiting = new Monitor(t.monitor, t.monitorAddress, 8);
          Feeder feeder = new Feeder(t.feeders, plan, Topology.RECEIVER, why -> {
            reported.compareAndSet(null, why);
            waiting.abort(why);
          })) {
        monitor.start();
        feeder.connect(Duration.ofSeconds(30));
        monitor.awaitSessions(2, Duration.ofSeconds(30));

        monitor.close();

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(
            () -> assertThat(reported.get()).isNotNull());
        assertThat(reported.get()).startsWith("feeder: feeder-")
            .contains("(10.201.0.").contains("session ended");
        assertThat(feeder.failure()).isEqualTo(reported.get());
        // The run waits on the monitor: the failure ends that wait, not the timeout.
        waiting.expect(new Monitor.Expectation(8, false));
        assertThatThrownBy(() -> waiting.awaitComplete(Duration.ofMinutes(10)))
            .hasMessage(reported.get());
      } finally {
        monitor.close();
      }
    }
  }
}
