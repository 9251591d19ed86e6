package dev.podbgp.rib.route;

import java.util.Objects;

/**
 * One path for a prefix: what one peer announced with one ADD-PATH
 * identifier. The per-path cost dominates the RIB's memory, so a path keeps
 * only its peer, flags and attribute sets, and the identifiers only where
 * they differ from what the path's form implies:
 * <ul>
 * <li>a {@link RouteEntry} is itself the storage of one of its paths (the
 * common prefix has only one), and that inline path always has ADD-PATH
 * identifier 0 and local identifier 1, the identifiers of a prefix's first
 * path from a peer without ADD-PATH; an IPv4 entry is 32 bytes;</li>
 * <li>a {@link Plain} path (24 bytes with compressed oops) has ADD-PATH
 * identifier 0 and its local identifier in the spare high bits of the peer
 * word: the other paths of a prefix that several peers announce;</li>
 * <li>a {@link Tagged} path (32 bytes) stores both: a path received over
 * ADD-PATH, or a local identifier beyond what the spare bits hold.</li>
 * </ul>
 *
 * <p>{@link #received} is the Adj-RIB-In copy (attributes as received, kept for
 * soft reconfiguration); {@link #effective} is what import processing and
 * policy made of it, null when the path is not eligible (rejected, looped).
 * Without an import policy that changes attributes the two are the same set,
 * so one field holds both: that set (with a flag when the path is not
 * eligible), or an {@link Imported} pair when policy made a different set.
 * A second field would have made an IPv4 entry 40 bytes rather than 32
 * (see {@link RouteEntry}).
 */
public abstract sealed class Path permits Path.Plain, Path.Tagged, RouteEntry {
    private static final int PEER_MASK = 0xFFFF;
    private static final int STALE = 1 << 16;
    /** The attributes field holds the received set, and the path is not eligible (no effective set). */
    private static final int INELIGIBLE = 1 << 17;
    /** Bits from here up are not the path's: a {@link RouteEntry} keeps its own count there (see {@link #spareHigh}). */
    private static final int HIGH_SHIFT = 18;
    private static final int LOW_MASK = (1 << HIGH_SHIFT) - 1;
    /** The largest value {@link #spareHigh(int)} holds. */
    static final int SPARE_HIGH_MAX = (1 << (32 - HIGH_SHIFT)) - 1;
    /** The ADD-PATH identifier of an entry's inline path. */
    static final int INLINE_PATH_ID = 0;
    /** The local ADD-PATH identifier of an entry's inline path. */
    static final int INLINE_LOCAL_ID = 1;

    private int peerAndFlags;
    /** Null, the received set (also the effective one unless {@link #INELIGIBLE}), or an {@link Imported}. */
    private Object attrs;

    /** An entry's own path slot, vacant until {@link #reset}. */
    Path() {
    }

    /** Whether a path with these identifiers may live in an entry's inline slot. */
    static boolean fitsInline(int pathId, int localId) {
        return pathId == INLINE_PATH_ID && localId == INLINE_LOCAL_ID;
    }

    /** A path stored apart from its entry, in the smallest form that holds its identifiers. */
    static Path apart(int peer, int pathId, int localId) {
        return pathId == INLINE_PATH_ID && localId >= 0 && localId <= SPARE_HIGH_MAX
                ? new Plain(peer, localId) : new Tagged(peer, pathId, localId);
    }

    /** (Re)initialises the path's peer: no attributes, not stale. */
    final void reset(int peer) {
        if (peer < 0 || peer > PEER_MASK) {
            throw new IllegalArgumentException("peer index " + peer + " is outside 0..65535");
        }
        this.peerAndFlags = (peerAndFlags & ~LOW_MASK) | peer;
        this.attrs = null;
    }

    /**
     * Fourteen bits that are not the peer's or the flags': an entry's count of paths in its array, a
     * {@link Plain} path's local identifier. {@link #reset} leaves them alone.
     */
    final int spareHigh() {
        return peerAndFlags >>> HIGH_SHIFT;
    }

    final void spareHigh(int v) {
        peerAndFlags = (peerAndFlags & LOW_MASK) | (v << HIGH_SHIFT);
    }

    /** The RIB's index of the peer that sent this path (0 is local origination). */
    public final int peer() {
        return peerAndFlags & PEER_MASK;
    }

    /** The ADD-PATH identifier the peer sent this path with (0 without ADD-PATH). */
    public final int pathId() {
        // A type check rather than a virtual call: this runs for every prefix received.
        return this instanceof Tagged t ? t.pathId : INLINE_PATH_ID;
    }

    /** The path identifier we advertise this path with over ADD-PATH; unique within its prefix. */
    public final int localId() {
        if (this instanceof Plain) {
            return spareHigh();
        }
        return this instanceof Tagged t ? t.localId : INLINE_LOCAL_ID;
    }

    /** Kept from a restarting peer, waiting to be refreshed or flushed (RFC 4724). */
    public final boolean stale() {
        return (peerAndFlags & STALE) != 0;
    }

    public void stale(boolean stale) {
        peerAndFlags = stale ? peerAndFlags | STALE : peerAndFlags & ~STALE;
    }

    public final Attrs received() {
        Object a = attrs;
        if (a instanceof Attrs x) {
            return x;
        }
        return a == null ? null : ((Imported) a).received;
    }

    public final Attrs effective() {
        Object a = attrs;
        if (a instanceof Attrs x) {
            return (peerAndFlags & INELIGIBLE) != 0 ? null : x;
        }
        return a == null ? null : ((Imported) a).effective;
    }

    /** Replaces both attribute sets; the caller moves the interner references. */
    public void attrs(Attrs received, Attrs effective) {
        if (received != effective && effective != null) {
            attrs(new Imported(received, effective));
            return;
        }
        attrs = received;
        peerAndFlags = effective == null && received != null ? peerAndFlags | INELIGIBLE : peerAndFlags & ~INELIGIBLE;
    }

    /** Replaces both attribute sets with a pair that other paths may share (the caller moves the references). */
    public void attrs(Imported both) {
        attrs = both;
        peerAndFlags &= ~INELIGIBLE;
    }

    /**
     * A received set and the different set that import policy made of it. Immutable, so the paths of one
     * UPDATE, which all get the same pair, can share one.
     */
    public static final class Imported {
        private final Attrs received;
        private final Attrs effective;

        public Imported(Attrs received, Attrs effective) {
            this.received = received;
            this.effective = Objects.requireNonNull(effective, "effective (an ineligible path needs no pair)");
        }

        public Attrs received() {
            return received;
        }

        public Attrs effective() {
            return effective;
        }
    }

    /** Describes the path (final: an entry describes its own path this way too, see {@link RouteEntry#describe}). */
    @Override
    public final String toString() {
        return "Path[peer=" + peer() + ", pathId=" + Integer.toUnsignedString(pathId()) + (stale() ? ", stale" : "")
                + ", " + (effective() == null ? "ineligible" : effective().toString()) + "]";
    }

    /** A path apart from its entry with ADD-PATH identifier 0; its local identifier is in the spare bits. */
    public static final class Plain extends Path {
        Plain(int peer, int localId) {
            reset(peer);
            spareHigh(localId);
        }
    }

    /** A path apart from its entry that stores both identifiers. */
    public static final class Tagged extends Path {
        private final int pathId;
        private final int localId;

        Tagged(int peer, int pathId, int localId) {
            reset(peer);
            this.pathId = pathId;
            this.localId = localId;
        }
    }
}
