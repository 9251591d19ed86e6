package dev.podbgp.rib;

import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.rib.route.RouteEntry;

import java.util.Arrays;

/**
 * Entries waiting for output (to the FIB, or to be exported), each with the
 * prefix object that was at hand when it changed, the one from the received
 * UPDATE, so that output need not make it again. An entry only holds its
 * address bits; making a prefix for each of a million routes twice over was
 * most of the RIB's garbage. The arrays are reused from one batch to the next.
 */
final class DirtyList {
    private static final int INITIAL = 64;
    /**
     * Larger arrays are let go after use, so one big table load does not pin them. A flush window of a
     * table load lists tens of thousands of entries; arrays up to this size (half a megabyte for both)
     * are kept rather than grown again from scratch in every window.
     */
    private static final int KEEP = 1 << 16;

    private RouteEntry[] entries = new RouteEntry[INITIAL];
    private Prefix[] prefixes = new Prefix[INITIAL];
    private int size;

    /** Adds an entry; {@code prefix} is its prefix (any path identifier is dropped on use), or null when none was at hand. */
    void add(RouteEntry e, Prefix prefix) {
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, size * 2);
            prefixes = Arrays.copyOf(prefixes, size * 2);
        }
        entries[size] = e;
        prefixes[size] = prefix;
        size++;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    RouteEntry entry(int i) {
        return entries[i];
    }

    /** The prefix of entry i, without path identifier. */
    Prefix prefix(int i) {
        Prefix p = prefixes[i];
        return p == null ? entries[i].prefix() : p.pathId() == 0 ? p : p.withPathId(0);
    }

    void clear() {
        if (entries.length > KEEP) {
            entries = new RouteEntry[INITIAL];
            prefixes = new Prefix[INITIAL];
        } else {
            Arrays.fill(entries, 0, size, null);
            Arrays.fill(prefixes, 0, size, null);
        }
        size = 0;
    }
}
