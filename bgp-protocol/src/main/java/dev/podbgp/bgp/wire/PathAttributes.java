package dev.podbgp.bgp.wire;

import java.net.Inet4Address;
import java.util.List;
import java.util.Objects;

/**
 * The path attributes of an UPDATE other than MP_REACH_NLRI / MP_UNREACH_NLRI
 * (those carry NLRI and live in {@link UpdateMessage}). Immutable and with
 * value equality, so the RIB can intern one instance per distinct set.
 *
 * <p>Absent attributes are {@code null} for single values and empty for lists.
 * AS numbers are always 4-octet here: the codec merges AS4_PATH and
 * AS4_AGGREGATOR on read and splits them on write (RFC 6793).
 */
public final class PathAttributes {

    /** No attributes at all: what a withdraw-only UPDATE carries. */
    public static final PathAttributes NONE = builder().build();

    // A full table holds a couple of hundred thousand sets, and most carry nothing beyond ORIGIN, AS_PATH,
    // NEXT_HOP and perhaps MED, LOCAL_PREF and COMMUNITIES: those are fields of their own, the rest share one
    // Rare.NONE when absent. 40 bytes a set rather than a record's 64 (compressed oops).
    private final Origin origin;
    private final AsPath asPath;
    private final Inet4Address nextHop;
    private final Long med;
    private final Long localPref;
    private final Communities communities;
    private final Rare rare;

    /** Null for any list or set argument means empty; MED and LOCAL_PREF must be unsigned 32-bit. */
    public PathAttributes(Origin origin, AsPath asPath, Inet4Address nextHop, Long med, Long localPref,
            boolean atomicAggregate, Aggregator aggregator, Communities communities, Integer originatorId,
            ClusterList clusterList, ExtendedCommunities extendedCommunities, List<LargeCommunity> largeCommunities,
            List<UnknownAttribute> unknown) {
        this(origin, asPath, nextHop, checkU32("MULTI_EXIT_DISC", med), checkU32("LOCAL_PREF", localPref),
                communities == null ? Communities.EMPTY : communities,
                Rare.of(atomicAggregate, aggregator, originatorId,
                        clusterList == null ? ClusterList.EMPTY : clusterList,
                        extendedCommunities == null ? ExtendedCommunities.EMPTY : extendedCommunities,
                        largeCommunities == null ? List.of() : List.copyOf(largeCommunities),
                        unknown == null ? List.of() : List.copyOf(unknown)));
    }

    private PathAttributes(Origin origin, AsPath asPath, Inet4Address nextHop, Long med, Long localPref,
            Communities communities, Rare rare) {
        this.origin = origin;
        this.asPath = asPath;
        this.nextHop = nextHop;
        this.med = med;
        this.localPref = localPref;
        this.communities = communities;
        this.rare = rare;
    }

