package dev.podbgp.bench.e2e;

/**
 * One measured run of one workload against one device ({@code "none"}: feeder straight to the
 * monitor). Times are seconds from the feeder's first byte.
 *
 * @param written until the feeder's last byte was taken by its sockets (bounded below by how
 *     fast the receiver reads; in the baseline it is the feeder's own pace)
 * @param complete until the monitor held every route it should
 * @param lastUpdate until the last UPDATE before 2 s of quiet (best-path changes may follow
 *     completion when several feeders send the same prefixes)
 * @param churn for workload 4, from the first churn byte until the monitor held the new state
 *     (the median round when churn goes on for several rounds); NaN otherwise
 * @param inKernel from the feeder's first byte until the device namespace's kernel held every
 *     route (podbgpd with its FIB on, workload 3); NaN otherwise
 * @param peakRssKib the device process's VmHWM; -1 without a device
 * @param startRssKib the device's VmHWM when the load began (started, sessions up, no routes):
 *     its fixed footprint, so that what it holds per path can be told apart from it; -1 without
 *     a device
 * @param endRssKib the device's VmRSS at the end of the run (after the last churn round): what
 *     it still holds, as against the peak; -1 without a device
 * @param cpuSeconds the device's utime + stime during the run (load and churn); NaN without one
 * @param echoed prefixes the device announced back to feeders (should be 0)
 * @param withdrawnToFeeders prefixes the device withdrew towards feeders
 * @param routes routes the monitor held at the end
 * @param retainedHeapKib heap live after a full GC once the run is over (podbgpd); -1 otherwise
 * @param failure why the run failed (a session ended, a timeout ...), null for a run that
 *     completed; a failed run has no figures and counts in no median
 */
record RunResult(int workload, String dut, int run, double written, double complete,
    double lastUpdate, double churn, double inKernel, long peakRssKib, long startRssKib,
    long endRssKib, double cpuSeconds,
    long echoed, long withdrawnToFeeders, long routes, long retainedHeapKib, String failure) {

  /** A run that did not complete, with the reason. */
  static RunResult failed(int workload, String dut, int run, String why) {
    double nan = Double.NaN;
    return new RunResult(workload, dut, run, nan, nan, nan, nan, nan, -1, -1, -1, nan, 0, 0, 0, -1,
        why == null || why.isBlank() ? "unknown failure" : why);
  }

  boolean ok() {
    return failure == null;
  }

  String csv() {
    return workload + "," + dut + "," + run + "," + fmt(written) + "," + fmt(complete) + ","
        + fmt(lastUpdate) + "," + fmt(churn) + "," + fmt(inKernel) + "," + peakRssKib + ","
        + startRssKib + "," + endRssKib + ","
        + fmt(cpuSeconds) + ","
        + echoed + "," + withdrawnToFeeders + "," + routes + ","
        + (retainedHeapKib < 0 ? "" : Long.toString(retainedHeapKib)) + ","
        + (failure == null ? "" : quote(failure));
  }

  /** A CSV field in double quotes (RFC 4180): the reason may hold commas and quotes. */
  static String quote(String field) {
    return '"' + field.replace("\n", " ").replace("\"", "\"\"") + '"';
  }

  static String csvHeader() {
    return "workload,device,run,feeder_written_s,complete_s,last_update_s,churn_s,in_kernel_s,"
        + "peak_rss_kib,start_rss_kib,end_rss_kib,cpu_s,announced_to_feeders,withdrawn_to_feeders,monitor_routes,"
        + "retained_heap_kib,failure";
  }

  private static String fmt(double d) {
    return Double.isNaN(d) ? "" : String.format(java.util.Locale.ROOT, "%.3f", d);
  }
}
