package dev.podbgp.rib.route;

import dev.podbgp.bgp.wire.Ipv4Prefix;
import dev.podbgp.bgp.wire.Ipv6Prefix;
import dev.podbgp.bgp.wire.Prefix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The segmented prefix table against a HashMap: lookups, removal, walks and compaction across splits. */
class PrefixTableTest {
    /** Enough prefixes for dozens of segments (each splits at half of {@link PrefixTable#SEGMENT_SLOTS}). */
    private static final int MANY = 300_000;

    private static List<Prefix> v4(int n, long seed) {
        // Public-table-like keys: /24s and /22s, so the low address bits are zero as in a real table.
        Random r = new Random(seed);
        Map<Prefix, Boolean> seen = new HashMap<>();
        List<Prefix> out = new ArrayList<>(n);
        while (out.size() < n) {
            int len = r.nextInt(4) == 0 ? 22 : 24;
            Prefix p = new Ipv4Prefix(r.nextInt() & Ipv4Prefix.mask(len), len);
            if (seen.put(p, Boolean.TRUE) == null) {
                out.add(p);
            }
        }
        return out;
    }

    private static void check(PrefixTable t, Map<Prefix, RouteEntry> model) {
        assertThat(t.size()).isEqualTo(model.size());
        for (Map.Entry<Prefix, RouteEntry> m : model.entrySet()) {
            assertThat(t.get(m.getKey())).as("entry of %s", m.getKey()).isSameAs(m.getValue());
        }
        Map<RouteEntry, Integer> visits = new IdentityHashMap<>();
        t.forEach(e -> visits.merge(e, 1, Integer::sum));
        assertThat(visits).hasSize(model.size());
        assertThat(visits.values()).containsOnly(1);
    }

    @Test
    void insertLookupRemoveAcrossSplits() {
        PrefixTable t = new PrefixTable();
        Map<Prefix, RouteEntry> model = new HashMap<>();
        List<Prefix> keys = v4(MANY, 7);
        for (Prefix p : keys) {
            RouteEntry e = t.getOrCreate(p);
            assertThat(e.prefix()).isEqualTo(p);
            model.put(p, e);
        }
        check(t, model);
        assertThat(t.segments()).isGreaterThan(8);
        // Every segment at most half full, and none under a quarter once the table has split.
        assertThat(t.capacity()).isBetween(2L * MANY, 4L * MANY + 2L * PrefixTable.SEGMENT_SLOTS);
        for (Prefix p : keys.subList(0, 1000)) {
            assertThat(t.getOrCreate(p)).isSameAs(model.get(p));
        }
        assertThat(t.size()).isEqualTo(MANY);

        List<Prefix> shuffled = new ArrayList<>(keys);
        Collections.shuffle(shuffled, new Random(11));
        for (Prefix p : shuffled.subList(0, MANY * 2 / 3)) {
            t.remove(model.remove(p));
        }
        check(t, model);
        for (Prefix p : shuffled.subList(0, MANY / 3)) {
            assertThat(t.get(p)).isNull();
            model.put(p, t.getOrCreate(p));
        }
        check(t, model);
    }

    @Test
    void removingAnEntryNotInTheTableChangesNothing() {
        PrefixTable t = new PrefixTable();
        RouteEntry kept = t.getOrCreate(Ipv4Prefix.parse("10.0.0.0/24"));
        t.remove(RouteEntry.of(Ipv4Prefix.parse("10.0.0.0/24")));
        t.remove(RouteEntry.of(Ipv4Prefix.parse("10.0.1.0/24")));
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.get(Ipv4Prefix.parse("10.0.0.0/24"))).isSameAs(kept);
    }

    @Test
    void removeEmptyDropsEmptyEntriesAndShrinksSegments() {
        PrefixTable t = new PrefixTable();
        Map<Prefix, RouteEntry> model = new HashMap<>();
        List<Prefix> keys = v4(MANY, 3);
        for (int i = 0; i < keys.size(); i++) {
            RouteEntry e = t.getOrCreate(keys.get(i));
            if (i % 10 == 0) {
                // A path makes the entry non-empty; the other nine in ten stay empty and go.
                e.add(1, 0);
                model.put(keys.get(i), e);
            }
        }
        long before = t.capacity();
        t.removeEmpty();
        check(t, model);
        assertThat(t.capacity()).isLessThanOrEqualTo(before / 4);
        // And it grows again from there.
        for (Prefix p : keys) {
            model.computeIfAbsent(p, t::getOrCreate);
        }
        check(t, model);
    }

    @Test
    void ipv6KeysSpreadOverSegments() {
        PrefixTable t = new PrefixTable();
        Map<Prefix, RouteEntry> model = new HashMap<>();
        Random r = new Random(5);
        while (model.size() < 100_000) {
            // 2001:db8::/32 with /48 to /64 sites: the low 64 bits all zero, as most of the IPv6 table is.
            int len = 48 + r.nextInt(17);
            long high = (0x20010DB8L << 32 | (r.nextLong() & 0xFFFFFFFFL)) & Ipv6Prefix.maskHigh(len);
            Prefix p = new Ipv6Prefix(high, 0, len);
            if (!model.containsKey(p)) {
                model.put(p, t.getOrCreate(p));
            }
        }
        check(t, model);
        assertThat(t.segments()).isGreaterThan(4);
    }

    @Test
    void smallTablesStayOneSmallSegment() {
        PrefixTable t = new PrefixTable();
        for (Prefix p : v4(2000, 9)) {
            t.getOrCreate(p);
        }
        // A 500-node cluster's 2,000 pod blocks: one segment of 4,096 slots, as the single array was.
        assertThat(t.segments()).isEqualTo(1);
        assertThat(t.capacity()).isEqualTo(4096);
    }
}
