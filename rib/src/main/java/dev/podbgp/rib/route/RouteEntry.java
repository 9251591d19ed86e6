package dev.podbgp.rib.route;

import dev.podbgp.bgp.wire.Ipv4Prefix;
import dev.podbgp.bgp.wire.Ipv6Prefix;
import dev.podbgp.bgp.wire.Prefix;

import java.util.Arrays;

/**
 * Everything the RIB holds for one prefix: its paths from all peers (the
 * Adj-RIBs-In), the decision result (Loc-RIB: the first {@link #selected()}
 * paths, best first, then the multipath set) and, per peer, what was last
 * advertised to it (Adj-RIB-Out).
 *
 * <p>Memory is the point of the layout: a full table is a million of these.
 * The common prefix has one path and is advertised to one peer, so both sets
 * are held inline and grow into arrays only when a second member comes: the
 * paths field holds nothing, a {@link Path}, or a {@code Path[]} of two or
 * more; the Adj-RIB-Out field holds nothing, one peer's value (that peer in
 * {@code outPeer}), or an {@code Object[]} indexed by peer. An entry is then
 * 32 bytes plus its 32-byte path.
 */
public abstract sealed class RouteEntry permits RouteEntry.V4, RouteEntry.V6 {
    private static final byte DIRTY = 1;
    private static final byte FIB_DIRTY = 2;

    /** Null, the only {@link Path}, or a {@code Path[]} of at least two. */
    private Object paths;
    /** Null, the value advertised to peer {@link #outPeer}, or (several peers) an {@code Object[]} by peer index. */
    private Object out;
    private char outPeer;
    private byte selected;
    private byte flags;

    /** A new, empty entry for a prefix (its path identifier is ignored). */
    public static RouteEntry of(Prefix prefix) {
        if (prefix instanceof Ipv4Prefix p) {
            return new V4(p.address(), p.length());
        }
        Ipv6Prefix p = (Ipv6Prefix) prefix;
        return new V6(p.high(), p.low(), p.length());
    }

    /** The prefix, without path identifier (allocated on each call). */
    public abstract Prefix prefix();

    abstract boolean sameKey(Prefix p);

    abstract int keyHash();

    public int size() {
        Object ps = paths;
        return ps == null ? 0 : ps instanceof Path ? 1 : ((Path[]) ps).length;
    }

    public Path path(int i) {
        Object ps = paths;
        if (ps instanceof Path p) {
            if (i != 0) {
                throw new IndexOutOfBoundsException("path " + i + " of an entry with one path");
            }
            return p;
        }
        if (ps == null) {
            throw new IndexOutOfBoundsException("path " + i + " of an entry without paths");
        }
        return ((Path[]) ps)[i];
    }

    /** Number of selected paths: 0 when no path is eligible, else best plus multipaths. */
    public int selected() {
        return selected;
    }

    public Path best() {
        return selected == 0 ? null : path(0);
    }

