package dev.podbgp.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.podbgp.interop.netns.Cmd;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * podbgp against FRR through the same {@link PeeringScenarios} as {@link PodbgpInteropIT}, with
 * FRR started from the public image by Testcontainers instead of in a namespace, and our speaker
 * on the host's network ({@link ContainerPlacement}). Skipped when Docker is not available.
 */
@Tag("interop")
class PodbgpFrrContainerIT {

  private static Optional<String> unavailable;

  /** Per test (not per class) so every scenario shows up as skipped, with the reason. */
  @BeforeEach
  void needsDocker() {
    if (unavailable == null) {
      unavailable = unavailableReason();
    }
    assumeTrue(unavailable.isEmpty(), () -> "skipped: " + unavailable.orElse("")
        + " (PodbgpInteropIT runs the same scenarios against FRR in a namespace)");
  }

  private static Optional<String> unavailableReason() {
    if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      return Optional.of("the host reaches container addresses directly only on Linux");
    }
    boolean docker;
    try {
      docker = DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      docker = false;
    }
    if (!docker) {
      return Optional.of("Docker is not available, so FRR cannot run in a container");
    }
    if (!Cmd.isRoot()) {
      return Optional.of("podbgp listens on the host's port 179, which needs root");
    }
    return Optional.empty();
  }

  @Test
  void ebgpEstablishesAndExchangesRoutesWithAttributes() {
    try (ContainerPlacement pl = new ContainerPlacement()) {
      PeeringScenarios.exchangeRoutes(pl, false);
    }
  }

  @Test
  void ibgpEstablishesAndExchangesRoutesWithAttributes() {
    try (ContainerPlacement pl = new ContainerPlacement()) {
      PeeringScenarios.exchangeRoutes(pl, true);
    }
  }

  @Test
  void md5RightPasswordComesUpWrongOneDoesNotAndPodbgpSaysWhy() {
    try (ContainerPlacement pl = new ContainerPlacement()) {
      PeeringScenarios.md5(pl);
    }
  }

  @Test
  void peerRestartAndFreezeRecover() {
    try (ContainerPlacement pl = new ContainerPlacement()) {
      PeeringScenarios.restartAndFreeze(pl, true);
    }
  }
}
