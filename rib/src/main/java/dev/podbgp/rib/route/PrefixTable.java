package dev.podbgp.rib.route;

import dev.podbgp.bgp.wire.Ipv4Prefix;
import dev.podbgp.bgp.wire.Ipv4PrefixList;
import dev.podbgp.bgp.wire.Ipv6Prefix;
import dev.podbgp.bgp.wire.Prefix;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Prefix → {@link RouteEntry}, open addressing over arrays of entries (the
 * entries hold their own keys), so a prefix costs one array slot here rather
 * than a map node and a boxed key. Linear probing with backward-shift
 * deletion; load kept at or below one half. Single-threaded.
 *
 * <p>The slots are split into segments (extendible hashing): a directory
 * indexed by the top bits of the hash, each segment an open-addressing table
 * of at most {@link #SEGMENT_SLOTS} slots indexed by the low bits. A full
 * segment splits into itself and a new twin instead of the whole table
 * doubling. One array would be copied into one twice its size at each
 * doubling, and every outgrown array is garbage that a young collection has
 * already promoted to the old generation: at 1,000,000 prefixes that was 4 +
 * 2 + 1 + ... MB, held until a full collection and counted in the peak RSS.
 * A split keeps the segment's array, so a table of any size leaves at most
 * the first segment's small outgrown arrays behind, and no insert ever waits
 * for a copy of more than one segment.
 */
public final class PrefixTable {
    /** Slots of a segment once it stops doubling and splits instead (64 KB of references). */
    static final int SEGMENT_SLOTS = 1 << 14;
    private static final int MIN_SLOTS = 16;
    /** The directory uses the hash's top bits and a segment its low 14: at this depth they would overlap. */
    private static final int MAX_DEPTH = 32 - 14;

    /** One open-addressing table, for the hashes whose top {@code depth} bits are its directory prefix. */
    private static final class Segment {
        RouteEntry[] slots;
        int size;
        int depth;

        Segment(int depth, int slots) {
            this.depth = depth;
            this.slots = new RouteEntry[slots];
        }
    }

    /** {@code 1 << depth} entries; a segment of local depth d fills a run of {@code 1 << (depth - d)} of them. */
    private Segment[] dir = {new Segment(0, MIN_SLOTS)};
    private int depth;
    private int size;

    // Every probe reads an entry (a cache miss in a full table), so the hash must spread well: prefixes of the
    // public table end in 8 to 24 zero bits, and a 32-bit multiply left clusters that averaged 4.5 probes per
    // insert at 1,000,000 prefixes; the 64-bit product folded (and murmur's finaliser for IPv6) give about 1.4.

    static int hash4(int address, int length) {
        long h = (((long) address << 8) | length) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) ^ (int) h;
    }

    static int hash6(long high, long low, int length) {
        return (int) mix(high ^ mix(low ^ length));
    }

    /** Murmur3's 64-bit finaliser. */
    static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        return k ^ (k >>> 33);
    }

    private static int hashOf(Prefix p) {
        if (p instanceof Ipv4Prefix v) {
            return hash4(v.address(), v.length());
        }
        Ipv6Prefix v = (Ipv6Prefix) p;
        return hash6(v.high(), v.low(), v.length());
    }

    public int size() {
        return size;
    }

    /** Segments in use (for tests and the memory notes). */
    int segments() {
        return distinctSegments().length;
    }

    /** Slots of all segments together. */
    long capacity() {
        long c = 0;
        for (Segment g : distinctSegments()) {
            c += g.slots.length;
        }
        return c;
    }

    /** Each segment once: a segment fills a run of directory entries. */
    private Segment[] distinctSegments() {
        Segment[] out = new Segment[dir.length];
        int n = 0;
        for (int i = 0; i < dir.length; i++) {
            if (i == 0 || dir[i] != dir[i - 1]) {
                out[n++] = dir[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    private Segment segment(int hash) {
        // A shift by 32 would be a shift by 0 in Java: depth 0 is the one-segment directory.
        return depth == 0 ? dir[0] : dir[hash >>> (32 - depth)];
    }

    /** The entry for a prefix (path identifier ignored), or null. */
    public RouteEntry get(Prefix p) {
        if (p instanceof Ipv4Prefix v) {
            return get(v.address(), v.length());
        }
        int h = hashOf(p);
        RouteEntry[] s = segment(h).slots;
        int mask = s.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            RouteEntry e = s[i];
            if (e == null || e.sameKey(p)) {
                return e;
            }
        }
    }

    /** The entry for an IPv4 prefix, or null. */
    public RouteEntry get(int address, int length) {
        int h = hash4(address, length);
        RouteEntry[] s = segment(h).slots;
        int mask = s.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            RouteEntry e = s[i];
            if (e == null || e.is(address, length)) {
                return e;
            }
        }
    }

    /** The entry for a prefix, created empty when absent. */
    public RouteEntry getOrCreate(Prefix p) {
        if (p instanceof Ipv4Prefix v) {
            return getOrCreate(v.address(), v.length());
        }
        // IPv6: a second probe when the prefix is new (IPv6 tables are small; IPv4 has its own path).
        RouteEntry e = get(p);
        if (e != null) {
            return e;
        }
        e = RouteEntry.of(p);
        int h = e.keyHash();
        Segment g = segment(h);
        insert(g, e);
        return added(g, e, h);
    }

    /** The entry for an IPv4 prefix, created empty when absent. */
    public RouteEntry getOrCreate(int address, int length) {
        int h = hash4(address, length);
        Segment g = segment(h);
        RouteEntry[] s = g.slots;
        int mask = s.length - 1;
        int i = h & mask;
        for (; ; i = (i + 1) & mask) {
            RouteEntry e = s[i];
            if (e == null) {
                e = new RouteEntry.V4(address, length);
                s[i] = e;
                g.size++;
                return added(g, e, h);
            }
            if (e.is(address, length)) {
                return e;
            }
        }
    }

    /** Counts a new entry just placed in segment {@code g}, which grows or splits when past half full. */
    private RouteEntry added(Segment g, RouteEntry e, int h) {
        size++;
        if (g.size * 2 > g.slots.length) {
            full(g, h);
        }
        return e;
    }

    /**
     * Reads the home slot of each prefix, and the entry there, before the prefixes are handled one by one.
     * In a full table each of those reads is a cache miss; issued back to back they overlap in the memory
     * system instead of each stalling its own lookup. Changes nothing; returns a value only so that the
     * reads are not optimised away.
     */
    public int touch(List<Prefix> prefixes) {
        int seen = 0;
        for (int i = 0, n = prefixes.size(); i < n; i++) {
            seen += touch(hashOf(prefixes.get(i)));
        }
        return seen;
    }

    /** {@link #touch(List)} for packed IPv4 prefixes. */
    public int touch(Ipv4PrefixList prefixes) {
        int seen = 0;
        for (int i = 0, n = prefixes.size(); i < n; i++) {
            seen += touch(hash4(prefixes.address(i), prefixes.length(i)));
        }
        return seen;
    }

    private int touch(int h) {
        RouteEntry[] s = segment(h).slots;
        RouteEntry e = s[h & (s.length - 1)];
        return e == null ? 0 : e.spare();
    }

    /** Removes this entry object if present. */
    public void remove(RouteEntry entry) {
        Segment g = segment(entry.keyHash());
        RouteEntry[] s = g.slots;
        int mask = s.length - 1;
        int i = entry.keyHash() & mask;
        for (; ; i = (i + 1) & mask) {
            RouteEntry e = s[i];
            if (e == null) {
                return;
            }
            if (e == entry) {
                break;
            }
        }
        s[i] = null;
        g.size--;
        size--;
        // Backward shift: pull later members of the probe run into the hole.
        int hole = i;
        for (int j = (i + 1) & mask; s[j] != null; j = (j + 1) & mask) {
            int home = s[j].keyHash() & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                s[hole] = s[j];
                s[j] = null;
                hole = j;
            }
        }
    }

    /**
     * Visits every entry. The action must neither add nor remove entries;
     * callers that empty entries during a walk call {@link #removeEmpty()} after it.
     */
    public void forEach(Consumer<RouteEntry> action) {
        for (Segment g : distinctSegments()) {
            for (RouteEntry e : g.slots) {
                if (e != null) {
                    action.accept(e);
                }
            }
        }
    }

    /** Removes every entry for which {@link RouteEntry#isEmpty()} holds; a segment left mostly empty shrinks. */
    public void removeEmpty() {
        for (Segment g : distinctSegments()) {
            int live = 0;
            for (RouteEntry e : g.slots) {
                if (e != null && !e.isEmpty()) {
                    live++;
                }
            }
            if (live == g.size) {
                continue;
            }
            int cap = MIN_SLOTS;
            while (cap < live * 2) {
                cap <<= 1;
            }
            size -= g.size;
            resize(g, cap, false);
            size += g.size;
        }
    }

    /** Gives a segment a new array of {@code slots} and re-places its entries there (the empty ones only if asked). */
    private static void resize(Segment g, int slots, boolean keepEmpty) {
        RouteEntry[] old = g.slots;
        g.slots = new RouteEntry[slots];
        g.size = 0;
        for (RouteEntry e : old) {
            if (e != null && (keepEmpty || !e.isEmpty())) {
                insert(g, e);
            }
        }
    }

    /**
     * A segment passed half full (at the insert of a key with hash {@code h}): it doubles while small, else it
     * splits (or, at the deepest directory, doubles).
     */
    private void full(Segment g, int h) {
        RouteEntry[] old = g.slots;
        if (old.length < SEGMENT_SLOTS || g.depth == MAX_DEPTH) {
            resize(g, old.length * 2, true);
            return;
        }
        if (g.depth == depth) {
            // Each directory entry becomes two: the hashes' next bit tells them apart.
            Segment[] d = new Segment[dir.length * 2];
            for (int i = 0; i < dir.length; i++) {
                d[2 * i] = dir[i];
                d[2 * i + 1] = dir[i];
            }
            dir = d;
            depth++;
        }
        // The hashes with the next bit set move to the twin, which takes the upper half of the segment's run.
        int bit = 1 << (31 - g.depth);
        int run = 1 << (depth - g.depth);
        int first = (h >>> (32 - depth)) & -run;
        g.depth++;
        Segment twin = new Segment(g.depth, old.length);
        for (int i = first + run / 2; i < first + run; i++) {
            dir[i] = twin;
        }
        // The segment keeps its array (no outgrown copy left in the old generation); only a short-lived
        // copy of its references is made to re-place them.
        RouteEntry[] members = old.clone();
        Arrays.fill(old, null);
        g.size = 0;
        for (RouteEntry e : members) {
            if (e != null) {
                insert((e.keyHash() & bit) != 0 ? twin : g, e);
            }
        }
    }

    private static void insert(Segment g, RouteEntry e) {
        RouteEntry[] s = g.slots;
        int mask = s.length - 1;
        int i = e.keyHash() & mask;
        while (s[i] != null) {
            i = (i + 1) & mask;
        }
        s[i] = e;
        g.size++;
    }
}
