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
 *
 * @param origin ORIGIN, or null when absent
 * @param asPath AS_PATH, or null when absent ({@link AsPath#EMPTY} when present and empty)
 * @param nextHop NEXT_HOP (IPv4 NLRI in the UPDATE body), or null when absent
 * @param med MULTI_EXIT_DISC (unsigned 32), or null
 * @param localPref LOCAL_PREF (unsigned 32), or null
 * @param atomicAggregate ATOMIC_AGGREGATE present
 * @param aggregator AGGREGATOR, or null
 * @param communities COMMUNITIES, {@link Communities#EMPTY} when absent
 * @param originatorId ORIGINATOR_ID (IPv4 as int), or null
 * @param clusterList CLUSTER_LIST, {@link ClusterList#EMPTY} when absent
 * @param extendedCommunities EXTENDED_COMMUNITIES, {@link ExtendedCommunities#EMPTY} when absent
 * @param largeCommunities LARGE_COMMUNITY values, empty when absent
 * @param unknown optional transitive attributes we do not interpret, in type order
 */
public record PathAttributes(
        Origin origin,
        AsPath asPath,
        Inet4Address nextHop,
        Long med,
        Long localPref,
        boolean atomicAggregate,
        Aggregator aggregator,
        Communities communities,
        Integer originatorId,
        ClusterList clusterList,
        ExtendedCommunities extendedCommunities,
        List<LargeCommunity> largeCommunities,
        List<UnknownAttribute> unknown) {

    /** No attributes at all: what a withdraw-only UPDATE carries. */
    public static final PathAttributes NONE = builder().build();

    public PathAttributes {
        communities = communities == null ? Communities.EMPTY : communities;
        clusterList = clusterList == null ? ClusterList.EMPTY : clusterList;
        extendedCommunities = extendedCommunities == null ? ExtendedCommunities.EMPTY : extendedCommunities;
        largeCommunities = largeCommunities == null ? List.of() : List.copyOf(largeCommunities);
        unknown = unknown == null ? List.of() : List.copyOf(unknown);
        checkU32("MULTI_EXIT_DISC", med);
        checkU32("LOCAL_PREF", localPref);
    }

    private static void checkU32(String what, Long value) {
        if (value != null && (value < 0 || value > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException(what + " " + value + " is outside 0..4294967295");
        }
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
        return new PathAttributes(origin, asPath, hop, med, localPref, atomicAggregate, aggregator, communities,
                originatorId, clusterList, extendedCommunities, largeCommunities, unknown);
    }

    /** Whether no attribute is present. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    // Written out rather than the record's generated pair: those go through method handles, which the quick
    // compiler the daemon runs with does not inline, and the RIB hashes and compares a set per UPDATE in and out.

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        return o instanceof PathAttributes p && origin == p.origin && atomicAggregate == p.atomicAggregate
                && Objects.equals(med, p.med) && Objects.equals(localPref, p.localPref)
                && Objects.equals(nextHop, p.nextHop) && Objects.equals(asPath, p.asPath)
                && communities.equals(p.communities) && Objects.equals(originatorId, p.originatorId)
                && clusterList.equals(p.clusterList) && extendedCommunities.equals(p.extendedCommunities)
                && Objects.equals(aggregator, p.aggregator) && largeCommunities.equals(p.largeCommunities)
                && unknown.equals(p.unknown);
    }

    @Override
    public int hashCode() {
        int h = origin == null ? 0 : origin.ordinal() + 1;
        h = 31 * h + Objects.hashCode(asPath);
        h = 31 * h + Objects.hashCode(nextHop);
        h = 31 * h + Objects.hashCode(med);
        h = 31 * h + Objects.hashCode(localPref);
        h = 31 * h + (atomicAggregate ? 1 : 0);
        h = 31 * h + (aggregator == null ? 0 : aggregator.asn() * 31 + aggregator.address());
        h = 31 * h + communities.hashCode();
        h = 31 * h + Objects.hashCode(originatorId);
        h = 31 * h + clusterList.hashCode();
        h = 31 * h + extendedCommunities.hashCode();
        h = 31 * h + (largeCommunities.isEmpty() ? 0 : largeCommunities.hashCode());
        return 31 * h + (unknown.isEmpty() ? 0 : unknown.hashCode());
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
            atomicAggregate = a.atomicAggregate;
            aggregator = a.aggregator;
            communities = a.communities;
            originatorId = a.originatorId;
            clusterList = a.clusterList;
            extendedCommunities = a.extendedCommunities;
            largeCommunities = a.largeCommunities;
            unknown = a.unknown;
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
