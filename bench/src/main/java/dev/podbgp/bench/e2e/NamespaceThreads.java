package dev.podbgp.bench.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;

/**
 * Threads inside a network namespace: each enters {@code /var/run/netns/NAME} with setns(2) before
 * it runs anything, so the sockets it creates belong there. A socket stays in the namespace it was
 * created in, so any other thread may then read and write it; the rest of the JVM stays in the
 * root namespace. This lets feeder and monitor share one clock in one process.
 */
final class NamespaceThreads {
  private static final int CLONE_NEWNET = 0x40000000;
  private static final int O_RDONLY = 0;
  private static final int O_CLOEXEC = 02000000;

  /** The libc calls we need. */
  public interface LibC {
    int open(String path, int flags);

    int setns(int fd, int nstype);

    int close(int fd);

    String strerror(int errno);
  }

  private static final LibC LIBC = LibraryLoader.create(LibC.class)
      .load(Platform.getNativePlatform().getStandardCLibraryName());

  private NamespaceThreads() {}

  /** A fixed pool of daemon threads named {@code prefix-N}, each inside {@code netns}. */
  static ExecutorService pool(String netns, String prefix, int threads) {
    Path path = Path.of("/var/run/netns", netns);
    if (!Files.exists(path)) {
      throw new IllegalArgumentException("network namespace " + netns + " does not exist ("
          + path + ")");
    }
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(() -> {
        enter(path);
        r.run();
      }, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  private static void enter(Path path) {
    int fd = LIBC.open(path.toString(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      throw new IllegalStateException("cannot open " + path + ": " + lastError());
    }
    try {
      if (LIBC.setns(fd, CLONE_NEWNET) != 0) {
        throw new IllegalStateException("setns(" + path + ") failed: " + lastError());
      }
    } finally {
      LIBC.close(fd);
    }
  }

  private static String lastError() {
    int errno = jnr.ffi.LastError.getLastError(jnr.ffi.Runtime.getSystemRuntime());
    return LIBC.strerror(errno) + " (errno " + errno + ")";
  }
}
