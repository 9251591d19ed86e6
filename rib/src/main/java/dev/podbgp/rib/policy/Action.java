package dev.podbgp.rib.policy;

import dev.podbgp.bgp.wire.Communities;
import dev.podbgp.bgp.wire.PathAttributes;

import java.util.Arrays;

/**
 * What a matching term does: accept (optionally changing attributes) or reject.
 *
 * @param accept accept the route; false rejects it and ignores the rest
 * @param localPref LOCAL_PREF to set, or null to leave it
 * @param med MULTI_EXIT_DISC to set, or null to leave it
 * @param addCommunities communities to add
 * @param removeCommunities communities to remove (before adding)
 */
public record Action(boolean accept, Long localPref, Long med, int[] addCommunities, int[] removeCommunities) {
    public static final Action ACCEPT = new Action(true, null, null, new int[0], new int[0]);
    public static final Action REJECT = new Action(false, null, null, new int[0], new int[0]);

    public Action {
        addCommunities = addCommunities == null ? new int[0] : addCommunities.clone();
        removeCommunities = removeCommunities == null ? new int[0] : removeCommunities.clone();
        check("LOCAL_PREF", localPref);
        check("MED", med);
    }

    private static void check(String what, Long v) {
        if (v != null && (v < 0 || v > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("policy sets " + what + " to " + v + ", outside 0..4294967295");
        }
    }

    public Action withLocalPref(long v) {
        return new Action(true, v, med, addCommunities, removeCommunities);
    }

    public Action withMed(long v) {
        return new Action(true, localPref, v, addCommunities, removeCommunities);
    }

    public Action addingCommunities(int... values) {
        return new Action(true, localPref, med, values, removeCommunities);
    }

    public Action removingCommunities(int... values) {
        return new Action(true, localPref, med, addCommunities, values);
    }

    boolean modifies() {
        return localPref != null || med != null || addCommunities.length > 0 || removeCommunities.length > 0;
    }

    /** The attributes after this action (the same instance when nothing changes). */
    PathAttributes apply(PathAttributes a) {
        if (!modifies()) {
            return a;
        }
        PathAttributes.Builder b = a.toBuilder();
        if (localPref != null) {
            b.localPref(localPref);
        }
        if (med != null) {
            b.med(med);
        }
        if (addCommunities.length > 0 || removeCommunities.length > 0) {
            int[] cur = a.communities().toArray();
            int[] kept = Arrays.stream(cur).filter(c -> Arrays.stream(removeCommunities).noneMatch(r -> r == c)).toArray();
            b.communities(Communities.of(kept).with(addCommunities));
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Action x && x.accept == accept && java.util.Objects.equals(x.localPref, localPref)
                && java.util.Objects.equals(x.med, med) && Arrays.equals(x.addCommunities, addCommunities)
                && Arrays.equals(x.removeCommunities, removeCommunities);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(accept, localPref, med, Arrays.hashCode(addCommunities), Arrays.hashCode(removeCommunities));
    }

    @Override
    public String toString() {
        if (!accept) {
            return "reject";
        }
        StringBuilder sb = new StringBuilder("accept");
        if (localPref != null) {
            sb.append(" set local-pref ").append(localPref);
        }
        if (med != null) {
            sb.append(" set med ").append(med);
        }
        for (int c : removeCommunities) {
            sb.append(" remove community ").append(Communities.format(c));
        }
        for (int c : addCommunities) {
            sb.append(" add community ").append(Communities.format(c));
        }
        return sb.toString();
    }
}
