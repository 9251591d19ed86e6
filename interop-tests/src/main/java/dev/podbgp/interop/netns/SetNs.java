package dev.podbgp.interop.netns;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.SaveError;

/**
 * setns(2) for the calling thread, over jnr-ffi (the project's FFI library). Linux keeps the
 * network namespace per thread, and a socket stays in the namespace it was created in, whichever
 * thread uses it later: a JVM speaker whose sockets are created on a switched thread talks inside
 * the lab, never in the root namespace. The rest of the JVM stays where it was.
 */
public final class SetNs {
  private static final int CLONE_NEWNET = 0x40000000;
  private static final int O_RDONLY_CLOEXEC = 0x80000; // O_RDONLY | O_CLOEXEC

  /** The libc calls we need. */
  public interface LibC {
    @SaveError
    int open(String path, int flags);

    @SaveError
    int setns(int fd, int nstype);

    int close(int fd);

    String strerror(int errnum);
  }

  /** Loaded on first use, so code that never switches namespace never loads native code. */
  private static final class Holder {
    static final LibC C = LibraryLoader.create(LibC.class).load("c");
    static final jnr.ffi.Runtime RUNTIME = jnr.ffi.Runtime.getRuntime(C);
  }

  private SetNs() {}

  /** The file {@code ip netns} keeps for namespace {@code name}. */
  public static Path path(String name) {
    return Path.of("/var/run/netns", name);
  }

  /** Moves the calling thread into namespace {@code name} (as created by {@code ip netns}). */
  public static void enter(String name) {
    String path = path(name).toString();
    int fd = Holder.C.open(path, O_RDONLY_CLOEXEC);
    if (fd < 0) {
      throw new LabException("cannot open " + path + ": " + lastError());
    }
    try {
      if (Holder.C.setns(fd, CLONE_NEWNET) != 0) {
        throw new LabException("setns(" + path + ") failed: " + lastError());
      }
    } finally {
      Holder.C.close(fd);
    }
  }

  /**
   * Wraps {@code factory} so each thread it makes enters namespace {@code name} before it runs
   * anything (for Netty event loops: pass Netty's own factory, which makes its fast threads).
   */
  public static ThreadFactory threadsIn(String name, ThreadFactory factory) {
    if (!Files.exists(path(name))) {
      throw new LabException("network namespace " + name + " does not exist (" + path(name)
          + ")");
    }
    return r -> factory.newThread(() -> {
      enter(name);
      r.run();
    });
  }

  private static String lastError() {
    int errno = Holder.RUNTIME.getLastError();
    return Holder.C.strerror(errno) + " (errno " + errno + ")";
  }
}
