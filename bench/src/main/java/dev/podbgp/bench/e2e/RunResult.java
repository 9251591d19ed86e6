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
 * @param churn for workload 4, from the first churn byte until the monitor held the new state;
 *     NaN otherwise
 * @param peakRssKib the device process's VmHWM; -1 without a device
 * @param cpuSeconds the device's utime + stime during the run (load and churn); NaN without one
 * @param echoed prefixes the device announced back to feeders (should be 0)
 * @param withdrawnToFeeders prefixes the device withdrew towards feeders
 * @param routes routes the monitor held at the end
 * @param retainedHeapKib heap live after a full GC once the run is over (podbgpd); -1 otherwise
 */
record RunResult(int workload, String dut, int run, double written, double complete,
    double lastUpdate, double churn, long peakRssKib, double cpuSeconds, long echoed,
    long withdrawnToFeeders, long routes, long retainedHeapKib) {

  String csv() {
    return workload + "," + dut + "," + run + "," + fmt(written) + "," + fmt(complete) + ","
        + fmt(lastUpdate) + "," + fmt(churn) + "," + peakRssKib + "," + fmt(cpuSeconds) + ","
        + echoed + "," + withdrawnToFeeders + "," + routes + ","
        + (retainedHeapKib < 0 ? "" : Long.toString(retainedHeapKib));
  }

  static String csvHeader() {
    return "workload,device,run,feeder_written_s,complete_s,last_update_s,churn_s,peak_rss_kib,"
        + "cpu_s,announced_to_feeders,withdrawn_to_feeders,monitor_routes,retained_heap_kib";
  }

  private static String fmt(double d) {
    return Double.isNaN(d) ? "" : String.format(java.util.Locale.ROOT, "%.3f", d);
  }
}
