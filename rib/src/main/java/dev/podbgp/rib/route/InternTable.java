package dev.podbgp.rib.route;

/**
 * The set behind an interner: open addressing over one array of the members
 * themselves (each caches its hash), linear probing with backward-shift
 * deletion, load at most three quarters (lookups come once per UPDATE or per
 * change of set, not per prefix, so longer probes are cheap). A hundred
 * thousand attribute sets then cost about six bytes each instead of a
 * {@code HashMap} node and slot. Single-threaded.
 */
final class InternTable<T> {
    private Object[] slots = new Object[16];
    private int size;

    private static int home(int hash, int mask) {
        // Record hash codes are sums of products by 31: spread them before taking the low bits.
        return (int) PrefixTable.mix(hash) & mask;
    }

    int size() {
        return size;
    }

    /** The member equal to {@code probe}, or null. */
    @SuppressWarnings("unchecked")
    T get(T probe) {
        int mask = slots.length - 1;
        for (int i = home(probe.hashCode(), mask); ; i = (i + 1) & mask) {
            Object o = slots[i];
            if (o == null || o.equals(probe)) {
                return (T) o;
            }
        }
    }

    /** Tells whether a member is the one sought, for lookups that have no probe object to compare with. */
    interface Probe<T> {
        boolean matches(T member);
    }

    /** The member with this hash code that {@code probe} accepts, or null. */
    @SuppressWarnings("unchecked")
    T find(int hash, Probe<T> probe) {
        int mask = slots.length - 1;
        for (int i = home(hash, mask); ; i = (i + 1) & mask) {
            Object o = slots[i];
            if (o == null) {
                return null;
            }
            T t = (T) o;
            if (t.hashCode() == hash && probe.matches(t)) {
                return t;
            }
        }
    }

    /** Adds a value that is not a member yet. */
    void add(T value) {
        insert(value);
        if (size * 4 > slots.length * 3) {
            Object[] old = slots;
            slots = new Object[old.length * 2];
            size = 0;
            for (Object o : old) {
                if (o != null) {
                    insert(o);
                }
            }
        }
    }

    private void insert(Object value) {
        int mask = slots.length - 1;
        int i = home(value.hashCode(), mask);
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        slots[i] = value;
        size++;
    }

    /** Removes this very member; nothing when absent. */
    void remove(T value) {
        int mask = slots.length - 1;
        int i = home(value.hashCode(), mask);
        for (; ; i = (i + 1) & mask) {
            Object o = slots[i];
            if (o == null) {
                return;
            }
            if (o == value) {
                break;
            }
        }
        slots[i] = null;
        size--;
        // Backward shift: pull later members of the probe run into the hole.
        int hole = i;
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int h = home(slots[j].hashCode(), mask);
            boolean movable = hole <= j ? (h <= hole || h > j) : (h <= hole && h > j);
            if (movable) {
                slots[hole] = slots[j];
                slots[j] = null;
                hole = j;
            }
        }
    }
}
