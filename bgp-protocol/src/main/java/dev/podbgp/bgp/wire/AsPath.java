package dev.podbgp.bgp.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * AS_PATH as a sequence of segments, always with 4-octet AS numbers (the codec
 * converts to and from 2-octet encodings and merges AS4_PATH, RFC 6793).
 *
 * <p>Held flat: one {@code int[]} with each segment as a header word (type
 * code and AS count, {@link #header}) followed by its AS numbers, and the hash
 * computed once. A full table keeps one path per attribute set, a couple of
 * hundred thousand of them, and the RIB hashes and compares them all; as a
 * list of segment objects each path was four objects for the collector to
 * copy and the heap to hold. Value semantics: paths with the same segments in
 * the same order are equal however they were built.
 */
public final class AsPath {
    public static final AsPath EMPTY = new AsPath(new int[0]);

    /** By type code: opening mark, separator, closing mark, as {@link AsPathSegment#toString} writes them. */
    private static final String[][] MARKS = {null, {"{", ",", "}"}, {"", " ", ""}, {"(", " ", ")"}, {"[", ",", "]"}};

    /** Segments, each a {@link #header} word followed by its AS numbers; never modified once the path holds it. */
    private final int[] words;
    private final int hash;

    private AsPath(int[] words) {
        this.words = words;
        this.hash = hash(words);
    }

    /** A path of these segments, in this order. */
    public AsPath(List<AsPathSegment> segments) {
        this(flatten(segments));
    }

    /** A path of one AS_SEQUENCE, e.g. {@code AsPath.sequence(65001, 65002)}. */
    public static AsPath sequence(int... asns) {
        if (asns.length == 0) {
            return EMPTY;
        }
        checkSize(asns.length);
        int[] w = new int[1 + asns.length];
        w[0] = header(AsPathSegment.Type.AS_SEQUENCE.code(), asns.length);
        System.arraycopy(asns, 0, w, 1, asns.length);
        return new AsPath(w);
    }

    /**
     * A path over {@code words} as {@link #words()} lays them out, taking ownership of the array. For the codec,
     * which has checked the segment types and sizes already.
     */
    static AsPath ofWords(int[] words) {
        return words.length == 0 ? EMPTY : new AsPath(words);
    }

    /** The header word of a segment: its type code (RFC 4271 §4.3) and AS count, as the two bytes on the wire. */
    static int header(int typeCode, int size) {
        return typeCode << 8 | size;
    }

    static int typeCode(int header) {
        return header >>> 8;
    }

    static int size(int header) {
        return header & 0xFF;
    }

    static boolean isConfederation(int header) {
        int t = typeCode(header);
        return t == AsPathSegment.Type.AS_CONFED_SEQUENCE.code() || t == AsPathSegment.Type.AS_CONFED_SET.code();
    }

    /** The flat form, not copied: callers in this package only read it. */
    int[] words() {
        return words;
    }

    /** The segment whose header is at {@code at} in {@link #words()}, as an object (for messages and {@link #segments}). */
    AsPathSegment segmentAt(int at) {
        int n = size(words[at]);
        return new AsPathSegment(AsPathSegment.Type.valueOf(typeCode(words[at])),
                Arrays.copyOfRange(words, at + 1, at + 1 + n));
    }

    /** The segments as objects, built on each call: for tests and tools, not for a per-route path. */
    public List<AsPathSegment> segments() {
        List<AsPathSegment> out = new ArrayList<>(2);
        for (int i = 0; i < words.length; i += 1 + size(words[i])) {
            out.add(segmentAt(i));
        }
        return List.copyOf(out);
    }

    public boolean isEmpty() {
        return words.length == 0;
    }

    /**
     * Path length for best-path selection (RFC 4271 §9.1.2.2): each AS in a
     * sequence counts one, a whole AS_SET counts one, confederation segments count zero.
     */
    public int length() {
        int n = 0;
        for (int i = 0; i < words.length; i += 1 + size(words[i])) {
            int t = typeCode(words[i]);
            if (t == AsPathSegment.Type.AS_SEQUENCE.code()) {
                n += size(words[i]);
            } else if (t == AsPathSegment.Type.AS_SET.code()) {
                n++;
            }
        }
        return n;
    }

    /** Whether {@code asn} appears anywhere in the path. */
    public boolean contains(int asn) {
        return count(asn) > 0;
    }

    /** How often {@code asn} appears (allowas-in compares this with its limit). */
    public int count(int asn) {
        // Segment by segment: a header word may equal an AS number and must not be counted.
        int n = 0;
        for (int i = 0; i < words.length; i += 1 + size(words[i])) {
            for (int k = i + 1, end = i + 1 + size(words[i]); k < end; k++) {
                if (words[k] == asn) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The leftmost AS of the first AS_SEQUENCE (the neighbouring AS for MED comparison), or 0. */
    public int firstAs() {
        for (int i = 0; i < words.length; i += 1 + size(words[i])) {
            if (typeCode(words[i]) == AsPathSegment.Type.AS_SEQUENCE.code()) {
                return words[i + 1];
            }
            if (!isConfederation(words[i])) {
                return 0;
            }
        }
        return 0;
    }

    /**
     * This path with {@code asn} prepended {@code times} times (RFC 4271 §5.1.2): into a leading AS_SEQUENCE
     * while it stays within 255 AS numbers, else as a new leading AS_SEQUENCE. Export does this for every
     * attribute set it sends to an external peer, so it makes the new path's array and nothing else.
     */
    public AsPath prepend(int asn, int times) {
        if (times <= 0) {
            return this;
        }
        checkSize(times);
        int seq = AsPathSegment.Type.AS_SEQUENCE.code();
        boolean into = words.length > 0 && typeCode(words[0]) == seq && size(words[0]) + times <= AsPathSegment.MAX_SIZE;
        int[] w = new int[words.length + times + (into ? 0 : 1)];
        if (into) {
            w[0] = header(seq, size(words[0]) + times);
            Arrays.fill(w, 1, 1 + times, asn);
            System.arraycopy(words, 1, w, 1 + times, words.length - 1);
        } else {
            w[0] = header(seq, times);
            Arrays.fill(w, 1, 1 + times, asn);
            System.arraycopy(words, 0, w, 1 + times, words.length);
        }
        return new AsPath(w);
    }

    /** Same segments in the same order; the RIB compares paths of every prefix for multipath. */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof AsPath p && p.hash == hash && Arrays.equals(p.words, words);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Text like {@code 65001 65002 {65003,65004}} with confederation parts in parentheses. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.length; i += 1 + size(words[i])) {
            if (i > 0) {
                sb.append(' ');
            }
            String[] marks = MARKS[typeCode(words[i])];
            sb.append(marks[0]);
            for (int k = i + 1, end = i + 1 + size(words[i]); k < end; k++) {
                if (k > i + 1) {
                    sb.append(marks[1]);
                }
                sb.append(Integer.toUnsignedString(words[k]));
            }
            sb.append(marks[2]);
        }
        return sb.toString();
    }

    private static int[] flatten(List<AsPathSegment> segments) {
        int n = 0;
        for (AsPathSegment s : segments) {
            n += 1 + Objects.requireNonNull(s, "AS_PATH segment").size();
        }
        int[] w = new int[n];
        int i = 0;
        for (AsPathSegment s : segments) {
            w[i++] = header(s.type().code(), s.size());
            for (int k = 0; k < s.size(); k++) {
                w[i++] = s.get(k);
            }
        }
        return w;
    }

    private static void checkSize(int n) {
        if (n > AsPathSegment.MAX_SIZE) {
            throw new IllegalArgumentException("AS_PATH segment holds " + n + " AS numbers (expected 1..255)");
        }
    }

    /**
     * The hash the segment list gave (31-fold over each segment's type code times 31 plus its AS numbers'
     * {@link Arrays#hashCode}), so a path hashes the same in every run and as before the flat form.
     */
    private static int hash(int[] words) {
        int h = 1;
        for (int i = 0; i < words.length; i += 1 + size(words[i])) {
            int asns = 1;
            for (int k = i + 1, end = i + 1 + size(words[i]); k < end; k++) {
                asns = 31 * asns + words[k];
            }
            h = 31 * h + typeCode(words[i]) * 31 + asns;
        }
        return h;
    }
}
