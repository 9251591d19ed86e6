package dev.podbgp.bench.rib;

import dev.podbgp.bench.e2e.TableShape;
import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.AsPath;
import dev.podbgp.bgp.wire.CodecOptions;
import dev.podbgp.bgp.wire.Ipv4;
import dev.podbgp.bgp.wire.Ipv4Prefix;
import dev.podbgp.bgp.wire.Origin;
import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.bgp.wire.UpdateMessage;
import dev.podbgp.bgp.wire.UpdatePacker;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The feed of the end-to-end workload 1 (docs/benchmarks.md, "End-to-end
 * pass-through"), for the RIB alone: distinct IPv4 prefixes with the length
 * mix of the public table, AS paths of 2..8 hops from a pool of a fifth as
 * many paths as prefixes, drawn skewed (pool index = size x u^3) so a few
 * paths carry many prefixes and most carry few; prefixes of one path packed
 * into 4096-byte UPDATEs, paths in pool order, as the e2e feeder sends them.
 * Prefixes come from {@link TableShape}, as in {@code bench/e2e/FeedPlan} (own seeds).
 *
 * <p>Only the plan (prefix keys, path per prefix, the pool) is kept; the
 * UPDATEs are made on each {@link #forEachUpdate} call, each with its own
 * objects as the decoder would make them (next hop address included), so a memory
 * measurement can drop them and count only what the RIB keeps.
 */
final class InternetFeed {
    static final long FEEDER_AS = 4_200_000_000L;
    static final CodecOptions ENCODING = new CodecOptions(true, false, false, Set.of(AddressFamily.IPV4_UNICAST),
            Set.of(), Set.of(), Set.of());

    private final int[] address;
    private final byte[] length;
    /** Prefix indices ordered by path; {@code start[p]..start[p+1]} carry pool path p. */
    private final int[] order;
    private final int[] start;
    private final int[][] paths;
    private final int nextHop;
    final int distinctPaths;

    InternetFeed(int prefixes, Inet4Address nextHop, long seed) {
        this.nextHop = Ipv4.fromInet(nextHop);
        SplittableRandom r = new SplittableRandom(seed);
        address = new int[prefixes];
        length = new byte[prefixes];
        long[] keys = TableShape.draw(prefixes, r);
        for (int n = 0; n < prefixes; n++) {
            address[n] = TableShape.address(keys[n]);
            length[n] = (byte) TableShape.length(keys[n]);
        }
        paths = new int[Math.max(1000, prefixes / 5)][];
        for (int p = 0; p < paths.length; p++) {
            int hops = Math.min(8, Math.max(2, 2 + r.nextInt(4) + r.nextInt(4)));
            int[] path = new int[hops];
            path[0] = (int) FEEDER_AS;
            for (int h = 1; h < hops - 1; h++) {
                path[h] = 100 + r.nextInt(6000);
            }
            int origin = 7000 + r.nextInt(50_000);
            path[hops - 1] = origin == 23456 ? 23457 : origin;
            paths[p] = path;
        }
        int[] pathOf = new int[prefixes];
        start = new int[paths.length + 1];
        for (int i = 0; i < prefixes; i++) {
            double u = r.nextDouble();
            pathOf[i] = (int) (paths.length * u * u * u);
            start[pathOf[i] + 1]++;
        }
        int used = 0;
        for (int p = 0; p < paths.length; p++) {
            used += start[p + 1] > 0 ? 1 : 0;
            start[p + 1] += start[p];
        }
        distinctPaths = used;
        order = new int[prefixes];
        int[] fill = Arrays.copyOf(start, paths.length);
        for (int i = 0; i < prefixes; i++) {
            order[fill[pathOf[i]]++] = i;
        }
    }

    int prefixes() {
        return address.length;
    }

    /** Makes the feed's UPDATEs afresh (new attribute and prefix objects) and hands them over one by one. */
    void forEachUpdate(Consumer<UpdateMessage> sink) {
        for (int p = 0; p < paths.length; p++) {
            if (start[p] == start[p + 1]) {
                continue;
            }
            // A new address object per UPDATE, as the decoder makes them.
            PathAttributes a = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(paths[p]))
                    .nextHop(Ipv4.toInet(nextHop)).build();
            List<Prefix> nlri = new ArrayList<>(start[p + 1] - start[p]);
            for (int k = start[p]; k < start[p + 1]; k++) {
                int i = order[k];
                nlri.add(new Ipv4Prefix(address[i], length[i]));
            }
            for (UpdateMessage u : UpdatePacker.announce(a, nlri, ENCODING)) {
                sink.accept(u);
            }
        }
    }

    /** All UPDATEs, made once (for timed runs, where decoding is not the RIB's cost). */
    List<UpdateMessage> updates() {
        List<UpdateMessage> all = new ArrayList<>();
        forEachUpdate(all::add);
        return all;
    }

    static Inet4Address feederAddress() {
        return Ipv4.toInet(Ipv4.parse("10.201.0.1"));
    }
}
