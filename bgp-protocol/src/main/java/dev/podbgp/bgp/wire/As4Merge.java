package dev.podbgp.bgp.wire;

import java.util.Arrays;

/** RFC 6793 §4.2.3: the AS path of a 2-octet peer rebuilt from AS_PATH and AS4_PATH. */
final class As4Merge {
    private As4Merge() {
    }

    /**
     * AS numbers as RFC 6793 counts them for the merge: each AS of a sequence
     * one, an AS_SET one, confederation segments none (as path length, RFC 4271 §9.1.2.2).
     */
    static int count(AsPath path) {
        return path.length();
    }

    /**
     * The merged path, or null when AS4_PATH has more AS numbers than AS_PATH
     * (then AS4_PATH is to be ignored and AS_PATH used as it is). Takes as many
     * leading AS numbers and segments of AS_PATH as make up the difference,
     * with confederation segments that lead or adjoin what was taken, and puts
     * them before AS4_PATH. A sequence cut from AS_PATH joins a leading
     * sequence of AS4_PATH, so a path sent through AS_TRANS comes back equal.
     */
    static AsPath merge(AsPath asPath, AsPath as4Path) {
        int take = count(asPath) - count(as4Path);
        if (take < 0) {
            return null;
        }
        int seq = AsPathSegment.Type.AS_SEQUENCE.code();
        int[] head = asPath.words();
        int[] tail = as4Path.words();
        int[] out = new int[head.length + tail.length];
        int n = 0;
        int last = -1; // where the header of the last segment taken from AS_PATH is in out
        for (int i = 0; i < head.length; i += 1 + AsPath.size(head[i])) {
            int size = AsPath.size(head[i]);
            if (!AsPath.isConfederation(head[i])) {
                if (take == 0) {
                    break;
                }
                if (AsPath.typeCode(head[i]) == seq && take < size) {
                    last = n;
                    out[n++] = AsPath.header(seq, take);
                    System.arraycopy(head, i + 1, out, n, take);
                    n += take;
                    break;
                }
                take -= AsPath.typeCode(head[i]) == seq ? size : 1;
            }
            last = n;
            System.arraycopy(head, i, out, n, 1 + size);
            n += 1 + size;
        }
        int from = 0;
        if (last >= 0 && tail.length > 0 && AsPath.typeCode(out[last]) == seq && AsPath.typeCode(tail[0]) == seq
                && AsPath.size(out[last]) + AsPath.size(tail[0]) <= AsPathSegment.MAX_SIZE) {
            out[last] = AsPath.header(seq, AsPath.size(out[last]) + AsPath.size(tail[0]));
            from = 1;
        }
        System.arraycopy(tail, from, out, n, tail.length - from);
        n += tail.length - from;
        return AsPath.ofWords(n == out.length ? out : Arrays.copyOf(out, n));
    }
}
