package dev.podbgp.interop.netns;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs short-lived commands with a bound on their run time; nothing here waits forever. */
public final class Cmd {
  private static final Logger log = LoggerFactory.getLogger(Cmd.class);

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

  // Own daemon threads: the common pool may have one thread on a 2-core box, and draining
  // stdout and stderr one after the other can deadlock on a full pipe.
  private static final ExecutorService DRAINERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "cmd-drain");
    t.setDaemon(true);
    return t;
  });

  private Cmd() {}

  public static ExecResult run(List<String> command) {
    return run(command, DEFAULT_TIMEOUT);
  }

  /**
   * Runs {@code command}, killing it when it outlives {@code timeout}; a timeout is reported as a
   * {@link LabException} because a query that does not answer is not an answer.
   */
  public static ExecResult run(List<String> command, Duration timeout) {
    log.debug("run {}", command);
    Process p;
    try {
      p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(devNull())).start();
    } catch (IOException e) {
      throw new LabException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
    }
    CompletableFuture<String> out = drain(p.getInputStream());
    CompletableFuture<String> err = drain(p.getErrorStream());
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
        throw new LabException(
            "command " + String.join(" ", command) + " did not finish within " + timeout);
      }
      return new ExecResult(command, p.exitValue(), get(out), get(err));
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new LabException("interrupted while running " + String.join(" ", command), e);
    }
  }

  /** Whether an executable is on the PATH or at the given absolute path. */
  public static boolean executableExists(String nameOrPath) {
    if (nameOrPath.contains("/")) {
      return Files.isExecutable(Path.of(nameOrPath));
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, nameOrPath))) {
        return true;
      }
    }
    return false;
  }

  /** Whether this JVM runs as root (uid 0), which namespaces and raw captures need. */
  public static boolean isRoot() {
    try {
      return Files.readString(Path.of("/proc/self/status")).lines()
          .filter(l -> l.startsWith("Uid:"))
          .map(l -> l.split("\\s+")[1])
          .anyMatch("0"::equals);
    } catch (IOException e) {
      return false;
    }
  }

  private static java.io.File devNull() {
    return new java.io.File("/dev/null");
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, DRAINERS);
  }

  private static String get(CompletableFuture<String> f) throws InterruptedException {
    try {
      return f.get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return "";
    }
  }
}
