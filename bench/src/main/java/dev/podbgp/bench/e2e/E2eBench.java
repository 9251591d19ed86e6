package dev.podbgp.bench.e2e;

import dev.podbgp.interop.netns.Cmd;
import dev.podbgp.interop.netns.NetnsLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * End-to-end pass-through benchmark (issue 7): feeder → device → monitor in network namespaces,
 * the same pre-encoded feed for every device, each device measured in the same invocation, runs
 * interleaved (run 1 of every device, then run 2 ...) so a change in machine load hits all alike.
 * Also runs feeder → monitor with no device to show the feeder is not the bottleneck.
 *
 * <p>Usage: {@code bench/run-e2e.sh [--quick] [--workload 1,2,3,4] [--dut bird,frr,gobgp,podbgp]
 * [--runs 3] [--timeout-seconds 900] [--churn-rounds 1] [--churn-pause-seconds 0]
 * [--churn-kib-per-second 0] [--out FILE]}
 */
public final class E2eBench {
  private E2eBench() {}

  record Options(boolean quick, List<Integer> workloads, List<String> duts, int runs,
      Duration timeout, E2eRun.ChurnRounds churn, Path out, String commandLine) {

    static Options parse(String[] args) {
      boolean quick = false;
      List<Integer> workloads = List.of(1, 2, 3, 4);
      List<String> duts = List.of("bird", "frr", "gobgp", "podbgp");
      int runs = 3;
      Duration timeout = Duration.ofSeconds(900);
      Path out = Path.of("bench/target/e2e-results.md");
      int churnRounds = 1;
      int churnPause = 0;
      int churnRate = 0;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--quick" -> quick = true;
          case "--workload" -> workloads = ints(value(args, ++i, a), a);
          case "--dut" -> duts = List.of(value(args, ++i, a).split(","));
          case "--runs" -> runs = ints(value(args, ++i, a), a).get(0);
          case "--timeout-seconds" -> timeout = Duration.ofSeconds(ints(value(args, ++i, a), a)
              .get(0));
          case "--churn-rounds" -> churnRounds = ints(value(args, ++i, a), a).get(0);
          case "--churn-pause-seconds" -> churnPause = ints(value(args, ++i, a), a).get(0);
          case "--churn-kib-per-second" -> churnRate = ints(value(args, ++i, a), a).get(0);
          case "--out" -> out = Path.of(value(args, ++i, a));
          default -> throw new IllegalArgumentException("unknown option '" + a + "'; usage: "
              + "[--quick] [--workload 1,2,3,4] [--dut bird,frr,gobgp,podbgp] [--runs N]"
              + " [--timeout-seconds S] [--churn-rounds N] [--churn-pause-seconds S]"
              + " [--churn-kib-per-second K] [--out FILE]");
        }
      }
      if (runs < 1 || runs > 20) {
        throw new IllegalArgumentException("--runs " + runs + " is outside 1..20");
      }
      for (int w : workloads) {
        Workload.full(w);
      }
      for (String d : duts) {
        Duts.driver(d);
      }
      E2eRun.ChurnRounds churn = new E2eRun.ChurnRounds(churnRounds,
          Duration.ofSeconds(churnPause), churnRate);
      if (churnRounds > 1 && workloads.stream().noneMatch(w -> Workload.full(w).churn())) {
        throw new IllegalArgumentException("--churn-rounds " + churnRounds
            + " needs workload 4, the churn workload");
      }
      if (churnRate > 0 && workloads.stream().noneMatch(w -> Workload.full(w).churn())) {
        throw new IllegalArgumentException("--churn-kib-per-second " + churnRate
            + " needs workload 4, the churn workload");
      }
      return new Options(quick, workloads, duts, runs, timeout, churn, out,
          "bench/run-e2e.sh " + String.join(" ", args));
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }

    private static List<Integer> ints(String v, String option) {
      List<Integer> out = new ArrayList<>();
      for (String p : v.split(",")) {
        try {
          out.add(Integer.parseInt(p.strip()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(option + " takes numbers, not '" + p + "'");
        }
      }
      return out;
    }
  }

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("run-e2e: " + e.getMessage());
      System.exit(2);
      return;
    }
    NetnsLab.unavailableReason().ifPresent(r -> {
      System.err.println("run-e2e: " + r);
      System.exit(2);
    });
    System.exit(run(o) ? 0 : 1);
  }

  /** Runs everything asked for; writes the report; true when every run succeeded. */
  static boolean run(Options o) throws IOException {
    StringBuilder report = new StringBuilder();
    List<String> skipped = new ArrayList<>();
    List<String> devices = new ArrayList<>();
    for (String d : o.duts()) {
      var reason = Duts.unavailableReason(d);
      if (reason.isPresent()) {
        skipped.add(d + ": " + reason.get());
        System.err.println("run-e2e: skipping " + d + ": " + reason.get());
      } else {
        devices.add(d);
      }
    }
    report.append(header(o, devices, skipped));
    List<String> failures = new ArrayList<>();
    List<RunResult> csv = new ArrayList<>();
    for (int number : o.workloads()) {
      Workload w = o.quick() ? Workload.quick(number) : Workload.full(number);
      if (w.churn() && o.churn().rounds() > 1) {
        w = w.titled(w.title() + ", " + o.churn().rounds() + " rounds"
            + (o.churn().pause().isZero() ? "" : ", " + o.churn().pause().toSeconds() + " s apart"));
      }
      System.err.println("run-e2e: encoding workload " + number + " (" + w.title() + ")");
      FeedPlan plan = new FeedPlan(w);
      System.err.printf("run-e2e: %d bytes of UPDATEs, %d distinct prefixes%n",
          FeedPlan.bytes(plan.load), plan.uniquePrefixes);
      List<RunResult> results = new ArrayList<>();
      String loadBefore = loadAverage();
      // One unreported feeder -> monitor run first, so the JIT has compiled feeder and monitor
      // before anything is measured (otherwise the first device measured pays for it).
      try {
        E2eRun.run(plan, "none", null, 0, o.timeout());
      } catch (Exception e) {
        failures.add("workload " + number + ", warm-up: " + e.getMessage());
      }
      List<String> order = order(number, devices);
      for (int run = 1; run <= o.runs(); run++) {
        for (String d : order) {
          Supplier<Dut> driver = d.equals("none") ? null : Duts.driver(d);
          try {
            RunResult r = E2eRun.run(plan, d, driver, run, o.timeout(), o.churn());
            results.add(r);
            System.err.println("run-e2e: " + r.csv());
          } catch (Exception e) {
            // This run only: the next device (and run) goes on in a fresh lab.
            RunResult r = RunResult.failed(number, d, run, e.getMessage());
            results.add(r);
            String msg = "workload " + number + ", " + d + ", run " + run + ": " + r.failure();
            failures.add(msg);
            System.err.println("run-e2e: FAILED " + msg);
          }
        }
      }
      csv.addAll(results);
      report.append(Report.table(w, plan.totalPaths, order, results)).append('\n')
          .append("Load average (1, 5, 15 min) before this workload: ").append(loadBefore)
          .append(", after: ").append(loadAverage()).append("\n\n");
      System.out.println(Report.table(w, plan.totalPaths, order, results));
      // After every workload, so a long invocation cut short keeps what it measured.
      writeReport(o.out(), report, failures, csv, false);
    }
    writeReport(o.out(), report, failures, csv, true);
    System.err.println("run-e2e: report written to " + o.out());
    return failures.isEmpty();
  }

  /**
   * The baseline, then the devices asked for; in workload 3, BIRD's and podbgpd's FIB-on runs
   * right after their pass-through runs (the "in kernel" figure), unless named already.
   */
  static List<String> order(int workload, List<String> devices) {
    List<String> order = new ArrayList<>();
    order.add("none");
    for (String d : devices) {
      order.add(d);
      if (workload == Duts.KERNEL_WORKLOAD) {
        Duts.fibVariant(d).filter(f -> !devices.contains(f)).ifPresent(order::add);
      }
    }
    return order;
  }

  private static void writeReport(Path out, StringBuilder tables, List<String> failures,
      List<RunResult> csv, boolean finished) throws IOException {
    StringBuilder r = new StringBuilder(tables);
    if (!finished) {
      r.append("(invocation still running; more workloads may follow)\n\n");
    }
    r.append("Load average at the end: ").append(loadAverage()).append("\n\n");
    if (!failures.isEmpty()) {
      r.append("Failed runs:\n\n");
      failures.forEach(f -> r.append("- ").append(f).append('\n'));
      r.append('\n');
    }
    r.append("<details><summary>Every run (CSV)</summary>\n\n```\n")
        .append(RunResult.csvHeader()).append('\n');
    csv.forEach(x -> r.append(x.csv()).append('\n'));
    r.append("```\n</details>\n");
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, r.toString());
  }

  private static String header(Options o, List<String> devices, List<String> skipped) {
    StringBuilder s = new StringBuilder();
    s.append("Date: ").append(ZonedDateTime.now(ZoneOffset.UTC)
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append("  \n");
    s.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
        .append(memTotal()).append(", ").append(firstLine(List.of("uname", "-sr"))).append("  \n");
    s.append("Load average before: ").append(loadAverage()).append("  \n");
    s.append("Command: `").append(o.commandLine()).append("`  \n");
    s.append("Versions: ");
    List<String> v = new ArrayList<>();
    for (String d : devices) {
      v.add(d + " `" + Duts.driver(d).get().version().lines().findFirst().orElse("?") + "`");
    }
    s.append(String.join(", ", v)).append(", JVM ").append(System.getProperty("java.version"))
        .append(" (feeder and monitor)\n\n");
    for (String k : skipped) {
      s.append("Not measured: ").append(k).append("\n\n");
    }
    return s.toString();
  }

  private static String memTotal() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (l.startsWith("MemTotal:")) {
          long kib = Long.parseLong(l.replaceAll("[^0-9]", ""));
          return String.format(java.util.Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
        }
      }
    } catch (IOException e) {
      return "memory unknown";
    }
    return "memory unknown";
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String firstLine(List<String> cmd) {
    return Cmd.run(cmd).stdout().strip();
  }

}
