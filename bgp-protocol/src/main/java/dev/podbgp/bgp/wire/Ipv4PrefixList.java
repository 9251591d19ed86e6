package dev.podbgp.bgp.wire;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * IPv4 prefixes as the decoder reads them from an UPDATE, packed: per prefix
 * an int address and a byte length (and an int path identifier when ADD-PATH
 * is received), rather than a 24-byte {@link Ipv4Prefix} and a reference.
 *
 * <p>Received UPDATEs wait, decoded, between the session threads and the RIB
 * thread. A young collection promotes whatever waits at that moment, and it
 * stays in the old generation until a full collection: with ten feeds of a
 * full table, some 400,000 prefix objects (10 MB of the 21 MB of garbage at
 * the peak). The RIB reads {@link #address}, {@link #length} and
 * {@link #pathId} and makes no prefix object for most routes.
 *
 * <p>Immutable; {@link #get} makes a prefix on each call. Equal to any list
 * holding the same prefixes in the same order, like every {@link java.util.List}.
 */
public final class Ipv4PrefixList extends AbstractList<Prefix> implements RandomAccess {
    private final int[] addresses;
    private final byte[] lengths;
    /** Null when every path identifier is 0. */
    private final int[] pathIds;

    /** Takes over the arrays (never written again); addresses have no host bits, lengths are 0..32. */
    Ipv4PrefixList(int[] addresses, byte[] lengths, int[] pathIds) {
        if (lengths.length != addresses.length || (pathIds != null && pathIds.length != addresses.length)) {
            throw new IllegalArgumentException("IPv4 prefix list of " + addresses.length + " addresses, "
                    + lengths.length + " lengths and " + (pathIds == null ? "no" : pathIds.length) + " path ids");
        }
        this.addresses = addresses;
        this.lengths = lengths;
        this.pathIds = pathIds;
    }

    /** A packed copy of IPv4 prefixes (for tests and callers that build lists by hand). */
    public static Ipv4PrefixList of(Ipv4Prefix... prefixes) {
        int n = prefixes.length;
        int[] a = new int[n];
        byte[] l = new byte[n];
        int[] ids = null;
        for (int i = 0; i < n; i++) {
            a[i] = prefixes[i].address();
            l[i] = (byte) prefixes[i].length();
            if (prefixes[i].pathId() != 0) {
                if (ids == null) {
                    ids = new int[n];
                }
                ids[i] = prefixes[i].pathId();
            }
        }
        return new Ipv4PrefixList(a, l, ids);
    }

    /** The network address of prefix {@code i}, as in {@link Ipv4Prefix#address()}. */
    public int address(int i) {
        return addresses[i];
    }

    public int length(int i) {
        return lengths[i];
    }

    /** The ADD-PATH path identifier of prefix {@code i}, 0 without ADD-PATH. */
    public int pathId(int i) {
        return pathIds == null ? 0 : pathIds[i];
    }

    @Override
    public Prefix get(int index) {
        Objects.checkIndex(index, addresses.length);
        return new Ipv4Prefix(addresses[index], lengths[index], pathId(index));
    }

    @Override
    public int size() {
        return addresses.length;
    }
}
