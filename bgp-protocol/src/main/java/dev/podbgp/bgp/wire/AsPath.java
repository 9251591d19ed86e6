package dev.podbgp.bgp.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * AS_PATH as a list of segments, always with 4-octet AS numbers (the codec
 * converts to and from 2-octet encodings and merges AS4_PATH, RFC 6793).
 */
public record AsPath(List<AsPathSegment> segments) {
    public static final AsPath EMPTY = new AsPath(List.of());

    public AsPath {
        segments = List.copyOf(segments);
    }

    /** A path of one AS_SEQUENCE, e.g. {@code AsPath.sequence(65001, 65002)}. */
    public static AsPath sequence(int... asns) {
        return asns.length == 0 ? EMPTY : new AsPath(List.of(AsPathSegment.sequence(asns)));
    }

    public boolean isEmpty() {
        return segments.isEmpty();
    }

    /**
     * Path length for best-path selection (RFC 4271 §9.1.2.2): each AS in a
     * sequence counts one, a whole AS_SET counts one, confederation segments count zero.
     */
    public int length() {
        int n = 0;
        for (int k = 0, m = segments.size(); k < m; k++) {
            AsPathSegment s = segments.get(k);
            n += switch (s.type()) {
                case AS_SEQUENCE -> s.size();
                case AS_SET -> 1;
                case AS_CONFED_SEQUENCE, AS_CONFED_SET -> 0;
            };
        }
        return n;
    }

    /** Whether {@code asn} appears anywhere in the path. */
    public boolean contains(int asn) {
        return count(asn) > 0;
    }

    /** How often {@code asn} appears (allowas-in compares this with its limit). */
    public int count(int asn) {
        // Indexed loops throughout: the RIB asks this for every path it imports and exports, and the
        // immutable list's iterator showed up in profiles of a full-table load.
        int n = 0;
        for (int k = 0, m = segments.size(); k < m; k++) {
            AsPathSegment s = segments.get(k);
            for (int i = 0; i < s.size(); i++) {
                if (s.get(i) == asn) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The leftmost AS of the first AS_SEQUENCE (the neighbouring AS for MED comparison), or 0. */
    public int firstAs() {
        for (int k = 0, m = segments.size(); k < m; k++) {
            AsPathSegment s = segments.get(k);
            if (s.type() == AsPathSegment.Type.AS_SEQUENCE && s.size() > 0) {
                return s.get(0);
            }
            if (s.type() != AsPathSegment.Type.AS_CONFED_SEQUENCE && s.type() != AsPathSegment.Type.AS_CONFED_SET) {
                return 0;
            }
        }
        return 0;
    }

    /** This path with {@code asn} prepended {@code times} times (RFC 4271 §5.1.2 rules for a leading segment). */
    public AsPath prepend(int asn, int times) {
        if (times <= 0) {
            return this;
        }
        List<AsPathSegment> out = new ArrayList<>(segments.size() + 1);
        int[] add = new int[times];
        java.util.Arrays.fill(add, asn);
        if (!segments.isEmpty() && segments.get(0).type() == AsPathSegment.Type.AS_SEQUENCE
                && segments.get(0).size() + times <= AsPathSegment.MAX_SIZE) {
            out.add(segments.get(0).prepend(add));
            out.addAll(segments.subList(1, segments.size()));
        } else {
            out.add(AsPathSegment.sequence(add));
            out.addAll(segments);
        }
        return new AsPath(out);
    }

    /** Same segments in the same order; the RIB compares paths of every prefix for multipath. */
    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof AsPath p) || p.segments.size() != segments.size()) {
            return false;
        }
        for (int k = 0, m = segments.size(); k < m; k++) {
            if (!segments.get(k).equals(p.segments.get(k))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int k = 0, m = segments.size(); k < m; k++) {
            h = 31 * h + segments.get(k).hashCode();
        }
        return h;
    }

    /** Text like {@code 65001 65002 {65003,65004}} with confederation parts in parentheses. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (AsPathSegment s : segments) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(s);
        }
        return sb.toString();
    }
}
