package dev.podbgp.bgp.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
        List<AsPathSegment> out = new ArrayList<>();
        for (AsPathSegment s : asPath.segments()) {
            boolean confed = s.type() == AsPathSegment.Type.AS_CONFED_SEQUENCE
                    || s.type() == AsPathSegment.Type.AS_CONFED_SET;
            if (confed) {
                out.add(s);
                continue;
            }
            if (take == 0) {
                break;
            }
            if (s.type() == AsPathSegment.Type.AS_SET) {
                out.add(s);
                take--;
            } else {
                int k = Math.min(take, s.size());
                out.add(k == s.size() ? s : AsPathSegment.sequence(Arrays.copyOf(s.asns(), k)));
                take -= k;
                if (k < s.size()) {
                    break;
                }
            }
        }
        List<AsPathSegment> tail = as4Path.segments();
        int from = 0;
        if (!out.isEmpty() && !tail.isEmpty()) {
            AsPathSegment last = out.get(out.size() - 1);
            AsPathSegment first = tail.get(0);
            if (last.type() == AsPathSegment.Type.AS_SEQUENCE && first.type() == AsPathSegment.Type.AS_SEQUENCE
                    && last.size() + first.size() <= AsPathSegment.MAX_SIZE) {
                int[] joined = Arrays.copyOf(last.asns(), last.size() + first.size());
                System.arraycopy(first.asns(), 0, joined, last.size(), first.size());
                out.set(out.size() - 1, AsPathSegment.sequence(joined));
                from = 1;
            }
        }
        out.addAll(tail.subList(from, tail.size()));
        return new AsPath(out);
    }
}
