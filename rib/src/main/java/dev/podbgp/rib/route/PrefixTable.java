package dev.podbgp.rib.route;

import dev.podbgp.bgp.wire.Ipv4Prefix;
import dev.podbgp.bgp.wire.Ipv6Prefix;
import dev.podbgp.bgp.wire.Prefix;

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

    static int hash4(int address, int length) {
        int h = address * 0x9E3779B9 + length * 0x85EBCA6B;
        return h ^ (h >>> 16);
    }

    static int hash6(long high, long low, int length) {
        long h = high * 0x9E3779B97F4A7C15L ^ low * 0xC2B2AE3D27D4EB4FL ^ length;
        h ^= h >>> 32;
        int i = (int) h;
        return i ^ (i >>> 16);
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
