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

  public static String readIfExists(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "(unreadable " + file + ": " + e.getMessage() + ")";
    }
  }
}
