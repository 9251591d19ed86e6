package dev.podbgp.bgp.wire;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable list over an array of prefixes that the decoder filled and
 * hands over, so the array is not copied again: {@code List.of(array)} copies
 * it, and {@code List.copyOf} of any other list copies it twice. Equal to any
 * list with the same prefixes in the same order, like every {@link List}.
 */
final class PrefixList extends AbstractList<Prefix> implements RandomAccess {
    private final Prefix[] prefixes;

    /** Takes {@code prefixes} over: the caller fills it, holds no null and never touches it again. */
    private PrefixList(Prefix[] prefixes) {
        this.prefixes = prefixes;
    }

    /** The list of a freshly filled array that the caller gives away. */
    static List<Prefix> own(Prefix[] prefixes) {
        return new PrefixList(prefixes);
    }

    /** An immutable copy of {@code list}, or {@code list} itself when it is immutable already. */
    static List<Prefix> copyOf(List<Prefix> list) {
        return list instanceof PrefixList ? list : List.copyOf(list);
    }

    @Override
    public Prefix get(int index) {
        return prefixes[index];
    }

    @Override
    public int size() {
        return prefixes.length;
    }
}
