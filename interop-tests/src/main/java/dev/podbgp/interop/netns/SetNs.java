package dev.podbgp.interop.netns;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * setns(2) for the calling thread. Linux keeps the network namespace per thread, and a socket
 * stays in the namespace it was created in, whichever thread uses it later: a JVM speaker whose
 * sockets are created on a switched thread talks inside the lab, never in the root namespace.
 */
final class SetNs {
  private static final int CLONE_NEWNET = 0x40000000;
  private static final int O_RDONLY_CLOEXEC = 0x80000; // O_RDONLY | O_CLOEXEC

  interface LibC extends Library {
    int open(String path, int flags) throws LastErrorException;

    int setns(int fd, int nstype) throws LastErrorException;

    int close(int fd);
  }

  private static final class Holder {
    static final LibC C = Native.load("c", LibC.class);
  }

  private SetNs() {}

  /** Moves the calling thread into namespace {@code name} (as created by {@code ip netns}). */
  static void enter(String name) {
    String path = "/var/run/netns/" + name;
    int fd;
    try {
      fd = Holder.C.open(path, O_RDONLY_CLOEXEC);
    } catch (LastErrorException e) {
      throw new LabException("cannot open " + path + ": " + e.getMessage(), e);
    }
    try {
      Holder.C.setns(fd, CLONE_NEWNET);
    } catch (LastErrorException e) {
      throw new LabException("setns(" + path + ") failed: " + e.getMessage(), e);
    } finally {
      Holder.C.close(fd);
    }
  }
}
