package dev.podbgp.rib.route;

import dev.podbgp.bgp.wire.AsPath;
import dev.podbgp.bgp.wire.PathAttributes;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One interned attribute set: the path attributes plus the next hop (from
 * NEXT_HOP or MP_REACH_NLRI), with the values the decision process reads
 * cached in fields so selection never walks lists. Shared by every path that
 * carries the same set; obtain instances from {@link AttrsInterner} only.
 *
 * <p>Fields that the decision reads use RFC defaults for absent attributes:
 * LOCAL_PREF 100, MED 0.
 */
public final class Attrs {
    public static final long DEFAULT_LOCAL_PREF = 100;

    private final PathAttributes attributes;
    private final InetAddress nextHop;
    private final InetAddress linkLocalNextHop;
    private final int hash;

    // Cached decision keys.
    final long localPref;
    final int asPathLength;
    final int origin;
    final long med;
    final int neighbourAs;
    final boolean hasOriginatorId;
    final int originatorId;
    final int clusterListLength;

    /** References from paths, caches and exported sets; the interner forgets the set at zero. */
    int refs;

    Attrs(PathAttributes attributes, InetAddress nextHop, InetAddress linkLocalNextHop) {
        this.attributes = Objects.requireNonNull(attributes, "attributes");
        this.nextHop = nextHop;
        this.linkLocalNextHop = linkLocalNextHop;
        this.hash = (attributes.hashCode() * 31 + Objects.hashCode(nextHop)) * 31 + Objects.hashCode(linkLocalNextHop);
        this.localPref = attributes.localPref() == null ? DEFAULT_LOCAL_PREF : attributes.localPref();
        AsPath path = attributes.asPath() == null ? AsPath.EMPTY : attributes.asPath();
        this.asPathLength = path.length();
        this.neighbourAs = path.firstAs();
        this.origin = attributes.origin() == null ? 2 : attributes.origin().code();
        this.med = attributes.med() == null ? 0 : attributes.med();
        this.hasOriginatorId = attributes.originatorId() != null;
        this.originatorId = hasOriginatorId ? attributes.originatorId() : 0;
        this.clusterListLength = attributes.clusterList().size();
    }

    public PathAttributes attributes() {
        return attributes;
    }

    /** The next hop, or null for a locally originated route before export sets one. */
    public InetAddress nextHop() {
        return nextHop;
    }

    /** The IPv6 link-local next hop of a 32-byte MP_REACH next hop, or null. */
    public InetAddress linkLocalNextHop() {
        return linkLocalNextHop;
    }

    public long localPref() {
        return localPref;
    }

    public long med() {
        return med;
    }

    public int asPathLength() {
        return asPathLength;
    }

    /** ORIGIN code; an absent ORIGIN counts as INCOMPLETE. */
    public int origin() {
        return origin;
    }

    /** The neighbouring AS for MED comparison (leftmost AS of the path, 0 for an empty path). */
    public int neighbourAs() {
        return neighbourAs;
    }

    public boolean hasOriginatorId() {
        return hasOriginatorId;
    }

    public int originatorId() {
        return originatorId;
    }

    public int clusterListLength() {
        return clusterListLength;
    }

    public boolean hasCommunity(int community) {
        return attributes.communities().contains(community);
    }

    public AsPath asPath() {
        return attributes.asPath() == null ? AsPath.EMPTY : attributes.asPath();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attrs a && a.hash == hash && a.attributes.equals(attributes)
                && Objects.equals(a.nextHop, nextHop) && Objects.equals(a.linkLocalNextHop, linkLocalNextHop);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "Attrs[nextHop=" + (nextHop == null ? "self" : nextHop.getHostAddress()) + ", " + attributes + "]";
    }
}
