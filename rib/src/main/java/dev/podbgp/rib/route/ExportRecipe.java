package dev.podbgp.rib.route;

import dev.podbgp.bgp.wire.ClusterList;
import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.rib.policy.Policy;

import java.net.InetAddress;
import java.util.Objects;

/**
 * How a path's attributes change on their way to a peer: the eBGP or iBGP
 * rewrite (RFC 4271 §5.1, route reflection RFC 4456 §8), the next hop, and
 * the export policy term that accepted the path. A few exist per peer; the
 * same recipe applied to the same {@link Attrs} gives the same attributes,
 * which is what lets the Adj-RIB-Out keep {@link OutAttrs} (a source set and
 * a recipe) instead of a copy of every exported set.
 */
public final class ExportRecipe {
    private final boolean ebgp;
    private final int localAs;
    private final int prepend;
    private final boolean keepMed;
    private final boolean reflected;
    private final int originator;
    private final int clusterId;
    private final boolean useSelf;
    private final InetAddress self;
    private final Policy policy;
    private final int term;
    private final int hash;

    private ExportRecipe(boolean ebgp, int localAs, int prepend, boolean keepMed, boolean reflected, int originator,
                         int clusterId, boolean useSelf, InetAddress self, Policy policy, int term) {
        this.ebgp = ebgp;
        this.localAs = localAs;
        this.prepend = prepend;
        this.keepMed = keepMed;
        this.reflected = reflected;
        this.originator = originator;
        this.clusterId = clusterId;
        this.useSelf = useSelf;
        this.self = self;
        this.policy = Objects.requireNonNull(policy, "export policy");
        this.term = term;
        this.hash = Objects.hash(ebgp, localAs, prepend, keepMed, reflected, originator, clusterId, useSelf, self,
                policy, term);
    }

    /**
     * Towards eBGP: our AS prepended {@code times} times, next hop {@code self}
     * (null: we have no address of that family, so nothing can go), no
     * LOCAL_PREF, ORIGINATOR_ID or CLUSTER_LIST, MED only when {@code keepMed}.
     */
    public static ExportRecipe ebgp(int localAs, int times, boolean keepMed, InetAddress self, Policy policy,
                                    int term) {
        return new ExportRecipe(true, localAs, times, keepMed, false, 0, 0, true, self, policy, term);
    }

    /** Towards iBGP as route reflector: ORIGINATOR_ID set, our cluster ID in front, next hop unchanged. */
    public static ExportRecipe reflected(int originator, int clusterId, Policy policy, int term) {
        return new ExportRecipe(false, 0, 0, false, true, originator, clusterId, false, null, policy, term);
    }

    /** Towards iBGP, not reflected: LOCAL_PREF always; next hop {@code self} when {@code useSelf}, else the path's. */
    public static ExportRecipe ibgp(boolean useSelf, InetAddress self, Policy policy, int term) {
        return new ExportRecipe(false, 0, 0, false, false, 0, 0, useSelf, useSelf ? self : null, policy, term);
    }

    /** The next hop to send a path with these attributes with, or null when none is valid. */
    public InetAddress nextHop(Attrs a) {
        return useSelf ? self : a.nextHop();
    }

    /**
     * Whether both recipes turn AS paths into sent AS paths the same way: then the paths they send differ
     * exactly when the source paths differ. Prepending the same AS the same number of times is one-to-one
     * (segments are never empty, so the result shows where the prepended ASes end), iBGP leaves the path
     * alone, and no policy action touches AS_PATH or ORIGIN.
     */
    public boolean sameAsPathRewrite(ExportRecipe o) {
        return o.ebgp == ebgp && (!ebgp || o.localAs == localAs && o.prepend == prepend);
    }

    /** The attributes to send (without NEXT_HOP, see {@link #nextHop}); a new value on each call. */
    public PathAttributes apply(Attrs a) {
        // The canonical constructor rather than a builder: this runs for every group of prefixes sent.
        PathAttributes x = a.attributes();
        PathAttributes made;
        if (ebgp) {
            // A MED is for the AS it was sent to; it does not travel on to another AS (RFC 4271 §5.1.4).
            // No LOCAL_PREF, ORIGINATOR_ID or CLUSTER_LIST leaves the AS.
            made = new PathAttributes(x.origin(), a.asPath().prepend(localAs, prepend), null, keepMed ? x.med() : null,
                    null, x.atomicAggregate(), x.aggregator(), x.communities(), null, ClusterList.EMPTY,
                    x.extendedCommunities(), x.largeCommunities(), x.unknown());
        } else {
            made = new PathAttributes(x.origin(), x.asPath(), null, x.med(), a.localPref(), x.atomicAggregate(),
                    x.aggregator(), x.communities(), reflected ? Integer.valueOf(originator) : x.originatorId(),
                    reflected ? x.clusterList().prepend(clusterId) : x.clusterList(), x.extendedCommunities(),
                    x.largeCommunities(), x.unknown());
        }
        PathAttributes out = policy.applyTerm(term, made);
        if (out == null) {
            throw new IllegalStateException("export recipe with a rejecting term " + term + " of " + policy.name());
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof ExportRecipe r && r.hash == hash && r.ebgp == ebgp && r.localAs == localAs
                && r.prepend == prepend && r.keepMed == keepMed && r.reflected == reflected
                && r.originator == originator && r.clusterId == clusterId && r.useSelf == useSelf
                && Objects.equals(r.self, self) && r.term == term && (r.policy == policy || r.policy.equals(policy));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return (ebgp ? "eBGP prepend " + prepend + (keepMed ? " keep MED" : "")
                : reflected ? "reflect originator " + Integer.toUnsignedString(originator) : "iBGP")
                + (useSelf ? " next-hop self " + (self == null ? "(none)" : self.getHostAddress()) : "")
                + " policy " + policy.name() + " term " + term;
    }
}
