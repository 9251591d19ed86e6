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
 * <p>Memory is the point of the layout: a full table is a million of these,
 * and the common prefix has one path and is advertised to one peer. So the
 * entry is itself the storage of one path (it extends {@link Path}; its
 * {@code Path} methods describe that path, never the entry) and holds one
 * peer's Adj-RIB-Out value inline; arrays appear only from a second member
 * on. Other paths and the Adj-RIB-Out share one field, which holds:
 * <ul>
 * <li>nothing;</li>
 * <li>a lone {@link Path} other than the entry, with nothing advertised;</li>
 * <li>an {@code Object[]} of slots: slot 0 is the Adj-RIB-Out part (as in
 * the next two forms, or null), then the paths, which may include the entry:
 * two or more, or one other than the entry with something advertised;</li>
 * <li>the value advertised to the peer in the state bits, with no other
 * path;</li>
 * <li>a {@link ByPeer} table of values by peer index, with no other path.</li>
 * </ul>
 * A second field would have made an IPv4 entry 40 bytes rather than 32, and a
 * prefix with several paths is advertised almost always, so the slots array
 * gives it the Adj-RIB-Out for one more slot. The slots array grows two and
 * a half times when full and may end in unused slots; the number of paths in
 * it sits in spare bits of the entry's own path word ({@link Path#spareHigh}),
 * so a prefix that collects ten paths one by one makes three arrays rather
 * than nine, and removing or reordering paths makes none. Selection count,
 * flags, the inline Adj-RIB-Out peer and (IPv4) the prefix length share one
 * int. The inline path has identifiers 0 and 1 (see {@link Path}).
 */
public abstract sealed class RouteEntry extends Path permits RouteEntry.V4, RouteEntry.V6 {
    private static final int OUT_PEER = 0xFFFF;
    private static final int SELECTED_SHIFT = 16;
    private static final int SELECTED_MASK = 0x7F << SELECTED_SHIFT;
    private static final int DIRTY = 1 << 23;
    private static final int FIB_DIRTY = 1 << 24;
    /** The entry's own path slot is in use. */
    private static final int OWN_PATH = 1 << 25;
    private static final int SPARE_SHIFT = 26;

    /** Other paths and the Adj-RIB-Out, in one of the forms of the class comment. */
    private Object more;
    /** Bits 0-15 the inline Adj-RIB-Out peer, 16-22 selected, then DIRTY, FIB_DIRTY, OWN_PATH, 6 bits for subclasses. */
    private int state;

    /** What was advertised to several peers, by peer index (a holder, so that it is never taken for slots). */
    private static final class ByPeer {
        Object[] values;

        ByPeer(Object[] values) {
            this.values = values;
        }
    }

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

    /** Whether this is the entry of the IPv4 prefix {@code address}/{@code length}. */
    boolean is(int address, int length) {
        return false;
    }

    abstract int keyHash();

    /** Six bits of the state word for a subclass's own use. */
    final int spare() {
        return state >>> SPARE_SHIFT;
    }

    final void spare(int v) {
        state = (state & ~(0x3F << SPARE_SHIFT)) | (v << SPARE_SHIFT);
    }

    private boolean ownPath() {
        return (state & OWN_PATH) != 0;
    }

    /** The slots array, or null in the other forms. */
    private Object[] slots() {
        Object m = more;
        return m != null && m.getClass() == Object[].class ? (Object[]) m : null;
    }

    /** Paths in a slots array; {@link Path#SPARE_HIGH_MAX} says: every slot after the first (that many paths). */
    private int used(Object[] a) {
        int n = spareHigh();
        return n == Path.SPARE_HIGH_MAX ? a.length - 1 : n;
    }

    private void used(int n) {
        spareHigh(Math.min(n, Path.SPARE_HIGH_MAX));
    }

    /** The Adj-RIB-Out part: null, a value for the inline peer, or a {@link ByPeer}. */
    private Object outPart() {
        Object m = more;
        if (m == null || m instanceof Path) {
            return null;
        }
        return m.getClass() == Object[].class ? ((Object[]) m)[0] : m;
    }

    /** Replaces the Adj-RIB-Out part, keeping the paths. */
    private void outPart(Object o) {
        Object m = more;
        Object[] a = slots();
        if (a != null) {
            if (o == null && used(a) == 1) {
                // A lone path other than the entry, and nothing advertised: the slots go.
                more = a[1];
            } else {
                a[0] = o;
            }
        } else if (m instanceof Path lone) {
            if (o != null) {
                more = new Object[] {o, lone};
                used(1);
            }
        } else {
            more = o;
        }
    }

    /** Sets the paths apart from the entry's own slot to none or a lone other path, keeping the Adj-RIB-Out. */
    private void lone(Path p) {
        Object o = outPart();
        more = p;
        outPart(o);
    }

    public int size() {
        Object m = more;
        if (m instanceof Path) {
            return 1;
        }
        if (m != null && m.getClass() == Object[].class) {
            return used((Object[]) m);
        }
        return ownPath() ? 1 : 0;
    }

