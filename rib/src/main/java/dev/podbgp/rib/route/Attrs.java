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
public sealed class Attrs permits Attrs.LinkLocal {
    public static final long DEFAULT_LOCAL_PREF = 100;

    private final PathAttributes attributes;
    private final InetAddress nextHop;
    private final int hash;

    // Cached decision keys, packed (a full table holds a couple of hundred thousand sets):
    // LOCAL_PREF and MED are unsigned 32-bit; lengths fit 16 bits as a message holds at most 16,383 of either.
    // MED, ORIGINATOR_ID and the CLUSTER_LIST length are read from the attributes when a comparison gets that far:
    // keeping them here too made a set 56 bytes rather than 40.
    private final int localPref;
    private final int neighbourAs;
    private final char asPathLength;
    private final byte origin;

    /** References from paths, caches and exported sets; the interner forgets the set at zero. */
    int refs;

    /** {@code hash} is {@link #hash} of the three, which the interner has already worked out. */
    /** A set with its NEXT_HOP (and an IPv6 link-local next hop, or null); the hash is {@link #hash}'s. */
    static Attrs of(PathAttributes attributes, InetAddress nextHop, InetAddress linkLocalNextHop, int hash) {
        return linkLocalNextHop == null ? new Attrs(attributes, nextHop, hash)
                : new LinkLocal(attributes, nextHop, linkLocalNextHop, hash);
    }

    private Attrs(PathAttributes attributes, InetAddress nextHop, int hash) {
        this.attributes = Objects.requireNonNull(attributes, "attributes");
        this.nextHop = nextHop;
        this.hash = hash;
        this.localPref = (int) (attributes.localPref() == null ? DEFAULT_LOCAL_PREF : attributes.localPref());
        AsPath path = attributes.asPath() == null ? AsPath.EMPTY : attributes.asPath();
        this.asPathLength = (char) Math.min(path.length(), Character.MAX_VALUE);
        this.neighbourAs = path.firstAs();
        this.origin = (byte) (attributes.origin() == null ? 2 : attributes.origin().code());
    }

    /** The hash code of the set these three would make, without making it. */
    static int hash(PathAttributes attributes, InetAddress nextHop, InetAddress linkLocalNextHop) {
        return (attributes.hashCode() * 31 + Objects.hashCode(nextHop)) * 31 + Objects.hashCode(linkLocalNextHop);
    }

    /** Whether this is the set these three would make. */
    boolean holds(PathAttributes attributes, InetAddress nextHop, InetAddress linkLocalNextHop) {
        return Objects.equals(this.nextHop, nextHop) && Objects.equals(linkLocalNextHop(), linkLocalNextHop)
                && this.attributes.equals(attributes);
    }

    public PathAttributes attributes() {
        return attributes;
    }

    /** The next hop, or null for a locally originated route before export sets one. */
    public InetAddress nextHop() {
        return nextHop;
    }

    /** The IPv6 link-local next hop of a 32-byte MP_REACH next hop, or null. */
    /** The IPv6 link-local next hop, or null. */
    public InetAddress linkLocalNextHop() {
        return this instanceof LinkLocal l ? l.linkLocalNextHop : null;
    }

    public long localPref() {
        return Integer.toUnsignedLong(localPref);
    }

    /** MULTI_EXIT_DISC, 0 when absent. */
    public long med() {
        Long med = attributes.med();
        return med == null ? 0 : med;
    }

    /**
     * Whether both carry the same AS_PATH. The lengths and first ASes cached here tell most different
     * paths apart without reaching the paths themselves (two more objects each); the path compares
     * its cached hash before walking.
     */
    public boolean sameAsPath(Attrs other) {
        if (other == this) {
            return true;
        }
        if (other.asPathLength != asPathLength || other.neighbourAs != neighbourAs) {
            return false;
        }
        return other.asPath().equals(asPath());
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
        return attributes.originatorId() != null;
    }

    /** ORIGINATOR_ID, 0 when absent. */
    public int originatorId() {
        Integer id = attributes.originatorId();
        return id == null ? 0 : id;
    }

    public int clusterListLength() {
        return attributes.clusterList().size();
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
                && Objects.equals(a.nextHop, nextHop) && Objects.equals(a.linkLocalNextHop(), linkLocalNextHop());
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "Attrs[nextHop=" + (nextHop == null ? "self" : nextHop.getHostAddress()) + ", " + attributes + "]";
    }

    /** A set that also carries an IPv6 link-local next hop (RFC 2545): rare enough to be a form of its own. */
    static final class LinkLocal extends Attrs {
        private final InetAddress linkLocalNextHop;

        private LinkLocal(PathAttributes attributes, InetAddress nextHop, InetAddress linkLocalNextHop, int hash) {
            super(attributes, nextHop, hash);
            this.linkLocalNextHop = linkLocalNextHop;
        }
    }
}
