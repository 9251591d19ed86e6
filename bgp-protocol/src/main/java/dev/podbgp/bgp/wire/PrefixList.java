package dev.podbgp.bgp.wire;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable list over an array of prefixes that its filler hands over, so the array is not
 * copied again: {@code List.of(array)} copies it, and {@code List.copyOf} of any other list copies
 * it twice. The decoder hands over each UPDATE's NLRI this way and the RIB each announcement group
 * it sends. Equal to any list with the same prefixes in the same order, like every {@link List}.
 */
public final class PrefixList extends AbstractList<Prefix> implements RandomAccess {
    private final Prefix[] prefixes;
    private final int size;

    private PrefixList(Prefix[] prefixes, int size) {
        this.prefixes = prefixes;
        this.size = size;
    }

    /** The list of a freshly filled array that the caller gives away (no nulls; never written again). */
    public static List<Prefix> own(Prefix[] prefixes) {
        return new PrefixList(prefixes, prefixes.length);
    }

    /**
     * The list of the first {@code size} prefixes of an array that the caller gives away, for fillers
     * that grow their array ahead of need. Checks that none of them is null.
     */
    public static List<Prefix> own(Prefix[] prefixes, int size) {
        Objects.checkFromIndexSize(0, size, prefixes.length);
        for (int i = 0; i < size; i++) {
            Objects.requireNonNull(prefixes[i], "prefix");
        }
        return new PrefixList(prefixes, size);
    }

    /** An immutable copy of {@code list}, or {@code list} itself when it is immutable already. */
    public static List<Prefix> copyOf(List<Prefix> list) {
        return list instanceof PrefixList || list instanceof Ipv4PrefixList ? list : List.copyOf(list);
    }

    @Override
    public Prefix get(int index) {
        Objects.checkIndex(index, size);
        return prefixes[index];
    }

    @Override
    public int size() {
        return size;
    }
}