    public Path path(int i) {
        Object m = more;
        if (m instanceof Path p) {
            if (i == 0) {
                return p;
            }
        } else if (m != null && m.getClass() == Object[].class) {
            Object[] a = (Object[]) m;
            if (i >= 0 && i < used(a)) {
                return (Path) a[i + 1];
            }
        } else if (i == 0 && ownPath()) {
            return this;
        }
        throw new IndexOutOfBoundsException("path " + i + " of an entry with " + size());
    }

    /** Number of selected paths: 0 when no path is eligible, else best plus multipaths. */
    public int selected() {
        return (state & SELECTED_MASK) >>> SELECTED_SHIFT;
    }

    private void selected(int n) {
        if (n > 0x7F) {
            throw new IllegalArgumentException(n + " selected paths: at most 127 fit (the multipath limit is 64)");
        }
        state = (state & ~SELECTED_MASK) | (n << SELECTED_SHIFT);
    }

    public Path best() {
        return selected() == 0 ? null : path(0);
    }

    /** The path of this peer with this ADD-PATH identifier, or null. */
    public Path find(int peer, int pathId) {
        // Straight over the storage rather than size()/path(i): this runs for every prefix received, and
        // with the quick compiler the calls per path were a visible share of a 10-feeder load.
        Object m = more;
        if (m instanceof Path p) {
            return is(p, peer, pathId) ? p : null;
        }
        if (m != null && m.getClass() == Object[].class) {
            Object[] a = (Object[]) m;
            for (int i = 1, end = used(a) + 1; i < end; i++) {
                Path p = (Path) a[i];
                if (is(p, peer, pathId)) {
                    return p;
                }
            }
            return null;
        }
        return ownPath() && is(this, peer, pathId) ? this : null;
    }

    private static boolean is(Path p, int peer, int pathId) {
        return p.peer() == peer && p.pathId() == pathId;
    }

    /** The smallest local ADD-PATH identifier (from 1) no path of this entry uses; one pass, for any number of paths. */
    private int freeLocalId(int n) {
        long taken = 0;
        for (int i = 0; i < n; i++) {
            int id = path(i).localId();
            if (id > 0 && id < 64) {
                taken |= 1L << id;
            }
        }
        long free = ~taken & ~1L;
        if (free != 0) {
            return Long.numberOfTrailingZeros(free);
        }
        // 1 to 63 are taken. n paths leave one of 1 to n + 1 free; a scan per candidate would be cubic in the
        // paths of a prefix over their arrival, which an ADD-PATH peer chooses.
        boolean[] usedIds = new boolean[n + 2];
        for (int i = 0; i < n; i++) {
            int id = path(i).localId();
            if (id > 0 && id <= n + 1) {
                usedIds[id] = true;
            }
        }
        int id = 64;
        while (usedIds[id]) {
            id++;
        }
        return id;
    }

    /** Adds a path with a fresh local ADD-PATH identifier; selection is left for the decision process. */
    public Path add(int peer, int pathId) {
        int n = size();
        int id = n == 0 ? 1 : freeLocalId(n);
        Path only = n == 1 ? path(0) : null;
        Path p;
        if (!ownPath() && Path.fitsInline(pathId, id)) {
            // The entry's own slot is free (no path, or its path went while others stayed) and holds these identifiers.
            reset(peer);
            state |= OWN_PATH;
            p = this;
        } else {
            p = Path.apart(peer, pathId, id);
        }
        if (n == 0) {
            if (p != this) {
                lone(p);
            }
        } else {
            Object[] a = slots();
            if (a == null || n == 1) {
                // A second path: slots for the Adj-RIB-Out part and exactly two paths.
                a = new Object[] {outPart(), only, null};
                more = a;
            } else if (n + 1 >= Path.SPARE_HIGH_MAX) {
                // The count no longer fits its bits: the array's length says it, so the array is exactly full.
                if (a.length != n + 2) {
                    a = Arrays.copyOf(a, n + 2);
                    more = a;
                }
            } else if (n + 1 == a.length) {
                // Full: two and a half times the paths (2, 5, 12, 30, ...). Each outgrown array that lived through
                // a young collection stays in the old generation until a full one, and prefixes that collect
                // paths from many peers do so over the whole table load: ten paths make two such arrays, not
                // three, and five fit the second.
                a = Arrays.copyOf(a, 1 + n * 5 / 2);
                more = a;
            }
            a[n + 1] = p;
            used(n + 1);
        }
        return p;
    }

    /** Removes a path (the caller releases its attributes and re-runs the decision). */
    public void remove(Path p) {
        int n = size();
        int i = 0;
        while (i < n && path(i) != p) {
            i++;
        }
        if (i == n) {
            return;
        }
        if (n == 1) {
            lone(null);
        } else if (n == 2) {
            Path other = path(1 - i);
            lone(other == this ? null : other);
        } else {
            Object[] a = slots();
            if (n >= Path.SPARE_HIGH_MAX) {
                // Counted by the array's length: keep it exact.
                Object[] rest = new Object[n];
                rest[0] = a[0];
                System.arraycopy(a, 1, rest, 1, i);
                System.arraycopy(a, i + 2, rest, i + 1, n - i - 1);
                more = rest;
            } else {
                System.arraycopy(a, i + 2, a, i + 1, n - i - 1);
                a[n] = null;
            }
            used(n - 1);
        }
        if (p == this) {
            // Its attributes stay readable for the caller to release (and clear); the slot is reset when reused.
            state &= ~OWN_PATH;
        }
        if (i < selected()) {
            selected(0);
        }
    }

