package dev.podbgp.rib.route;

import dev.podbgp.bgp.wire.Ipv4Prefix;
import dev.podbgp.bgp.wire.Ipv6Prefix;
import dev.podbgp.bgp.wire.Prefix;

import java.util.List;
import java.util.function.Consumer;

/**
 * Prefix → {@link RouteEntry}, open addressing over one array of entries (the
 * entries hold their own keys), so a prefix costs one array slot here rather
 * than a map node and a boxed key. Linear probing with backward-shift
 * deletion; load kept at or below one half. Single-threaded.
 */
public final class PrefixTable {
    private RouteEntry[] slots = new RouteEntry[16];
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

    /** The entry for a prefix (path identifier ignored), or null. */
    public RouteEntry get(Prefix p) {
        int mask = slots.length - 1;
        for (int i = hashOf(p) & mask; ; i = (i + 1) & mask) {
            RouteEntry e = slots[i];
            if (e == null || e.sameKey(p)) {
                return e;
            }
        }
    }

    /** The entry for a prefix, created empty when absent. */
    public RouteEntry getOrCreate(Prefix p) {
        int mask = slots.length - 1;
        int i = hashOf(p) & mask;
        for (; ; i = (i + 1) & mask) {
            RouteEntry e = slots[i];
            if (e == null) {
                break;
            }
            if (e.sameKey(p)) {
                return e;
            }
        }
        RouteEntry e = RouteEntry.of(p);
        slots[i] = e;
        if (++size * 2 > slots.length) {
            grow();
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
        RouteEntry[] s = slots;
        int mask = s.length - 1;
        int seen = 0;
        for (int i = 0, n = prefixes.size(); i < n; i++) {
            RouteEntry e = s[hashOf(prefixes.get(i)) & mask];
            if (e != null) {
                seen += e.spare();
            }
        }
        return seen;
    }

    /** Removes this entry object if present. */
    public void remove(RouteEntry entry) {
        int mask = slots.length - 1;
        int i = entry.keyHash() & mask;
        for (; ; i = (i + 1) & mask) {
            RouteEntry e = slots[i];
            if (e == null) {
                return;
            }
            if (e == entry) {
                break;
            }
        }
        slots[i] = null;
        size--;
        // Backward shift: pull later members of the probe run into the hole.
        int hole = i;
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int home = slots[j].keyHash() & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                slots[hole] = slots[j];
                slots[j] = null;
                hole = j;
            }
        }
    }

    /**
     * Visits every entry. The action must neither add nor remove entries;
     * callers that empty entries during a walk call {@link #removeEmpty()} after it.
     */
    public void forEach(Consumer<RouteEntry> action) {
        RouteEntry[] s = slots;
        for (RouteEntry e : s) {
            if (e != null) {
                action.accept(e);
            }
        }
    }

    /** Removes every entry for which {@link RouteEntry#isEmpty()} holds. */
    public void removeEmpty() {
        RouteEntry[] old = slots;
        int live = 0;
        for (RouteEntry e : old) {
            if (e != null && !e.isEmpty()) {
                live++;
            }
        }
        if (live == size) {
            return;
        }
        int cap = 16;
        while (cap < live * 2) {
            cap <<= 1;
        }
        slots = new RouteEntry[Math.max(cap, 16)];
        size = 0;
        for (RouteEntry e : old) {
            if (e != null && !e.isEmpty()) {
                insert(e);
            }
        }
    }

    private void grow() {
        RouteEntry[] old = slots;
        slots = new RouteEntry[old.length * 2];
        size = 0;
        for (RouteEntry e : old) {
            if (e != null) {
                insert(e);
            }
        }
    }

    private void insert(RouteEntry e) {
        int mask = slots.length - 1;
        int i = e.keyHash() & mask;
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        slots[i] = e;
        size++;
    }
}
