package dev.podbgp.bgp.wire;

import java.util.HashSet;
import java.util.Set;

/**
 * What the codec must know about a session: what the two OPEN messages
 * negotiated, plus whether the peer is internal. Immutable.
 *
 * @param fourOctetAs both sides sent the 4-octet AS capability (RFC 6793): AS numbers travel in 4 octets
 * @param extendedMessage both sides sent the extended message capability (RFC 8654): UPDATEs up to 65535 bytes
 * @param ibgp the peer is in our AS: LOCAL_PREF is accepted from it (RFC 7606 §7.6) and
 *             confederation segments in its AS_PATH are not an error (RFC 5065 §5.3)
 * @param families the AFI/SAFIs both sides can carry (RFC 4760; IPv4 unicast alone when a side sent no
 *                 multiprotocol capability). The codec decodes any routed family; the session filters.
 * @param addPathReceive families whose NLRI we receive with path identifiers (RFC 7911)
 * @param addPathSend families whose NLRI we send with path identifiers (RFC 7911)
 * @param extendedNextHop NLRI families that may carry an IPv6 next hop (RFC 8950; in practice IPv4 unicast)
 */
public record CodecOptions(boolean fourOctetAs, boolean extendedMessage, boolean ibgp,
                           Set<AddressFamily> families,
                           Set<AddressFamily> addPathReceive, Set<AddressFamily> addPathSend,
                           Set<AddressFamily> extendedNextHop) {

    /** The RFC 4271 limit, and the limit for OPEN and KEEPALIVE even with extended messages (RFC 8654 §3). */
    public static final int MAX_MESSAGE_LENGTH = 4096;
    /** The limit once extended messages are agreed (RFC 8654). */
    public static final int MAX_EXTENDED_MESSAGE_LENGTH = 65535;

    /**
     * Before the OPEN exchange finishes: 4096-byte messages, 2-octet AS numbers,
     * no ADD-PATH, IPv4 unicast, eBGP (the strictest reading of LOCAL_PREF).
     */
    public static final CodecOptions OPEN_DEFAULTS = new CodecOptions(false, false, false,
            Set.of(AddressFamily.IPV4_UNICAST), Set.of(), Set.of(), Set.of());

    public CodecOptions {
        families = Set.copyOf(families);
        addPathReceive = Set.copyOf(addPathReceive);
        addPathSend = Set.copyOf(addPathSend);
        extendedNextHop = Set.copyOf(extendedNextHop);
    }

    /** The largest message either side may send on this session. */
    public int maxMessageLength() {
        return extendedMessage ? MAX_EXTENDED_MESSAGE_LENGTH : MAX_MESSAGE_LENGTH;
    }

    /** Whether NLRI of {@code family} arrive with a 4-octet path identifier in front. */
    public boolean receivesPathIds(AddressFamily family) {
        return addPathReceive.contains(family);
    }

    /** Whether we must put a 4-octet path identifier in front of NLRI of {@code family}. */
    public boolean sendsPathIds(AddressFamily family) {
        return addPathSend.contains(family);
    }

    /** Whether NLRI of {@code family} may carry an IPv6 next hop (RFC 8950). */
    public boolean allowsIpv6NextHop(AddressFamily family) {
        return extendedNextHop.contains(family);
    }

    public CodecOptions withIbgp(boolean value) {
        return new CodecOptions(fourOctetAs, extendedMessage, value, families, addPathReceive, addPathSend,
                extendedNextHop);
    }

    public CodecOptions withFourOctetAs(boolean value) {
        return new CodecOptions(value, extendedMessage, ibgp, families, addPathReceive, addPathSend,
                extendedNextHop);
    }

    public CodecOptions withExtendedMessage(boolean value) {
        return new CodecOptions(fourOctetAs, value, ibgp, families, addPathReceive, addPathSend,
                extendedNextHop);
    }

    /** ADD-PATH in both directions for {@code families} (mostly for tests and benchmarks). */
    public CodecOptions withAddPath(Set<AddressFamily> receive, Set<AddressFamily> send) {
        return new CodecOptions(fourOctetAs, extendedMessage, ibgp, families, receive, send, extendedNextHop);
    }

    public CodecOptions withExtendedNextHop(Set<AddressFamily> value) {
        return new CodecOptions(fourOctetAs, extendedMessage, ibgp, families, addPathReceive, addPathSend, value);
    }

    /**
     * What our OPEN and the peer's OPEN agree on. Pure: the session checks
     * everything else (peer AS, hold time, identifier, required capabilities).
     * <ul>
     * <li>4-octet AS, extended message: both sides sent the capability.</li>
     * <li>families: the intersection of the multiprotocol capabilities, where
     *     a side without any counts as IPv4 unicast only (RFC 4760 §8).</li>
     * <li>ADD-PATH (RFC 7911 §4): we receive path identifiers for a family when
     *     we said receive and the peer said send, and send them when we said
     *     send and the peer said receive. Only for families both can carry.</li>
     * <li>extended next hop: tuples (family, next-hop AFI IPv6) both sides sent.</li>
     * <li>ibgp: both OPENs carry the same AS number.</li>
     * </ul>
     */
    public static CodecOptions negotiate(OpenMessage ours, OpenMessage theirs) {
        boolean fourOctet = ours.capability(Capability.FourOctetAs.class) != null
                && theirs.capability(Capability.FourOctetAs.class) != null;
        boolean extended = ours.capability(Capability.ExtendedMessage.class) != null
                && theirs.capability(Capability.ExtendedMessage.class) != null;
        Set<AddressFamily> families = families(ours);
        families.retainAll(families(theirs));

        Set<AddressFamily> receive = new HashSet<>();
        Set<AddressFamily> send = new HashSet<>();
        for (AddressFamily f : families) {
            Capability.AddPath.Direction we = addPath(ours, f);
            Capability.AddPath.Direction they = addPath(theirs, f);
            if (we == null || they == null) {
                continue;
            }
            if (we.canReceive() && they.canSend()) {
                receive.add(f);
            }
            if (we.canSend() && they.canReceive()) {
                send.add(f);
            }
        }

        Set<AddressFamily> nextHop = extendedNextHop(ours);
        nextHop.retainAll(extendedNextHop(theirs));
        nextHop.retainAll(families);

        boolean ibgp = ours.asNumber() == theirs.asNumber();
        return new CodecOptions(fourOctet, extended, ibgp, families, receive, send, nextHop);
    }

    private static Set<AddressFamily> families(OpenMessage open) {
        Set<AddressFamily> out = new HashSet<>();
        for (Capability c : open.capabilities()) {
            if (c instanceof Capability.Multiprotocol mp) {
                out.add(mp.family());
            }
        }
        if (out.isEmpty()) {
            out.add(AddressFamily.IPV4_UNICAST);
        }
        return out;
    }

    private static Capability.AddPath.Direction addPath(OpenMessage open, AddressFamily family) {
        Capability.AddPath.Direction found = null;
        for (Capability c : open.capabilities()) {
            if (c instanceof Capability.AddPath ap) {
                for (Capability.AddPath.Entry e : ap.entries()) {
                    if (e.family().equals(family)) {
                        found = e.direction();
                    }
                }
            }
        }
        return found;
    }

    private static Set<AddressFamily> extendedNextHop(OpenMessage open) {
        Set<AddressFamily> out = new HashSet<>();
        for (Capability c : open.capabilities()) {
            if (c instanceof Capability.ExtendedNextHop enh) {
                for (Capability.ExtendedNextHop.Entry e : enh.entries()) {
                    if (e.nextHopAfi() == AddressFamily.AFI_IPV6) {
                        out.add(e.family());
                    }
                }
            }
        }
        return out;
    }
}
