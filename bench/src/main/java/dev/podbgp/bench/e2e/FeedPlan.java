package dev.podbgp.bench.e2e;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.AsPath;
import dev.podbgp.bgp.wire.CodecOptions;
import dev.podbgp.bgp.wire.Ipv4Prefix;
import dev.podbgp.bgp.wire.Origin;
import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.bgp.wire.UpdateMessage;
import dev.podbgp.bgp.wire.UpdatePacker;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Everything the feeders send, encoded once before any session comes up so that sending costs
 * only socket writes. Deterministic (fixed seeds): every device gets the very same bytes.
 *
 * <p>Workloads 1, 2 and 4 draw prefixes with the length mix of the public IPv4 table and AS paths
 * of 2..8 hops from a pool, skewed so that a few paths carry many prefixes and most carry few,
 * as real tables share attribute sets. Workload 3 gives feeder i the /26 blocks
 * 100.64.0.0 + 64*(4i..4i+3).
 */
final class FeedPlan {
  /** The churn workload puts this AS into the re-announced paths; the monitor looks for it. */
  static final int CHURN_MARKER_AS = 64999;
  /** Chunks of whole messages written with one call; a keepalive may go between chunks. */
  private static final int CHUNK = 64 * 1024;
  /** Feeders are 4200000000 + index (4-octet private range). */
  static final long FEEDER_AS_BASE = 4_200_000_000L;

  /** Pre-encoded byte chunks, one list per feeder. */
  record Stage(List<List<byte[]>> perFeeder) {}

  final Workload workload;
  final List<Inet4Address> feederAddresses;
  final Stage load;
  /** The withdraw + re-announce stage, or null. */
  final Stage churn;
  /**
   * The same withdraws, then the churned tenth again without the marker, or null: after
   * {@link #churn} it makes the next change of the same size, so churn can go on for rounds.
   */
  final Stage churnBack;
  /** Distinct prefixes over all feeders (what the monitor holds behind a device). */
  final int uniquePrefixes;
  /** Prefixes over all feeders counted per feeder (what the monitor holds with no device). */
  final long totalPaths;

  static final CodecOptions ENCODING = new CodecOptions(true, false, false,
      java.util.Set.of(AddressFamily.IPV4_UNICAST), java.util.Set.of(), java.util.Set.of(),
      java.util.Set.of());

  FeedPlan(Workload w) {
    this.workload = w;
    this.feederAddresses = new ArrayList<>();
    for (int i = 0; i < w.feeders(); i++) {
      feederAddresses.add(feederAddress(i));
    }
    List<List<byte[]>> loads = new ArrayList<>();
    List<List<byte[]>> churns = new ArrayList<>();
    List<List<byte[]>> backs = new ArrayList<>();
    if (w.cluster()) {
      for (int i = 0; i < w.feeders(); i++) {
        List<Prefix> blocks = new ArrayList<>();
        for (int j = 0; j < w.prefixesPerFeeder(); j++) {
          blocks.add(new Ipv4Prefix(0x64400000 + (i * w.prefixesPerFeeder() + j) * 64, 26));
        }
        PathAttributes a = attributes(new int[] {(int) feederAs(i)}, feederAddresses.get(i));
        loads.add(encode(UpdatePacker.announce(a, blocks, ENCODING), true));
      }
      uniquePrefixes = w.feeders() * w.prefixesPerFeeder();
    } else {
      long[] prefixes = internetPrefixes(w.prefixesPerFeeder(), 7L * w.prefixesPerFeeder() + 1);
      for (int i = 0; i < w.feeders(); i++) {
        PathPool pool = new PathPool(feederAs(i), Math.max(1000, w.prefixesPerFeeder() / 5),
            1000L * i + 17);
        loads.add(announce(prefixes, pool, feederAddresses.get(i), false, true));
        if (w.churn()) {
          churns.add(churn(prefixes, pool, feederAddresses.get(i), true));
          backs.add(churn(prefixes, pool, feederAddresses.get(i), false));
        }
      }
      uniquePrefixes = prefixes.length;
    }
    totalPaths = (long) w.feeders() * w.prefixesPerFeeder();
    load = new Stage(loads);
    churn = w.churn() ? new Stage(churns) : null;
    churnBack = w.churn() ? new Stage(backs) : null;
  }

