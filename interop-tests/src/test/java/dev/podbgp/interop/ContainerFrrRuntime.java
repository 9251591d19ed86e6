package dev.podbgp.interop;

import dev.podbgp.interop.netns.ExecResult;
import dev.podbgp.interop.peer.PeerException;
import dev.podbgp.interop.peer.frr.FrrRuntime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * FRR from the public image, one container per speaker. The container itself only idles; zebra
 * and bgpd are started and stopped inside it, so restart and SIGSTOP behave as in a namespace and
 * the container's address stays the same across a restart.
 */
final class ContainerFrrRuntime implements FrrRuntime {
  /** Override with {@code -Dpodbgp.frr.image=...}. */
  static final String IMAGE = System.getProperty("podbgp.frr.image",
      "quay.io/frrouting/frr:8.4.2");
  private static final String RUN = "/var/run/frr";
  private static final String LOG = "/tmp/frr.log";

  private final GenericContainer<?> container;

  @SuppressWarnings("resource") // closed in close()
  ContainerFrrRuntime(Network network, String alias) {
    container = new GenericContainer<>(DockerImageName.parse(IMAGE))
        .withNetwork(network)
        .withNetworkAliases(alias)
        .withPrivilegedMode(true) // zebra programs routes; TCP MD5 and SIGSTOP need no more
        .withCommand("tail", "-f", "/dev/null")
        .withStartupTimeout(Duration.ofSeconds(90));
    container.start();
  }

  GenericContainer<?> container() {
    return container;
  }

  private Container.ExecResult exec(String... cmd) {
    try {
      return container.execInContainer(cmd);
    } catch (IOException e) {
      throw new PeerException("exec in FRR container failed: " + String.join(" ", cmd), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PeerException("interrupted during exec in FRR container", e);
    }
  }

  private void execOrThrow(String... cmd) {
    Container.ExecResult r = exec(cmd);
    if (r.getExitCode() != 0) {
      throw new PeerException("`" + String.join(" ", cmd) + "` in FRR container exited "
          + r.getExitCode() + ": " + r.getStderr() + r.getStdout());
    }
  }

  @Override
  public void start(String frrConf) {
    container.copyFileToContainer(Transferable.of(frrConf), "/etc/frr/frr.conf");
    container.copyFileToContainer(Transferable.of("hostname zebra\n"), "/etc/frr/zebra.conf");
    execOrThrow("sh", "-c", "mkdir -p " + RUN + " && chown frr:frr " + RUN
        + " && touch " + LOG + " && chown frr:frr " + LOG + " /etc/frr/*.conf");
    execOrThrow("/usr/lib/frr/zebra", "-d", "-f", "/etc/frr/zebra.conf", "-u", "frr",
        "-g", "frr", "-A", "127.0.0.1", "-P", "0");
    execOrThrow("/usr/lib/frr/bgpd", "-d", "-f", "/etc/frr/frr.conf", "-u", "frr",
        "-g", "frr", "-A", "127.0.0.1", "-P", "0");
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!vtysh(List.of("show bgp summary json")).ok()) {
      if (System.nanoTime() > deadline) {
        throw new PeerException("bgpd in container " + container.getContainerName()
            + " did not answer vtysh within 20 s: " + log());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PeerException("interrupted while starting FRR in a container", e);
      }
    }
  }

  @Override
  public void stop() {
    if (container.isRunning()) {
      // TERM both daemons; pkill is scoped to this container's own process namespace.
      exec("sh", "-c", "for d in bgpd zebra; do f=" + RUN + "/$d.pid; [ -f $f ] && "
          + "{ kill -CONT $(cat $f); kill -TERM $(cat $f); }; done; "
          + "for i in $(seq 50); do [ -e /proc/$(cat " + RUN + "/bgpd.pid 2>/dev/null || echo 0) ]"
          + " || break; sleep 0.1; done; true");
    }
  }

  @Override
  public boolean isRunning() {
    return container.isRunning() && exec("sh", "-c",
        "[ -e /proc/$(cat " + RUN + "/bgpd.pid 2>/dev/null || echo 0) ]").getExitCode() == 0;
  }

  @Override
  public void signalBgpd(String signal) {
    execOrThrow("sh", "-c", "kill -" + signal + " $(cat " + RUN + "/bgpd.pid)");
  }

  @Override
  public ExecResult vtysh(List<String> commands) {
    List<String> cmd = new ArrayList<>(List.of("vtysh", "-d", "bgpd"));
    for (String c : commands) {
      cmd.add("-c");
      cmd.add(c);
    }
    Container.ExecResult r = exec(cmd.toArray(String[]::new));
    return new ExecResult(cmd, r.getExitCode(), r.getStdout(), r.getStderr());
  }

  @Override
  public String logPathForConfig() {
    return LOG;
  }

  @Override
  public String log() {
    return container.isRunning() ? exec("cat", LOG).getStdout() : "";
  }

  @Override
  public void close() {
    container.stop();
  }
}
