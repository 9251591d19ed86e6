package dev.podbgp.interop.netns;

import java.util.List;

/** Outcome of one finished command. */
public record ExecResult(List<String> command, int exitCode, String stdout, String stderr) {

  public ExecResult {
    command = List.copyOf(command);
  }

  public boolean ok() {
    return exitCode == 0;
  }

  /** This result, or a {@link LabException} quoting the command, exit code and stderr. */
  public ExecResult orThrow() {
    if (!ok()) {
      throw new LabException("command " + String.join(" ", command) + " exited with " + exitCode
          + (stderr.isBlank() ? "" : ": " + stderr.strip())
          + (stdout.isBlank() ? "" : " (stdout: " + abbreviate(stdout.strip()) + ")"));
    }
    return this;
  }

  private static String abbreviate(String s) {
    return s.length() <= 400 ? s : s.substring(0, 400) + "...";
  }
}
