package dev.podbgp.bench.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Medians per device and ratios against BIRD, as a Markdown table. */
final class Report {
  private Report() {}

  static double median(List<RunResult> runs, ToDoubleFunction<RunResult> f) {
    return median(runs.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).toArray());
  }

  /** The median of the values, NaN for none. */
  static double median(double[] values) {
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /**
   * @param paths routes the device receives in all (every feeder's), for RSS per path
   */
  static String table(Workload w, long paths, List<String> devices, List<RunResult> all) {
    boolean churn = w.churn();
    // The in-kernel column where it is measured: workload 3 always (so the table has the same
    // shape with and without podbgpd), any other workload only if some run measured it.
    boolean kernel = w.number() == Duts.KERNEL_WORKLOAD
        || all.stream().anyMatch(r -> !Double.isNaN(r.inKernel()));
    StringBuilder s = new StringBuilder();
    s.append("#### Workload ").append(w.number()).append(": ").append(w.title()).append("\n\n");
    s.append("| device | runs | feeder done (s) | all routes at monitor (s) | last UPDATE (s) |");
    if (churn) {
      s.append(" churn converged (s) | RSS at the end (MiB) |");
    }
    if (kernel) {
      s.append(" in kernel (s) |");
    }
    s.append(" peak RSS (MiB) | RSS per path (B) | beyond start, per path (B) | retained heap (MiB) |"
        + " CPU (s) | time / BIRD | RSS / BIRD | beyond start / BIRD |\n");
    s.append("| --- | ---: | ---: | ---: | ---: |").append(churn ? " ---: | ---: |" : "")
        .append(kernel ? " ---: |" : "")
        .append(" ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    ToDoubleFunction<RunResult> time = churn ? RunResult::churn : RunResult::complete;
    List<RunResult> bird = completed(of(all, "bird"));
    double birdTime = median(bird, time);
    double birdRss = median(bird, r -> r.peakRssKib());
    double birdGrowth = median(bird, Report::growthKib);
    for (String d : devices) {
      List<RunResult> tried = of(all, d);
      if (tried.isEmpty()) {
        continue;
      }
      List<RunResult> runs = completed(tried);
      int failed = tried.size() - runs.size();
      double rss = median(runs, r -> r.peakRssKib() < 0 ? Double.NaN : r.peakRssKib());
      double growth = median(runs, Report::growthKib);
      s.append("| ").append(label(d)).append(" | ")
          .append(runs.size()).append(failed == 0 ? "" : " (" + failed + " failed)")
          .append(" | ").append(f(median(runs, RunResult::written), 3))
          .append(" | ").append(f(median(runs, RunResult::complete), 3))
          .append(" | ").append(f(median(runs, RunResult::lastUpdate), 3)).append(" |");
      if (churn) {
        s.append(' ').append(f(median(runs, RunResult::churn), 3)).append(" | ")
            .append(f(median(runs, r -> r.endRssKib() < 0 ? Double.NaN : r.endRssKib()) / 1024, 1))
            .append(" |");
      }
      if (kernel) {
        s.append(' ').append(f(median(runs, RunResult::inKernel), 3)).append(" |");
      }
      double heap = median(runs, r -> r.retainedHeapKib() < 0 ? Double.NaN : r.retainedHeapKib());
      boolean baseline = d.equals("none");
      s.append(' ').append(f(rss / 1024, 1)).append(" | ").append(f(rss * 1024 / paths, 0))
          .append(" | ").append(f(growth * 1024 / paths, 0))
          .append(" | ").append(f(heap / 1024, 1)).append(" | ")
          .append(f(median(runs, RunResult::cpuSeconds), 2)).append(" | ")
          .append(baseline ? "" : f(median(runs, time) / birdTime, 2)).append(" | ")
          .append(baseline ? "" : f(rss / birdRss, 2)).append(" | ")
          .append(baseline ? "" : f(growth / birdGrowth, 2)).append(" |\n");
    }
    return s.toString();
  }

  /**
   * What the device's peak RSS grew by during the run, over its footprint when the load began
   * (started, sessions up, no routes yet): the memory the routes cost, apart from the fixed part.
   */
  static double growthKib(RunResult r) {
    return r.peakRssKib() < 0 || r.startRssKib() < 0 ? Double.NaN : r.peakRssKib() - r.startRssKib();
  }

  static String label(String device) {
    return switch (device) {
      case "none" -> "none (feeder → monitor)";
      case Duts.PODBGP_FIB -> "podbgp, FIB on";
      case Duts.BIRD_FIB -> "bird, FIB on";
      default -> device;
    };
  }

  /** The runs that completed: failed ones have no figures and count in no median. */
  private static List<RunResult> completed(List<RunResult> runs) {
    return runs.stream().filter(RunResult::ok).toList();
  }

  private static List<RunResult> of(List<RunResult> all, String device) {
    List<RunResult> out = new ArrayList<>();
    for (RunResult r : all) {
      if (r.dut().equals(device)) {
        out.add(r);
      }
    }
    return out;
  }

  static String f(double d, int decimals) {
    return Double.isNaN(d) || Double.isInfinite(d) ? "–"
        : String.format(Locale.ROOT, "%." + decimals + "f", d);
  }
}
