package dev.podbgp.interop.netns;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background process started inside a namespace. {@code ip netns exec} execs the command in
 * place, so {@link #pid()} is the daemon itself and signals reach it directly.
 */
public final class NetnsProcess {
  private static final Logger log = LoggerFactory.getLogger(NetnsProcess.class);

  /** How long a process gets to exit after SIGTERM before it is killed. */
  public static final Duration TERM_GRACE = Duration.ofSeconds(5);

  private final String label;
  private final Netns netns;
  private final List<String> command;
  private final Process process;
  private final Path logFile;

  NetnsProcess(String label, Netns netns, List<String> command, Process process, Path logFile) {
    this.label = label;
    this.netns = netns;
    this.command = List.copyOf(command);
    this.process = process;
    this.logFile = logFile;
  }

  public String label() {
    return label;
  }

  public Netns netns() {
    return netns;
  }

  public long pid() {
    return process.pid();
  }

  public List<String> command() {
    return command;
  }

  /** Where stdout and stderr of the process go. */
  public Path logFile() {
    return logFile;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Sends a signal by name (TERM, KILL, STOP, CONT, HUP). */
  public void signal(String name) {
    if (!process.isAlive()) {
      throw new LabException(label + " (pid " + pid() + ") is not running; cannot send SIG" + name);
    }
    Cmd.run(List.of("kill", "-" + name, Long.toString(pid()))).orThrow();
  }

  /**
   * SIGTERM, then SIGKILL after {@link #TERM_GRACE}. A stopped (SIGSTOP) process is continued
   * first so that it can act on the TERM. Bounded: returns within about twice the grace.
   */
  public void stop() {
    if (!process.isAlive()) {
      return;
    }
    log.debug("stopping {} pid {}", label, pid());
    try {
      Cmd.run(List.of("kill", "-CONT", Long.toString(pid())));
      process.destroy();
      if (!process.waitFor(TERM_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{} pid {} ignored SIGTERM for {}; killing it", label, pid(), TERM_GRACE);
        process.destroyForcibly();
        if (!process.waitFor(TERM_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new LabException(label + " pid " + pid() + " survived SIGKILL for " + TERM_GRACE);
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Waits (bounded) for the process to exit by itself; true when it did. */
  public boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public String toString() {
    return label + "[pid " + pid() + " in " + netns.name() + "]";
  }
}
