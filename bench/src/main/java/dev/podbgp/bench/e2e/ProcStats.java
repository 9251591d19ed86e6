package dev.podbgp.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the kernel says a process has used: peak and current resident set (VmHWM and VmRSS of
 * /proc/PID/status) and CPU time (utime + stime of /proc/PID/stat, in clock ticks of 1/100 s on
 * Linux).
 */
record ProcStats(long peakRssKib, long rssKib, double cpuSeconds) {
  private static final double TICKS_PER_SECOND = 100.0;

  static ProcStats of(long pid) {
    try {
      long hwm = -1;
      long rss = -1;
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          hwm = kib(line);
        } else if (line.startsWith("VmRSS:")) {
          rss = kib(line);
        }
      }
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name (which may hold spaces) start past the last ')'.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      if (hwm < 0 || rss < 0) {
        throw new IllegalStateException("no VmHWM or VmRSS in /proc/" + pid + "/status");
      }
      return new ProcStats(hwm, rss, ticks / TICKS_PER_SECOND);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/" + pid + " (did the device exit?): "
          + e.getMessage(), e);
    }
  }

  /** The figure of a "VmXXX:    1234 kB" line. */
  private static long kib(String line) {
    return Long.parseLong(line.substring(line.indexOf(':') + 1).replace("kB", "").strip());
  }
}
