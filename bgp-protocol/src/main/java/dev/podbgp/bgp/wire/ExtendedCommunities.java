package dev.podbgp.bgp.wire;

import java.util.Arrays;

/** EXTENDED_COMMUNITIES (RFC 4360): 8-octet values in the order received. Immutable. */
public final class ExtendedCommunities {
    public static final ExtendedCommunities EMPTY = new ExtendedCommunities(new long[0]);

    private final long[] values;

    private ExtendedCommunities(long[] values) {
        this.values = values;
    }

    public static ExtendedCommunities of(long... values) {
        return values.length == 0 ? EMPTY : new ExtendedCommunities(values.clone());
    }

    public int size() {
        return values.length;
    }

    public boolean isEmpty() {
        return values.length == 0;
    }

    public long get(int i) {
        return values[i];
    }

    public long[] toArray() {
        return values.clone();
    }

    /** Whether the community's type high octet has the transitive bit clear (RFC 4360 §2). */
    public static boolean isTransitive(long value) {
        return (value >>> 56 & 0x40) == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtendedCommunities c && Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (long v : values) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(String.format("0x%016x", v));
        }
        return sb.toString();
    }
}
