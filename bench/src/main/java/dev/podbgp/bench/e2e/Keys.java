package dev.podbgp.bench.e2e;

import dev.podbgp.bgp.wire.Ipv4Prefix;

/**
 * Prefixes as {@code long}s: bits 0-5 the length, 6-37 the address, 38 and up the monitor
 * session it came in on (0 behind a device; one per feeder in the feeder → monitor baseline).
 */
final class Keys {
  static final long PREFIX_MASK = (1L << 38) - 1;

  private Keys() {}

  static long prefix(int address, int length) {
    return ((address & 0xffffffffL) << 6) | length;
  }

  static long prefix(Ipv4Prefix p) {
    return prefix(p.address(), p.length());
  }

  static long withSession(long prefixKey, int session) {
    return ((long) session << 38) | prefixKey;
  }

  static Ipv4Prefix toPrefix(long key) {
    return new Ipv4Prefix((int) ((key & PREFIX_MASK) >>> 6), (int) (key & 63));
  }

  /**
   * Whether the churn workload moves this prefix: a fixed one in ten, chosen by a hash so feeder
   * and monitor agree without sharing a list.
   */
  static boolean churned(long prefixKey) {
    long h = (prefixKey & PREFIX_MASK) * 0xBF58476D1CE4E5B9L;
    h ^= h >>> 31;
    return Long.remainderUnsigned(h, 10) == 0;
  }
}
