package dev.podbgp.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The same {@link PeeringScenarios} as {@link NetnsPeeringIT}, with FRR started from the public
 * image by Testcontainers instead of in a namespace. Skipped when Docker is not available.
 */
@Tag("interop")
class FrrContainerPeeringIT {

  private static Boolean docker;

  /** Per test (not per class) so every scenario shows up as skipped, with the reason. */
  @BeforeEach
  void needsDocker() {
    if (docker == null) {
      try {
        docker = DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException e) {
        docker = false;
      }
    }
    assumeTrue(docker, "skipped: Docker is not available, so FRR cannot run in a container"
        + " (the namespace variant NetnsPeeringIT covers FRR here)");
  }

  @Test
  void ebgpExchangesRoutesWithAttributes() {
    try (ContainerPlacement pl = new ContainerPlacement()) {
      PeeringScenarios.exchangeRoutes(pl, false);
    }
  }

  @Test
  void ibgpExchangesRoutesWithAttributes() {
    try (ContainerPlacement pl = new ContainerPlacement()) {
      PeeringScenarios.exchangeRoutes(pl, true);
    }
  }

  @Test
  void md5RightPasswordComesUpWrongPasswordStaysDown() {
    try (ContainerPlacement pl = new ContainerPlacement()) {
      PeeringScenarios.md5(pl);
    }
  }

  @Test
  void peerRestartAndFreezeRecover() {
    try (ContainerPlacement pl = new ContainerPlacement()) {
      PeeringScenarios.restartAndFreeze(pl);
    }
  }
}
