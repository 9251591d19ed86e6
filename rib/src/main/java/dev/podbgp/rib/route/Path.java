package dev.podbgp.rib.route;

/**
 * One path for a prefix: what one peer announced with one ADD-PATH
 * identifier. Five words and a header, so 32 bytes with compressed oops:
 * the per-path cost that dominates the RIB's memory. A {@link RouteEntry}
 * is itself the storage of one of its paths (the common prefix has only
 * one), so only further paths are objects of their own.
 *
 * <p>{@code received} is the Adj-RIB-In copy (attributes as received, kept for
 * soft reconfiguration); {@code effective} is what import processing and
 * policy made of it, null when the path is not eligible (rejected, looped).
 */
public sealed class Path permits RouteEntry {
    private static final int PEER_MASK = 0xFFFF;
    private static final int STALE = 1 << 16;
    /** Bits from here up are not the path's: a {@link RouteEntry} keeps its own count there (see {@link #spareHigh}). */
    private static final int HIGH_SHIFT = 17;
    private static final int LOW_MASK = (1 << HIGH_SHIFT) - 1;
    /** The largest value {@link #spareHigh(int)} holds. */
    static final int SPARE_HIGH_MAX = (1 << (32 - HIGH_SHIFT)) - 1;

    private int peerAndFlags;
    private int pathId;
    /** The path identifier we advertise this path with over ADD-PATH; unique within its prefix. */
    private int localId;
    Attrs received;
    Attrs effective;

    public Path(int peer, int pathId, int localId) {
        reset(peer, pathId, localId);
    }

    /** An entry's own path slot, vacant until {@link #reset}. */
    Path() {
    }

    /** (Re)initialises the path: no attributes, not stale. */
    final void reset(int peer, int pathId, int localId) {
        if (peer < 0 || peer > PEER_MASK) {
            throw new IllegalArgumentException("peer index " + peer + " is outside 0..65535");
        }
        this.peerAndFlags = (peerAndFlags & ~LOW_MASK) | peer;
        this.pathId = pathId;
        this.localId = localId;
        this.received = null;
        this.effective = null;
    }

    /** Fifteen bits that describe the entry rather than this path; {@link #reset} leaves them alone. */
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

    public final int pathId() {
        return pathId;
    }

    public final int localId() {
        return localId;
    }

    void localId(int id) {
        localId = id;
    }

    /** Kept from a restarting peer, waiting to be refreshed or flushed (RFC 4724). */
    public final boolean stale() {
        return (peerAndFlags & STALE) != 0;
    }

    public void stale(boolean stale) {
        peerAndFlags = stale ? peerAndFlags | STALE : peerAndFlags & ~STALE;
    }

    public final Attrs received() {
        return received;
    }

    public final Attrs effective() {
        return effective;
    }

    /** Replaces both attribute sets; the caller moves the interner references. */
    public void attrs(Attrs received, Attrs effective) {
        this.received = received;
        this.effective = effective;
    }

    /** Describes the path (final: an entry describes its own path this way too, see {@link RouteEntry#describe}). */
    @Override
    public final String toString() {
        return "Path[peer=" + peer() + ", pathId=" + Integer.toUnsignedString(pathId) + (stale() ? ", stale" : "")
                + ", " + (effective == null ? "ineligible" : effective.toString()) + "]";
    }
}
