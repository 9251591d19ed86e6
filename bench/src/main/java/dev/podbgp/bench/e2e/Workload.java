package dev.podbgp.bench.e2e;

/**
 * The four workloads of issue 7, with their sizes. {@code --quick} shrinks them so a
 * development run takes minutes; the published figures use {@link #full}.
 *
 * @param number 1..4 as in the issue
 * @param feeders feeder sessions
 * @param prefixesPerFeeder prefixes each feeder announces
 * @param churn whether a 10% withdraw-and-re-announce follows the load
 */
record Workload(int number, String title, int feeders, int prefixesPerFeeder, boolean churn) {

  Workload {
    if (feeders < 1 || feeders > 500) {
      throw new IllegalArgumentException("workload " + number + ": " + feeders
          + " feeders is outside 1..500 (the feeder subnet holds 500 addresses)");
    }
    if (prefixesPerFeeder < 1) {
      throw new IllegalArgumentException("workload " + number + ": " + prefixesPerFeeder
          + " prefixes per feeder");
    }
  }

  static Workload full(int number) {
    return switch (number) {
      case 1 -> new Workload(1, "1,000,000 IPv4 prefixes, one feeder", 1, 1_000_000, false);
      case 2 -> new Workload(2, "10 feeders x 100,000 prefixes (same prefixes, other paths)", 10,
          100_000, false);
      case 3 -> new Workload(3, "cluster: 500 feeder sessions x 4 /26", 500, 4, false);
      case 4 -> new Workload(4, "churn: 1,000,000 loaded, withdraw + re-announce 10%", 1,
          1_000_000, true);
      default -> throw new IllegalArgumentException("there is no workload " + number
          + "; workloads are 1, 2, 3 and 4");
    };
  }

  static Workload quick(int number) {
    Workload w = full(number);
    return switch (number) {
      case 1 -> new Workload(1, "100,000 IPv4 prefixes, one feeder (quick)", 1, 100_000, false);
      case 2 -> new Workload(2, "10 feeders x 10,000 prefixes (quick)", 10, 10_000, false);
      case 3 -> new Workload(3, "cluster: 100 feeder sessions x 4 /26 (quick)", 100, 4, false);
      case 4 -> new Workload(4, "churn: 100,000 loaded, withdraw + re-announce 10% (quick)", 1,
          100_000, true);
      default -> w;
    };
  }

  /** The CI smoke: 10,000 prefixes from one feeder. */
  static Workload smoke() {
    return new Workload(1, "10,000 IPv4 prefixes, one feeder (smoke)", 1, 10_000, false);
  }

  /** The same workload under another title (how long its churn goes on, say). */
  Workload titled(String title) {
    return new Workload(number, title, feeders, prefixesPerFeeder, churn);
  }

  boolean cluster() {
    return number == 3;
  }
}
