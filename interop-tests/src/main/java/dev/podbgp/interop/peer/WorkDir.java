package dev.podbgp.interop.peer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Per-speaker temporary directories (config, control sockets, pid files, logs). */
public final class WorkDir {
  private WorkDir() {}

  public static Path create(String prefix) {
    try {
      Path dir = Files.createTempDirectory("podbgp-" + prefix + "-");
      // Daemons that drop privileges (FRR runs as frr) must reach their files below it.
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      return dir;
    } catch (IOException e) {
      throw new PeerException("cannot create a work directory for " + prefix + ": "
          + e.getMessage(), e);
    }
  }

  public static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new PeerException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Deletes a work directory and everything below it; failures are logged, not thrown. */
  public static void delete(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      org.slf4j.LoggerFactory.getLogger(WorkDir.class).warn("cannot delete {}: {}", dir,
          e.getMessage());
    }
  }

  /** Whether work directories are kept after close, for debugging ({@code -Dpodbgp.keep=true}). */
  public static boolean keep() {
    return Boolean.getBoolean("podbgp.keep");
  }

  public static String readIfExists(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "(unreadable " + file + ": " + e.getMessage() + ")";
    }
  }
}
