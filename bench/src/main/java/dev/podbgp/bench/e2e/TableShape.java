package dev.podbgp.bench.e2e;

import dev.podbgp.bgp.wire.Ipv4Prefix;
import java.util.SplittableRandom;

/**
 * Distinct IPv4 prefixes shaped like the public table, drawn the same way for the end-to-end feed
 * and the RIB's pass-through benchmark: the length mix below, first octets 1..223 without 10, 100
 * and 127. Keys are {@code address << 6 | length}.
 */
public final class TableShape {
  /** Share of each prefix length in the public IPv4 table (rounded, 2024 shape). */
  private static final int[] LENGTHS = {24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11,
      10, 9, 8};
  private static final double[] SHARE = {.595, .10, .115, .05, .045, .025, .012, .008, .014,
      .0035, .0015, .0008, .0004, .0002, .0001, .00005, .00005};

  private TableShape() {}

  /** {@code count} distinct prefix keys, drawn from {@code r} (which the caller may go on using). */
  public static long[] draw(int count, SplittableRandom r) {
    double total = 0;
    for (double s : SHARE) {
      total += s;
    }
    PrefixMap seen = new PrefixMap(count);
    long[] out = new long[count];
    int n = 0;
    long attempts = 0;
    while (n < count) {
      if (++attempts > 20L * count + 1000) {
        throw new IllegalStateException("could not draw " + count + " distinct prefixes");
      }
      double u = r.nextDouble() * total;
      int li = 0;
      for (; li < LENGTHS.length - 1 && u >= SHARE[li]; li++) {
        u -= SHARE[li];
      }
      int len = LENGTHS[li];
      int first = 1 + r.nextInt(223);
      if (first == 10 || first == 100 || first == 127) {
        continue;
      }
      int addr = (first << 24) | r.nextInt(1 << 24);
      addr &= Ipv4Prefix.mask(len);
      long key = Keys.prefix(addr, len);
      if (seen.put(key, 0) < 0) {
        out[n++] = key;
      }
    }
    return out;
  }

  /** The network address of a key from {@link #draw}. */
  public static int address(long key) {
    return (int) ((key & Keys.PREFIX_MASK) >>> 6);
  }

  /** The prefix length of a key from {@link #draw}. */
  public static int length(long key) {
    return (int) (key & 63);
  }
}