  static Inet4Address feederAddress(int i) {
    try {
      return (Inet4Address) InetAddress.getByAddress(new byte[] {10, (byte) 201,
          (byte) (i / 250), (byte) (i % 250 + 1)});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  static long feederAs(int i) {
    return FEEDER_AS_BASE + i;
  }

  /** AS paths: the feeder's AS, 0..5 transit ASes, an origin AS; 2..8 hops in all. */
  private static final class PathPool {
    final int[][] paths;
    final SplittableRandom random;

    PathPool(long feederAs, int size, long seed) {
      random = new SplittableRandom(seed);
      paths = new int[size][];
      for (int p = 0; p < size; p++) {
        // 2..8 hops, most 3..5 like the public table's average of about 4.5.
        int hops = Math.min(8, Math.max(2, 2 + random.nextInt(4) + random.nextInt(4)));
        int[] path = new int[hops];
        path[0] = (int) feederAs;
        for (int h = 1; h < hops - 1; h++) {
          path[h] = 100 + random.nextInt(6000);
        }
        int origin = 7000 + random.nextInt(50_000);
        path[hops - 1] = origin == 23456 ? 23457 : origin;
        paths[p] = path;
      }
    }

    /** Skewed: low indices (the big transit paths) carry most prefixes. */
    int pick() {
      double u = random.nextDouble();
      return (int) (paths.length * u * u * u);
    }
  }

  private static PathAttributes attributes(int[] path, Inet4Address nextHop) {
    return PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(path))
        .nextHop(nextHop).build();
  }

  /** Distinct prefixes with the public table's length mix ({@link TableShape}). */
  static long[] internetPrefixes(int count, long seed) {
    return TableShape.draw(count, new SplittableRandom(seed));
  }

  private static List<byte[]> announce(long[] prefixes, PathPool pool, Inet4Address nextHop,
      boolean churnOnly, boolean endOfRib) {
    // Group prefixes by path so each attribute set goes out packed, as a real speaker sends it.
    int[] pathOf = new int[prefixes.length];
    int[] perPath = new int[pool.paths.length];
    for (int i = 0; i < prefixes.length; i++) {
      pathOf[i] = pool.pick();
      perPath[pathOf[i]]++;
    }
    return encodeGroups(prefixes, pathOf, perPath, pool, nextHop, churnOnly, false, endOfRib);
  }

  /** {@code churnOnly}: the churned tenth only; {@code marked}: with the marker AS in its paths. */
  private static List<byte[]> encodeGroups(long[] prefixes, int[] pathOf, int[] perPath,
      PathPool pool, Inet4Address nextHop, boolean churnOnly, boolean marked, boolean endOfRib) {
    List<List<Prefix>> groups = new ArrayList<>(perPath.length);
    for (int c : perPath) {
      groups.add(new ArrayList<>(c));
    }
    for (int i = 0; i < prefixes.length; i++) {
      if (!churnOnly || Keys.churned(prefixes[i])) {
        groups.get(pathOf[i]).add(Keys.toPrefix(prefixes[i]));
      }
    }
    List<UpdateMessage> updates = new ArrayList<>();
    for (int p = 0; p < groups.size(); p++) {
      if (groups.get(p).isEmpty()) {
        continue;
      }
      int[] path = pool.paths[p];
      if (marked) {
        int[] m = new int[path.length + 1];
        m[0] = path[0];
        m[1] = CHURN_MARKER_AS;
        System.arraycopy(path, 1, m, 2, path.length - 1);
        path = m;
      }
      updates.addAll(UpdatePacker.announce(attributes(path, nextHop), groups.get(p), ENCODING));
    }
    return encode(updates, endOfRib);
  }

  /**
   * Withdraws of the churned tenth, then the same prefixes again, with the marker in the path or
   * (the way back) without it; paths drawn anew from the pool either way.
   */
  private List<byte[]> churn(long[] prefixes, PathPool pool, Inet4Address nextHop,
      boolean marked) {
    List<Prefix> gone = new ArrayList<>();
    for (long p : prefixes) {
      if (Keys.churned(p)) {
        gone.add(Keys.toPrefix(p));
      }
    }
    List<byte[]> out = new ArrayList<>(encode(UpdatePacker.withdraw(gone, ENCODING), false));
    int[] pathOf = new int[prefixes.length];
    int[] perPath = new int[pool.paths.length];
    for (int i = 0; i < prefixes.length; i++) {
      pathOf[i] = pool.pick();
      perPath[pathOf[i]]++;
    }
    out.addAll(encodeGroups(prefixes, pathOf, perPath, pool, nextHop, true, marked, false));
    return out;
  }

  private static List<byte[]> encode(List<UpdateMessage> updates, boolean endOfRib) {
    List<byte[]> chunks = new ArrayList<>();
    ByteArrayOutputStream chunk = new ByteArrayOutputStream(CHUNK + 4096);
    List<UpdateMessage> all = new ArrayList<>(updates);
    if (endOfRib) {
      all.add(UpdateMessage.endOfRib(AddressFamily.IPV4_UNICAST));
    }
    for (UpdateMessage u : all) {
      byte[] m = BgpConnection.encode(u, ENCODING);
      if (chunk.size() + m.length > CHUNK) {
        chunks.add(chunk.toByteArray());
        chunk.reset();
      }
      chunk.writeBytes(m);
    }
    if (chunk.size() > 0) {
      chunks.add(chunk.toByteArray());
    }
    return chunks;
  }

  static long bytes(Stage s) {
    long n = 0;
    for (List<byte[]> f : s.perFeeder()) {
      for (byte[] c : f) {
        n += c.length;
      }
    }
    return n;
  }
}