    /** Installs a decision: {@code order} lists selected paths best first; the rest keep their order after them. */
    public void select(Path[] order, int count) {
        if (count == 0) {
            selected(0);
            return;
        }
        Object[] a = slots();
        if (a == null || used(a) == 1) {
            // One path: it is the selection, and it is already first.
            selected(count);
            return;
        }
        boolean inPlace = true;
        for (int i = 0; i < count && inPlace; i++) {
            inPlace = a[i + 1] == order[i];
        }
        if (inPlace) {
            // The usual case (a new path joined behind the current selection): nothing moves.
            selected(count);
            return;
        }
        // In place: each selected path moves to its rank, the paths it passes shift up by one and keep their order.
        int end = used(a) + 1;
        for (int i = 1; i <= count; i++) {
            Path p = order[i - 1];
            int j = i;
            while (a[j] != p) {
                j++;
                if (j == end) {
                    throw new IllegalArgumentException("selected path " + p + " is not a path of " + describe());
                }
            }
            System.arraycopy(a, i, a, i + 1, j - i);
            a[i] = p;
        }
        selected(count);
    }

    public boolean dirty() {
        return (state & DIRTY) != 0;
    }

    public void dirty(boolean d) {
        state = d ? state | DIRTY : state & ~DIRTY;
    }

    /** Waiting for the FIB listener to hear of its new state. */
    public boolean fibDirty() {
        return (state & FIB_DIRTY) != 0;
    }

    public void fibDirty(boolean d) {
        state = d ? state | FIB_DIRTY : state & ~FIB_DIRTY;
    }

    private int outPeer() {
        return state & OUT_PEER;
    }

    private void outPeer(int peer) {
        state = (state & ~OUT_PEER) | peer;
    }

    /** What was advertised to this peer: null, {@link OutAttrs} or {@link OutPath}[]. */
    public Object out(int peer) {
        Object o = outPart();
        if (o == null) {
            return null;
        }
        if (o instanceof ByPeer b) {
            return peer < b.values.length ? b.values[peer] : null;
        }
        return outPeer() == peer ? o : null;
    }

    /** Records what was advertised to this peer (null: nothing). */
    public void out(int peer, Object value) {
        if (value != null && (value.getClass() == Object[].class || value instanceof Path)) {
            throw new IllegalArgumentException("an Adj-RIB-Out value is OutAttrs or OutPath[], not "
                    + value.getClass().getSimpleName());
        }
        if (peer < 0 || peer > Character.MAX_VALUE) {
            throw new IllegalArgumentException("peer index " + peer + " is outside 0..65535");
        }
        Object o = outPart();
        if (o == null) {
            if (value != null) {
                outPart(value);
                outPeer(peer);
            }
        } else if (!(o instanceof ByPeer b)) {
            int only = outPeer();
            if (only == peer) {
                outPart(value);
            } else if (value != null) {
                Object[] byPeer = new Object[Math.max(peer, only) + 1];
                byPeer[only] = o;
                byPeer[peer] = value;
                outPart(new ByPeer(byPeer));
            }
        } else if (value == null) {
            if (peer < b.values.length) {
                b.values[peer] = null;
                collapse(b.values);
            }
        } else {
            if (peer >= b.values.length) {
                b.values = Arrays.copyOf(b.values, peer + 1);
            }
            b.values[peer] = value;
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
        outPart(only < 0 ? null : byPeer[only]);
        outPeer(Math.max(only, 0));
    }

    public boolean hasOut() {
        return outPart() != null;
    }

    /** Nothing left to keep: no path, nothing advertised, no pending work. */
    public boolean isEmpty() {
        return size() == 0 && outPart() == null && (state & (DIRTY | FIB_DIRTY)) == 0;
    }

    /** The entry for logs and test messages ({@link #toString} describes its own path, as for any path). */
    public String describe() {
        StringBuilder sb = new StringBuilder().append(prefix()).append(" selected=").append(selected()).append(" [");
        for (int i = 0; i < size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(path(i));
        }
        return sb.append(']').toString();
    }

    /** An IPv4 unicast entry keyed by address and length. */
    public static final class V4 extends RouteEntry {
        private final int address;

        V4(int address, int length) {
            this.address = address;
            // The length (0..32) lives in the state word's spare bits: a byte field would cost 8 bytes of padding.
            spare(length);
        }

        @Override
        public Prefix prefix() {
            return new Ipv4Prefix(address, spare());
        }

        @Override
        boolean sameKey(Prefix p) {
            return p instanceof Ipv4Prefix v && v.address() == address && v.length() == spare();
        }

        @Override
        boolean is(int address, int length) {
            return this.address == address && spare() == length;
        }

        @Override
        int keyHash() {
            return PrefixTable.hash4(address, spare());
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
