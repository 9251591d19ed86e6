package dev.podbgp.rib.route;

import dev.podbgp.bgp.wire.Ipv4Prefix;
import dev.podbgp.bgp.wire.Ipv6Prefix;
import dev.podbgp.bgp.wire.Prefix;

import java.util.Arrays;

/**
 * Everything the RIB holds for one prefix: its paths from all peers (the
 * Adj-RIBs-In), the decision result (Loc-RIB: the first {@link #selected()}
 * paths, best first, then the multipath set) and, per peer, what was last
 * advertised to it (Adj-RIB-Out). One object per prefix keeps per-path
 * overhead to the {@link Path} itself and one array slot.
 */
public abstract sealed class RouteEntry permits RouteEntry.V4, RouteEntry.V6 {
    private static final Path[] NO_PATHS = new Path[0];
    private static final byte DIRTY = 1;
    private static final byte FIB_DIRTY = 2;

    private Path[] paths = NO_PATHS;
    private byte selected;
    private byte flags;
    /** Per peer index: null, an {@link Attrs} (one path) or an {@code OutPath[]} (ADD-PATH). */
    private Object[] out;

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
        return paths.length;
    }

    public Path path(int i) {
        return paths[i];
    }

    /** Number of selected paths: 0 when no path is eligible, else best plus multipaths. */
    public int selected() {
        return selected;
    }

    public Path best() {
        return selected == 0 ? null : paths[0];
    }

    /** The path of this peer with this ADD-PATH identifier, or null. */
    public Path find(int peer, int pathId) {
        for (Path p : paths) {
            if (p.pathId() == pathId && p.peer() == peer) {
                return p;
            }
        }
        return null;
    }

    /** Adds a path with a fresh local ADD-PATH identifier; selection is left for the decision process. */
    public Path add(int peer, int pathId) {
        int id = 1;
        boolean taken = true;
        while (taken) {
            taken = false;
            for (Path p : paths) {
                if (p.localId() == id) {
                    id++;
                    taken = true;
                    break;
                }
            }
        }
        Path p = new Path(peer, pathId, id);
        paths = Arrays.copyOf(paths, paths.length + 1);
        paths[paths.length - 1] = p;
        return p;
    }

    /** Removes a path (the caller releases its attributes and re-runs the decision). */
    public void remove(Path p) {
        for (int i = 0; i < paths.length; i++) {
            if (paths[i] == p) {
                Path[] n = new Path[paths.length - 1];
                System.arraycopy(paths, 0, n, 0, i);
                System.arraycopy(paths, i + 1, n, i, paths.length - i - 1);
                paths = n.length == 0 ? NO_PATHS : n;
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
        boolean inPlace = true;
        for (int i = 0; i < count && inPlace; i++) {
            inPlace = paths[i] == order[i];
        }
        if (inPlace) {
            // The usual case (a new path joined behind the current selection): nothing moves.
            selected = (byte) count;
            return;
        }
        Path[] n = new Path[paths.length];
        System.arraycopy(order, 0, n, 0, count);
        int k = count;
        for (Path p : paths) {
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
        return out == null || peer >= out.length ? null : out[peer];
    }

    public void out(int peer, Object value) {
        if (value == null) {
            if (out != null && peer < out.length) {
                out[peer] = null;
                for (Object o : out) {
                    if (o != null) {
                        return;
                    }
                }
                out = null;
            }
            return;
        }
        if (out == null) {
            out = new Object[Math.max(peer + 1, 4)];
        } else if (peer >= out.length) {
            out = Arrays.copyOf(out, Math.max(peer + 1, out.length * 2));
        }
        out[peer] = value;
    }

    public boolean hasOut() {
        return out != null;
    }

    /** Nothing left to keep: no path, nothing advertised, no pending work. */
    public boolean isEmpty() {
        return paths.length == 0 && out == null && flags == 0;
    }

    @Override
    public String toString() {
        return prefix() + " selected=" + selected + " " + Arrays.toString(paths);
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
