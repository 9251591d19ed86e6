package dev.podbgp.rib.route;

/**
 * One path for a prefix: what one peer announced with one ADD-PATH
 * identifier. Four words and a header, so 32 bytes with compressed oops:
 * the per-path cost that dominates the RIB's memory.
 *
 * <p>{@code received} is the Adj-RIB-In copy (attributes as received, kept for
 * soft reconfiguration); {@code effective} is what import processing and
 * policy made of it, null when the path is not eligible (rejected, looped).
 */
public final class Path {
    private static final int PEER_MASK = 0xFFFF;
    private static final int STALE = 1 << 16;

    private int peerAndFlags;
    private final int pathId;
    /** The path identifier we advertise this path with over ADD-PATH; unique within its prefix. */
    private int localId;
    Attrs received;
    Attrs effective;

    public Path(int peer, int pathId, int localId) {
        if (peer < 0 || peer > PEER_MASK) {
            throw new IllegalArgumentException("peer index " + peer + " is outside 0..65535");
        }
        this.peerAndFlags = peer;
        this.pathId = pathId;
        this.localId = localId;
    }

    /** The RIB's index of the peer that sent this path (0 is local origination). */
    public int peer() {
        return peerAndFlags & PEER_MASK;
    }

    public int pathId() {
        return pathId;
    }

    public int localId() {
        return localId;
    }

    void localId(int id) {
        localId = id;
    }

    /** Kept from a restarting peer, waiting to be refreshed or flushed (RFC 4724). */
    public boolean stale() {
        return (peerAndFlags & STALE) != 0;
    }

    public void stale(boolean stale) {
        peerAndFlags = stale ? peerAndFlags | STALE : peerAndFlags & ~STALE;
    }

    public Attrs received() {
        return received;
    }

    public Attrs effective() {
        return effective;
    }

    /** Replaces both attribute sets; the caller moves the interner references. */
    public void attrs(Attrs received, Attrs effective) {
        this.received = received;
        this.effective = effective;
    }

    @Override
    public String toString() {
        return "Path[peer=" + peer() + ", pathId=" + Integer.toUnsignedString(pathId) + (stale() ? ", stale" : "")
                + ", " + (effective == null ? "ineligible" : effective.toString()) + "]";
    }
}