    /** The path of this peer with this ADD-PATH identifier, or null. */
    public Path find(int peer, int pathId) {
        Object ps = paths;
        if (ps instanceof Path p) {
            return p.pathId() == pathId && p.peer() == peer ? p : null;
        }
        if (ps != null) {
            for (Path p : (Path[]) ps) {
                if (p.pathId() == pathId && p.peer() == peer) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Adds a path with a fresh local ADD-PATH identifier; selection is left for the decision process. */
    public Path add(int peer, int pathId) {
        Object ps = paths;
        if (ps == null) {
            Path p = new Path(peer, pathId, 1);
            paths = p;
            return p;
        }
        int n = size();
        int id = 1;
        boolean taken = true;
        while (taken) {
            taken = false;
            for (int i = 0; i < n; i++) {
                if (path(i).localId() == id) {
                    id++;
                    taken = true;
                    break;
                }
            }
        }
        Path p = new Path(peer, pathId, id);
        if (ps instanceof Path only) {
            paths = new Path[] {only, p};
        } else {
            Path[] a = Arrays.copyOf((Path[]) ps, n + 1);
            a[n] = p;
            paths = a;
        }
        return p;
    }

    /** Removes a path (the caller releases its attributes and re-runs the decision). */
    public void remove(Path p) {
        Object ps = paths;
        if (ps instanceof Path only) {
            if (only == p) {
                paths = null;
                selected = 0;
            }
            return;
        }
        if (ps == null) {
            return;
        }
        Path[] a = (Path[]) ps;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == p) {
                if (a.length == 2) {
                    paths = a[1 - i];
                } else {
                    Path[] n = new Path[a.length - 1];
                    System.arraycopy(a, 0, n, 0, i);
                    System.arraycopy(a, i + 1, n, i, a.length - i - 1);
                    paths = n;
                }
                if (i < selected) {
                    selected = 0;
                }
                return;
            }
        }
    }

    /** Installs a decision: {@code order} lists selected paths best first; the rest keep their order after them. */
    public void select(Path[] order, int count) {
        if (count == 0) {
            selected = 0;
            return;
        }
        if (!(paths instanceof Path[] a)) {
            // One path: it is the selection, and it is already first.
            selected = (byte) count;
            return;
        }
        boolean inPlace = true;
        for (int i = 0; i < count && inPlace; i++) {
            inPlace = a[i] == order[i];
        }
        if (inPlace) {
            // The usual case (a new path joined behind the current selection): nothing moves.
            selected = (byte) count;
            return;
        }
        Path[] n = new Path[a.length];
        System.arraycopy(order, 0, n, 0, count);
        int k = count;
        for (Path p : a) {
            boolean chosen = false;
            for (int i = 0; i < count && !chosen; i++) {
                chosen = order[i] == p;
            }
            if (!chosen) {
                n[k++] = p;
            }
        }
        paths = n;
        selected = (byte) count;
    }

    public boolean dirty() {
        return (flags & DIRTY) != 0;
    }

    public void dirty(boolean d) {
        flags = (byte) (d ? flags | DIRTY : flags & ~DIRTY);
    }

    /** Waiting for the FIB listener to hear of its new state. */
    public boolean fibDirty() {
        return (flags & FIB_DIRTY) != 0;
    }

    public void fibDirty(boolean d) {
        flags = (byte) (d ? flags | FIB_DIRTY : flags & ~FIB_DIRTY);
    }

    /** What was advertised to this peer: null, {@link Attrs} or {@link OutPath}[]. */
    public Object out(int peer) {
        Object o = out;
        if (o == null) {
            return null;
        }
        if (o.getClass() == Object[].class) {
            Object[] byPeer = (Object[]) o;
            return peer < byPeer.length ? byPeer[peer] : null;
        }
        return outPeer == peer ? o : null;
    }

    /** Records what was advertised to this peer (null: nothing). */
    public void out(int peer, Object value) {
        if (value != null && value.getClass() == Object[].class) {
            throw new IllegalArgumentException("an Adj-RIB-Out value is Attrs or OutPath[], not Object[]");
        }
        if (peer < 0 || peer > Character.MAX_VALUE) {
            throw new IllegalArgumentException("peer index " + peer + " is outside 0..65535");
        }
        Object o = out;
        if (o == null) {
            if (value != null) {
                out = value;
                outPeer = (char) peer;
            }
        } else if (o.getClass() != Object[].class) {
            if (outPeer == peer) {
                out = value;
            } else if (value != null) {
                Object[] byPeer = new Object[Math.max(peer, outPeer) + 1];
                byPeer[outPeer] = o;
                byPeer[peer] = value;
                out = byPeer;
            }
        } else {
            Object[] byPeer = (Object[]) o;
            if (value == null) {
                if (peer < byPeer.length) {
                    byPeer[peer] = null;
                    collapse(byPeer);
                }
            } else {
                if (peer >= byPeer.length) {
                    byPeer = Arrays.copyOf(byPeer, peer + 1);
                    out = byPeer;
                }
                byPeer[peer] = value;
            }
        }
    }

    /** Back to the inline form when at most one peer is left with something advertised. */
    private void collapse(Object[] byPeer) {
        int only = -1;
        for (int i = 0; i < byPeer.length; i++) {
            if (byPeer[i] != null) {
                if (only >= 0) {
                    return;
                }
                only = i;
            }
        }
        out = only < 0 ? null : byPeer[only];
        outPeer = (char) Math.max(only, 0);
    }

    public boolean hasOut() {
        return out != null;
    }

    /** Nothing left to keep: no path, nothing advertised, no pending work. */
    public boolean isEmpty() {
        return paths == null && out == null && flags == 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(prefix()).append(" selected=").append(selected).append(" [");
        for (int i = 0; i < size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(path(i));
        }
        return sb.append(']').toString();
    }

    /** An IPv4 unicast entry keyed by address and length. */
    public static final class V4 extends RouteEntry {
        private final int address;
        private final byte length;

        V4(int address, int length) {
            this.address = address;
            this.length = (byte) length;
        }

        @Override
        public Prefix prefix() {
            return new Ipv4Prefix(address, length);
        }

        @Override
        boolean sameKey(Prefix p) {
            return p instanceof Ipv4Prefix v && v.address() == address && v.length() == length;
        }

        @Override
        int keyHash() {
            return PrefixTable.hash4(address, length);
        }
    }

    /** An IPv6 unicast entry keyed by the 128 address bits and length. */
    public static final class V6 extends RouteEntry {
        private final long high;
        private final long low;
        private final byte length;

        V6(long high, long low, int length) {
            this.high = high;
            this.low = low;
            this.length = (byte) length;
        }

        @Override
        public Prefix prefix() {
            return new Ipv6Prefix(high, low, length);
        }

        @Override
        boolean sameKey(Prefix p) {
            return p instanceof Ipv6Prefix v && v.high() == high && v.low() == low && v.length() == length;
        }

        @Override
        int keyHash() {
            return PrefixTable.hash6(high, low, length);
        }
    }
}