    /** {@code value}, checked to be unsigned 32-bit (or null). */
    private static Long checkU32(String what, Long value) {
        if (value != null && (value < 0 || value > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException(what + " " + value + " is outside 0..4294967295");
        }
        return value;
    }

    /** ORIGIN, or null when absent. */
    public Origin origin() {
        return origin;
    }

    /** AS_PATH, or null when absent ({@link AsPath#EMPTY} when present and empty). */
    public AsPath asPath() {
        return asPath;
    }

    /** NEXT_HOP (IPv4 NLRI in the UPDATE body), or null when absent. */
    public Inet4Address nextHop() {
        return nextHop;
    }

    /** MULTI_EXIT_DISC (unsigned 32), or null. */
    public Long med() {
        return med;
    }

    /** LOCAL_PREF (unsigned 32), or null. */
    public Long localPref() {
        return localPref;
    }

    /** ATOMIC_AGGREGATE present. */
    public boolean atomicAggregate() {
        return rare.atomicAggregate;
    }

    /** AGGREGATOR, or null. */
    public Aggregator aggregator() {
        return rare.aggregator;
    }

    /** COMMUNITIES, {@link Communities#EMPTY} when absent. */
    public Communities communities() {
        return communities;
    }

    /** ORIGINATOR_ID (IPv4 as int), or null. */
    public Integer originatorId() {
        return rare.originatorId;
    }

    /** CLUSTER_LIST, {@link ClusterList#EMPTY} when absent. */
    public ClusterList clusterList() {
        return rare.clusterList;
    }

    /** EXTENDED_COMMUNITIES, {@link ExtendedCommunities#EMPTY} when absent. */
    public ExtendedCommunities extendedCommunities() {
        return rare.extendedCommunities;
    }

    /** LARGE_COMMUNITY values, empty when absent. */
    public List<LargeCommunity> largeCommunities() {
        return rare.largeCommunities;
    }

    /** Optional transitive attributes we do not interpret, in type order. */
    public List<UnknownAttribute> unknown() {
        return rare.unknown;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * These attributes with another NEXT_HOP (null: none); this very value when it already has that
     * object. For callers that change only the next hop of every set they handle, without a builder.
     */
    public PathAttributes withNextHop(Inet4Address hop) {
        if (hop == nextHop) {
            return this;
        }
        return new PathAttributes(origin, asPath, hop, med, localPref, communities, rare);
    }

    /** Whether no attribute is present. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    // Written out rather than generated: a record's pair goes through method handles, which the quick
    // compiler the daemon runs with does not inline, and the RIB hashes and compares a set per UPDATE in and out.

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        return o instanceof PathAttributes p && origin == p.origin
                && Objects.equals(med, p.med) && Objects.equals(localPref, p.localPref)
                && Objects.equals(nextHop, p.nextHop) && Objects.equals(asPath, p.asPath)
                && communities.equals(p.communities) && (rare == p.rare || rare.equals(p.rare));
    }

    @Override
    public int hashCode() {
        int h = origin == null ? 0 : origin.ordinal() + 1;
        h = 31 * h + Objects.hashCode(asPath);
        h = 31 * h + Objects.hashCode(nextHop);
        h = 31 * h + Objects.hashCode(med);
        h = 31 * h + Objects.hashCode(localPref);
        h = 31 * h + communities.hashCode();
        return 31 * h + (rare == Rare.NONE ? 0 : rare.hashCode());
    }

    @Override
    public String toString() {
        return "PathAttributes[origin=" + origin + ", asPath=" + asPath + ", nextHop=" + nextHop + ", med=" + med
                + ", localPref=" + localPref + ", atomicAggregate=" + rare.atomicAggregate + ", aggregator="
                + rare.aggregator + ", communities=" + communities + ", originatorId=" + rare.originatorId
                + ", clusterList=" + rare.clusterList + ", extendedCommunities=" + rare.extendedCommunities
                + ", largeCommunities=" + rare.largeCommunities + ", unknown=" + rare.unknown + "]";
    }

    /** The attributes most sets lack; one shared {@link #NONE} when all are absent. */
    private static final class Rare {
        static final Rare NONE = new Rare(false, null, null, ClusterList.EMPTY, ExtendedCommunities.EMPTY,
                List.of(), List.of());

        final boolean atomicAggregate;
        final Aggregator aggregator;
        final Integer originatorId;
        final ClusterList clusterList;
        final ExtendedCommunities extendedCommunities;
        final List<LargeCommunity> largeCommunities;
        final List<UnknownAttribute> unknown;

        private Rare(boolean atomicAggregate, Aggregator aggregator, Integer originatorId, ClusterList clusterList,
                ExtendedCommunities extendedCommunities, List<LargeCommunity> largeCommunities,
                List<UnknownAttribute> unknown) {
            this.atomicAggregate = atomicAggregate;
            this.aggregator = aggregator;
            this.originatorId = originatorId;
            this.clusterList = clusterList;
            this.extendedCommunities = extendedCommunities;
            this.largeCommunities = largeCommunities;
            this.unknown = unknown;
        }

        static Rare of(boolean atomicAggregate, Aggregator aggregator, Integer originatorId, ClusterList clusterList,
                ExtendedCommunities extendedCommunities, List<LargeCommunity> largeCommunities,
                List<UnknownAttribute> unknown) {
            if (!atomicAggregate && aggregator == null && originatorId == null && clusterList.size() == 0
                    && extendedCommunities.size() == 0 && largeCommunities.isEmpty() && unknown.isEmpty()) {
                return NONE;
            }
            return new Rare(atomicAggregate, aggregator, originatorId, clusterList, extendedCommunities,
                    largeCommunities, unknown);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Rare r && atomicAggregate == r.atomicAggregate
                    && Objects.equals(aggregator, r.aggregator) && Objects.equals(originatorId, r.originatorId)
                    && clusterList.equals(r.clusterList) && extendedCommunities.equals(r.extendedCommunities)
                    && largeCommunities.equals(r.largeCommunities) && unknown.equals(r.unknown);
        }

        @Override
        public int hashCode() {
            int h = atomicAggregate ? 1 : 0;
            h = 31 * h + (aggregator == null ? 0 : aggregator.asn() * 31 + aggregator.address());
            h = 31 * h + Objects.hashCode(originatorId);
            h = 31 * h + clusterList.hashCode();
            h = 31 * h + extendedCommunities.hashCode();
            h = 31 * h + (largeCommunities.isEmpty() ? 0 : largeCommunities.hashCode());
            return 31 * h + (unknown.isEmpty() ? 0 : unknown.hashCode());
        }
    }

    /** Mutable builder; {@link #build()} makes the immutable value. */
    public static final class Builder {
        private Origin origin;
        private AsPath asPath;
        private Inet4Address nextHop;
        private Long med;
        private Long localPref;
        private boolean atomicAggregate;
        private Aggregator aggregator;
        private Communities communities = Communities.EMPTY;
        private Integer originatorId;
        private ClusterList clusterList = ClusterList.EMPTY;
        private ExtendedCommunities extendedCommunities = ExtendedCommunities.EMPTY;
        private List<LargeCommunity> largeCommunities = List.of();
        private List<UnknownAttribute> unknown = List.of();

        private Builder() {
        }

        private Builder(PathAttributes a) {
            origin = a.origin;
            asPath = a.asPath;
            nextHop = a.nextHop;
            med = a.med;
            localPref = a.localPref;
            atomicAggregate = a.atomicAggregate();
            aggregator = a.aggregator();
            communities = a.communities;
            originatorId = a.originatorId();
            clusterList = a.clusterList();
            extendedCommunities = a.extendedCommunities();
            largeCommunities = a.largeCommunities();
            unknown = a.unknown();
        }

        public Builder origin(Origin v) { origin = v; return this; }
        public Builder asPath(AsPath v) { asPath = v; return this; }
        public Builder nextHop(Inet4Address v) { nextHop = v; return this; }
        public Builder med(Long v) { med = v; return this; }
        public Builder localPref(Long v) { localPref = v; return this; }
        public Builder atomicAggregate(boolean v) { atomicAggregate = v; return this; }
        public Builder aggregator(Aggregator v) { aggregator = v; return this; }
        public Builder communities(Communities v) { communities = v; return this; }
        public Builder originatorId(Integer v) { originatorId = v; return this; }
        public Builder clusterList(ClusterList v) { clusterList = v; return this; }
        public Builder extendedCommunities(ExtendedCommunities v) { extendedCommunities = v; return this; }
        public Builder largeCommunities(List<LargeCommunity> v) { largeCommunities = v; return this; }
        public Builder unknown(List<UnknownAttribute> v) { unknown = v; return this; }

        public PathAttributes build() {
            return new PathAttributes(origin, asPath, nextHop, med, localPref, atomicAggregate, aggregator,
                    communities, originatorId, clusterList, extendedCommunities, largeCommunities, unknown);
        }
    }
}
