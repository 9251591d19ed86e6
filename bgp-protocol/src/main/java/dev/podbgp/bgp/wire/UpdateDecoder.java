package dev.podbgp.bgp.wire;

import static dev.podbgp.bgp.wire.AttributeType.FLAG_EXTENDED_LENGTH;
import static dev.podbgp.bgp.wire.AttributeType.FLAG_OPTIONAL;
import static dev.podbgp.bgp.wire.AttributeType.FLAG_PARTIAL;
import static dev.podbgp.bgp.wire.AttributeType.FLAG_TRANSITIVE;
import static dev.podbgp.bgp.wire.NotificationMessage.UPDATE_MESSAGE_ERROR;

import dev.podbgp.bgp.wire.AttributeIssue.Action;
import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * UPDATE body (RFC 4271 §4.3) with the error handling of RFC 7606: each
 * attribute error is a session reset, a treat-as-withdraw or an attribute
 * discard as §7 prescribes for that attribute, and the strongest one found
 * decides the outcome (§3 f).
 *
 * <p>One instance serves one connection (a {@link BgpDecoder} instance) and
 * decodes its UPDATEs one after another on one thread: a full table is
 * hundreds of thousands of UPDATEs, and a fresh decoder for each was a good
 * part of what a session allocated per message. Between messages it holds
 * nothing: every field is cleared after each decode, and what it hands out
 * (the message, its attributes, the issues) is immutable or a copy.
 */
final class UpdateDecoder {
    private ByteBuf b;
    private int base;
    private CodecOptions options;

    /** Scratch; {@link DecodeResult} copies what it keeps. */
    private final List<AttributeIssue> issues = new ArrayList<>(0);
    /** The first treat-as-withdraw error, and the NOTIFICATION RFC 4271 would have sent for it (RFC 7606 §5.2). */
    private String withdrawReason;
    private WireError withdrawNotification;

    /** Attribute types seen in this UPDATE, one bit each. */
    private final long[] seen = new long[4];
    /** Whether the UPDATE body carries NLRI: NEXT_HOP only matters for those (RFC 4760 §3). */
    private boolean bodyNlri;
    private boolean anyAttributeButMpUnreach;

    private Origin origin;
    private AsPath asPath;
    private Inet4Address nextHop;
    private Long med;
    private Long localPref;
    private boolean atomicAggregate;
    private Aggregator aggregator;
    private Communities communities;
    private Integer originatorId;
    private ClusterList clusterList;
    private ExtendedCommunities extendedCommunities;
    private List<LargeCommunity> largeCommunities;
    private List<UnknownAttribute> unknown;
    private AsPath as4Path;
    private Aggregator as4Aggregator;
    private MpReach mpReach;
    private MpUnreach mpUnreach;

    /** Decodes the UPDATE body between {@code p} and {@code end} (the header ends at {@code p}). */
    DecodeResult decode(ByteBuf b, int p, int end, CodecOptions options) {
        this.b = b;
        this.base = p - BgpDecoder.HEADER_LENGTH;
        this.options = options;
        try {
            return run(p, end);
        } catch (WireError e) {
            return e.toResult();
        } finally {
            clear();
        }
    }

    /** Forgets the message: the next decode starts from nothing, and no buffer or value stays reachable. */
    private void clear() {
        b = null;
        options = null;
        issues.clear();
        withdrawReason = null;
        withdrawNotification = null;
        Arrays.fill(seen, 0L);
        bodyNlri = false;
        anyAttributeButMpUnreach = false;
        origin = null;
        asPath = null;
        nextHop = null;
        med = null;
        localPref = null;
        atomicAggregate = false;
        aggregator = null;
        communities = null;
        originatorId = null;
        clusterList = null;
        extendedCommunities = null;
        largeCommunities = null;
        unknown = null;
        as4Path = null;
        as4Aggregator = null;
        mpReach = null;
        mpUnreach = null;
    }

    /** The issues found so far, for a result (which copies them); the shared empty list when there are none. */
    private List<AttributeIssue> issues() {
        return issues.isEmpty() ? List.of() : issues;
    }

    private DecodeResult run(int p, int end) throws WireError {
        // RFC 4271 §6.3: lengths that overrun the message make the rest unlocatable: Malformed Attribute List.
        int withdrawnLength = b.getUnsignedShort(p);
        int wStart = p + 2;
        int wEnd = wStart + withdrawnLength;
        if (wEnd + 2 > end) {
            throw new WireError(UPDATE_MESSAGE_ERROR, NotificationMessage.MALFORMED_ATTRIBUTE_LIST, null,
                    "UPDATE Withdrawn Routes Length " + withdrawnLength + " overruns the message ("
                            + (end - wStart) + " bytes follow it, 2 of them needed for Total Path Attribute Length)");
        }
        int attrLength = b.getUnsignedShort(wEnd);
        int aStart = wEnd + 2;
        int aEnd = aStart + attrLength;
        if (aEnd > end) {
            throw new WireError(UPDATE_MESSAGE_ERROR, NotificationMessage.MALFORMED_ATTRIBUTE_LIST, null,
                    "UPDATE Total Path Attribute Length " + attrLength + " overruns the message ("
                            + (end - aStart) + " bytes follow it)");
        }
        // RFC 7606 §5.3: a syntax error in the NLRI fields cannot be contained: session reset.
        List<Prefix> withdrawn = prefixes(wStart, wEnd, AddressFamily.IPV4_UNICAST, "withdrawn routes",
                UPDATE_MESSAGE_ERROR, NotificationMessage.INVALID_NETWORK_FIELD, null);
        List<Prefix> nlri = prefixes(aEnd, end, AddressFamily.IPV4_UNICAST, "NLRI",
                UPDATE_MESSAGE_ERROR, NotificationMessage.INVALID_NETWORK_FIELD, null);

        bodyNlri = !nlri.isEmpty();
        attributes(aStart, aEnd);

        if (!nlri.isEmpty() || mpReach != null) {
            // RFC 7606 §3 d: a missing well-known mandatory attribute is treat-as-withdraw;
            // NEXT_HOP is mandatory only for NLRI in the body (RFC 4760 §3).
            requirePresent(AttributeType.ORIGIN);
            requirePresent(AttributeType.AS_PATH);
            if (!nlri.isEmpty()) {
                requirePresent(AttributeType.NEXT_HOP);
            }
        }
        if (nlri.isEmpty() && mpReach != null && nextHop != null) {
            // RFC 4760 §3: NEXT_HOP without NLRI in the body SHOULD be ignored.
            nextHop = null;
        }
        if (!options.fourOctetAs()) {
            mergeAs4();
        }
        if (unknown != null && unknown.size() > 1) {
            // PathAttributes keeps them in type order, so equal sets compare equal whatever the sender's order.
            unknown.sort(Comparator.comparingInt(UnknownAttribute::typeCode));
        }

        if (withdrawReason != null) {
            if (nlri.isEmpty() && mpReach == null && anyAttributeButMpUnreach) {
                // RFC 7606 §5.2: attributes but no reachable NLRI means we cannot trust that the
                // NLRI were found at all; treat-as-withdraw is not enough.
                throw withdrawNotification;
            }
            return new DecodeResult.TreatAsWithdraw(withdrawals(withdrawn, nlri), withdrawReason, issues());
        }
        if (attrLength > 0 && nlri.isEmpty() && withdrawn.isEmpty() && mpReach == null && mpUnreach == null
                && noAttributeKept()) {
            // Only attributes we dropped (say MP_REACH_NLRI of a family we do not carry): what is left
            // would read as an IPv4 End-of-RIB, which the sender did not send.
            return new DecodeResult.Ignored("UPDATE carries nothing podbgp uses: " + issues);
        }
        PathAttributes attributes = new PathAttributes(origin, asPath,
                nextHop, med, localPref, atomicAggregate,
                aggregator, communities, originatorId, clusterList, extendedCommunities, largeCommunities, unknown);
        return new DecodeResult.Decoded(new UpdateMessage(withdrawn, attributes, nlri, mpReach, mpUnreach), issues());
    }

    /** Whether no attribute that PathAttributes holds was kept. */
    private boolean noAttributeKept() {
        return origin == null && asPath == null && nextHop == null && med == null && localPref == null
                && !atomicAggregate && aggregator == null && communities == null && originatorId == null
                && clusterList == null && extendedCommunities == null && largeCommunities == null && unknown == null;
    }

    // ---- attribute list -------------------------------------------------------------------------

    private void attributes(int p, int end) throws WireError {
        while (p < end) {
            int flags = b.getUnsignedByte(p);
            int header = (flags & FLAG_EXTENDED_LENGTH) != 0 ? 4 : 3;
            if (end - p < header) {
                // RFC 7606 §4, second case: unconsumed bytes too few for an attribute header.
                withdraw(end - p >= 2 ? b.getUnsignedByte(p + 1) : 0, malformedList(),
                        "the last " + (end - p) + " bytes of the path attributes are too few for an attribute header ("
                                + header + " bytes)");
                return;
            }
            int type = b.getUnsignedByte(p + 1);
            int length = header == 4 ? b.getUnsignedShort(p + 2) : b.getUnsignedByte(p + 2);
            int v = p + header;
            if (v + length > end) {
                String reason = AttributeType.name(type) + " length " + length + " overruns the path attributes by "
                        + (v + length - end) + " bytes";
                if (type == AttributeType.MP_REACH_NLRI || type == AttributeType.MP_UNREACH_NLRI) {
                    // The "more severe error" of RFC 7606 §4: the NLRI it carries cannot be located, so
                    // they cannot be withdrawn either (RFC 7606 §5.3, §7.11; RFC 4760 §7).
                    throw mpError(p, end, reason);
                }
                // RFC 7606 §4, first case: the attribute overruns the attribute section.
                withdraw(type, malformedList(), reason);
                return;
            }
            attribute(flags, type, p, v, length);
            p = v + length;
        }
    }

    private static WireError malformedList() {
        return new WireError(UPDATE_MESSAGE_ERROR, NotificationMessage.MALFORMED_ATTRIBUTE_LIST, null, null);
    }

    private void attribute(int flags, int type, int start, int v, int length) throws WireError {
        boolean duplicate = (seen[type >>> 6] & 1L << type) != 0;
        seen[type >>> 6] |= 1L << type;
        if (type != AttributeType.MP_UNREACH_NLRI) {
            anyAttributeButMpUnreach = true;
        }
        if (duplicate) {
            if (type == AttributeType.MP_REACH_NLRI || type == AttributeType.MP_UNREACH_NLRI) {
                throw new WireError(UPDATE_MESSAGE_ERROR, NotificationMessage.MALFORMED_ATTRIBUTE_LIST, null,
                        AttributeType.name(type) + " appears more than once (RFC 7606 §3 g)");
            }
            discard(type, AttributeType.name(type) + " appears more than once; kept the first (RFC 7606 §3 g)");
            return;
        }
        if (!AttributeType.isKnown(type)) {
            unknownAttribute(flags, type, start, v, length);
            return;
        }
        // Attributes that are dropped whatever their content.
        if (type == AttributeType.LOCAL_PREF && !options.ibgp()) {
            discard(type, "LOCAL_PREF from an external peer (RFC 7606 §7.5)");
            return;
        }
        if ((type == AttributeType.AS4_PATH || type == AttributeType.AS4_AGGREGATOR) && options.fourOctetAs()) {
            discard(type, AttributeType.name(type) + " from a 4-octet AS peer (RFC 6793 §3)");
            return;
        }
        int expected = AttributeType.expectedFlags(type);
        boolean partialAllowed = expected == (FLAG_OPTIONAL | FLAG_TRANSITIVE);
        if ((flags & (FLAG_OPTIONAL | FLAG_TRANSITIVE)) != expected || (!partialAllowed && (flags & FLAG_PARTIAL) != 0)) {
            // RFC 7606 §3 c: wrong Optional/Transitive bits make the attribute malformed: treat-as-withdraw.
            withdraw(type, error(NotificationMessage.ATTRIBUTE_FLAGS_ERROR, start, v + length),
                    AttributeType.name(type) + " flags 0x" + Integer.toHexString(flags) + " are wrong (expected "
                            + describeFlags(expected) + ")");
            if (type != AttributeType.MP_REACH_NLRI && type != AttributeType.MP_UNREACH_NLRI) {
                return;
            }
            // MP attributes are still read: their prefixes are what treat-as-withdraw withdraws.
        }
        switch (type) {
            case AttributeType.ORIGIN -> origin(start, v, length);
            case AttributeType.AS_PATH -> asPath(start, v, length);
            case AttributeType.NEXT_HOP -> nextHop(start, v, length);
            case AttributeType.MULTI_EXIT_DISC -> {
                if (fixedLength(type, start, v, length, 4, NotificationMessage.ATTRIBUTE_LENGTH_ERROR)) {
                    med = b.getUnsignedInt(v);
                }
            }
            case AttributeType.LOCAL_PREF -> {
                if (fixedLength(type, start, v, length, 4, NotificationMessage.ATTRIBUTE_LENGTH_ERROR)) {
                    localPref = b.getUnsignedInt(v);
                }
            }
            case AttributeType.ATOMIC_AGGREGATE -> {
                if (length != 0) {
                    discard(type, "ATOMIC_AGGREGATE length " + length + " is not 0 (RFC 7606 §7.6)");
                } else {
                    atomicAggregate = true;
                }
            }
            case AttributeType.AGGREGATOR -> {
                int want = options.fourOctetAs() ? 8 : 6;
                if (length != want) {
                    discard(type, "AGGREGATOR length " + length + " is not " + want + " on a "
                            + (options.fourOctetAs() ? "4" : "2") + "-octet AS session (RFC 7606 §7.7)");
                } else if ((want == 8 ? b.getInt(v) : b.getUnsignedShort(v)) == 0) {
                    discard(type, "AGGREGATOR AS is 0 (RFC 7607 §2)");
                } else {
                    aggregator = want == 8 ? new Aggregator(b.getInt(v), b.getInt(v + 4))
                            : new Aggregator(b.getUnsignedShort(v), b.getInt(v + 2));
                }
            }
            case AttributeType.COMMUNITIES -> {
                if (multipleOf(type, start, v, length, 4)) {
                    int[] values = new int[length / 4];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = b.getInt(v + 4 * i);
                    }
                    communities = Communities.of(values);
                }
            }
            case AttributeType.ORIGINATOR_ID -> {
                if (fixedLength(type, start, v, length, 4, NotificationMessage.ATTRIBUTE_LENGTH_ERROR)) {
                    originatorId = b.getInt(v);
                }
            }
            case AttributeType.CLUSTER_LIST -> {
                if (multipleOf(type, start, v, length, 4)) {
                    int[] ids = new int[length / 4];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = b.getInt(v + 4 * i);
                    }
                    clusterList = ClusterList.of(ids);
                }
            }
            case AttributeType.MP_REACH_NLRI -> mpReach(start, v, length);
            case AttributeType.MP_UNREACH_NLRI -> mpUnreach(start, v, length);
            case AttributeType.EXTENDED_COMMUNITIES -> {
                if (multipleOf(type, start, v, length, 8)) {
                    long[] values = new long[length / 8];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = b.getLong(v + 8 * i);
                    }
                    extendedCommunities = ExtendedCommunities.of(values);
                }
            }
            case AttributeType.AS4_PATH -> as4Path(v, length);
            case AttributeType.AS4_AGGREGATOR -> {
                if (length != 8) {
                    discard(type, "AS4_AGGREGATOR length " + length + " is not 8 (RFC 6793 §6)");
                } else if (b.getInt(v) == 0) {
                    discard(type, "AS4_AGGREGATOR AS is 0 (RFC 7607 §2)");
                } else {
                    as4Aggregator = new Aggregator(b.getInt(v), b.getInt(v + 4));
                }
            }
            case AttributeType.LARGE_COMMUNITY -> {
                if (multipleOf(type, start, v, length, 12)) {
                    List<LargeCommunity> values = new ArrayList<>(length / 12);
                    for (int i = v; i < v + length; i += 12) {
                        values.add(new LargeCommunity(b.getInt(i), b.getInt(i + 4), b.getInt(i + 8)));
                    }
                    largeCommunities = values;
                }
            }
            default -> throw new AssertionError("known attribute type " + type + " has no decoder");
        }
    }

    private static String describeFlags(int flags) {
        return switch (flags) {
            case FLAG_TRANSITIVE -> "0x40, well-known transitive";
            case FLAG_OPTIONAL -> "0x80, optional non-transitive";
            default -> "0xc0, optional transitive";
        };
    }

    private void unknownAttribute(int flags, int type, int start, int v, int length) throws WireError {
        if ((flags & FLAG_OPTIONAL) == 0) {
            // RFC 4271 §6.3: we cannot know what a well-known attribute we do not know means.
            throw error(NotificationMessage.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, start, v + length)
                    .withReason("attribute type " + type + " is flagged well-known (flags 0x"
                            + Integer.toHexString(flags) + ") but podbgp does not know it");
        }
        if ((flags & FLAG_TRANSITIVE) == 0) {
            return; // RFC 4271 §5: unrecognized optional non-transitive attributes are quietly ignored
        }
        if (unknown == null) {
            unknown = new ArrayList<>(2);
        }
        byte[] value = new byte[length];
        b.getBytes(v, value);
        unknown.add(new UnknownAttribute(flags, type, value));
    }

    // ---- one attribute each ---------------------------------------------------------------------

    private void origin(int start, int v, int length) throws WireError {
        if (!fixedLength(AttributeType.ORIGIN, start, v, length, 1, NotificationMessage.ATTRIBUTE_LENGTH_ERROR)) {
            return;
        }
        int code = b.getUnsignedByte(v);
        origin = Origin.valueOf(code);
        if (origin == null) {
            withdraw(AttributeType.ORIGIN, error(NotificationMessage.INVALID_ORIGIN_ATTRIBUTE, start, v + length),
                    "ORIGIN value " + code + " is undefined (0 IGP, 1 EGP, 2 INCOMPLETE)");
        }
    }

    private void asPath(int start, int v, int length) throws WireError {
        try {
            AsPath path = AsPathWire.read(b, v, length, options.fourOctetAs() ? 4 : 2);
            if (path.contains(0)) {
                // RFC 7607 §2: AS 0 makes AS_PATH malformed.
                throw new AsPathWire.Malformed("it contains AS 0 (RFC 7607): " + path);
            }
            if (!options.ibgp()) {
                AsPathWire.rejectConfederations(path);
            }
            asPath = path;
        } catch (AsPathWire.Malformed e) {
            withdraw(AttributeType.AS_PATH, new WireError(UPDATE_MESSAGE_ERROR, NotificationMessage.MALFORMED_AS_PATH,
                    null, null), "AS_PATH is malformed: " + e.getMessage());
        }
    }

    private void as4Path(int v, int length) {
        try {
            AsPath path = AsPathWire.read(b, v, length, 4);
            if (path.contains(0)) {
                throw new AsPathWire.Malformed("it contains AS 0 (RFC 7607): " + path);
            }
            AsPath kept = AsPathWire.withoutConfederations(path);
            if (kept != path) {
                // RFC 6793 §6: confederation segments in AS4_PATH are discarded, the rest used.
                discard(AttributeType.AS4_PATH, "AS4_PATH confederation segments dropped from " + path
                        + " (RFC 6793 §6)");
            }
            as4Path = kept;
        } catch (AsPathWire.Malformed e) {
            discard(AttributeType.AS4_PATH, "AS4_PATH is malformed (RFC 6793 §6): " + e.getMessage());
        }
    }

    private void nextHop(int start, int v, int length) throws WireError {
        if (!fixedLength(AttributeType.NEXT_HOP, start, v, length, 4, NotificationMessage.ATTRIBUTE_LENGTH_ERROR)) {
            return;
        }
        int address = b.getInt(v);
        int first = address >>> 24;
        if ((first == 0 || first == 127 || first >= 224) && !bodyNlri) {
            // Without NLRI in the body no route uses NEXT_HOP (RFC 4760 §3), so it is only dropped.
            discard(AttributeType.NEXT_HOP, "NEXT_HOP " + Ipv4.format(address)
                    + " is not a unicast host address; no NLRI in the body uses it");
            return;
        }
        if (first == 0 || first == 127 || first >= 224) {
            // RFC 4271 §6.3: a next hop that cannot be a unicast neighbour; the routes are unusable.
            withdraw(AttributeType.NEXT_HOP, error(NotificationMessage.INVALID_NEXT_HOP_ATTRIBUTE, start, v + length),
                    "NEXT_HOP " + Ipv4.format(address) + " is not a unicast host address");
            return;
        }
        if (lastHop == null || lastHopAddress != address) {
            lastHopAddress = address;
            lastHop = Ipv4.toInet(address);
        }
        nextHop = lastHop;
    }

    /**
     * The NEXT_HOP this decoder made last, kept across messages (it is an immutable value). A
     * connection has its own decoder and a peer's UPDATEs nearly always share one next hop, so
     * reusing the address saves an object per UPDATE and lets every attribute set the RIB keeps
     * point at the same one. Per connection rather than per thread: with peers of different next
     * hops on one thread, a per-thread cache changed object at every switch, and each new set then
     * had to be copied to share the RIB's object.
     */
    private int lastHopAddress;
    private Inet4Address lastHop;

    private void mpReach(int start, int v, int length) throws WireError {
        int end = v + length;
        if (length < 5) {
            throw mpError(start, end, "MP_REACH_NLRI length " + length + " is under the minimum of 5");
        }
        int afi = b.getUnsignedShort(v);
        int safi = b.getUnsignedByte(v + 2);
        int nhLength = b.getUnsignedByte(v + 3);
        AddressFamily family = AddressFamily.of(afi, safi);
        if (v + 4 + nhLength + 1 > end) {
            // RFC 7606 §7.11: the NLRI cannot be located: session reset.
            throw mpError(start, end, "MP_REACH_NLRI next hop length " + nhLength + " overruns the attribute of "
                    + length + " bytes");
        }
        if (!family.isRouted()) {
            discard(AttributeType.MP_REACH_NLRI, "MP_REACH_NLRI for " + family + ", a family podbgp does not carry");
            return;
        }
        int nh = v + 4;
        InetAddress global;
        InetAddress linkLocal = null;
        if (nhLength == 4 && afi == AddressFamily.AFI_IPV4) {
            global = Ipv4.toInet(b.getInt(nh));
        } else if ((nhLength == 16 || nhLength == 32)
                && (afi == AddressFamily.AFI_IPV6 || options.allowsIpv6NextHop(family))) {
            global = Ipv6.toInet(b.getLong(nh), b.getLong(nh + 8));
            if (nhLength == 32) {
                linkLocal = Ipv6.toInet(b.getLong(nh + 16), b.getLong(nh + 24));
            }
        } else {
            // RFC 7606 §7.11: a next hop length we do not expect hides where the NLRI start.
            String expected = afi == AddressFamily.AFI_IPV6 ? "16 or 32"
                    : options.allowsIpv6NextHop(family) ? "4, 16 or 32" : "4 (IPv6 next hops need RFC 8950 extended"
                    + " next hop, not negotiated)";
            throw mpError(start, end, "MP_REACH_NLRI next hop length " + nhLength + " for " + family
                    + " is not " + expected);
        }
        List<Prefix> prefixes = prefixes(nh + nhLength + 1, end, family, "MP_REACH_NLRI NLRI",
                UPDATE_MESSAGE_ERROR, NotificationMessage.OPTIONAL_ATTRIBUTE_ERROR, new int[] {start, end});
        mpReach = new MpReach(family, global, linkLocal, prefixes);
    }

    private void mpUnreach(int start, int v, int length) throws WireError {
        int end = v + length;
        if (length < 3) {
            throw mpError(start, end, "MP_UNREACH_NLRI length " + length + " is under the minimum of 3");
        }
        AddressFamily family = AddressFamily.of(b.getUnsignedShort(v), b.getUnsignedByte(v + 2));
        if (!family.isRouted()) {
            if (length == 3) {
                // End-of-RIB of that family (RFC 4724 §2): kept, so it is not mistaken for anything else.
                mpUnreach = new MpUnreach(family, List.of());
                return;
            }
            discard(AttributeType.MP_UNREACH_NLRI, "MP_UNREACH_NLRI for " + family
                    + ", a family podbgp does not carry");
            return;
        }
        List<Prefix> prefixes = prefixes(v + 3, end, family, "MP_UNREACH_NLRI withdrawn routes",
                UPDATE_MESSAGE_ERROR, NotificationMessage.OPTIONAL_ATTRIBUTE_ERROR, new int[] {start, end});
        mpUnreach = new MpUnreach(family, prefixes);
    }

    /** RFC 4760 §7: an incorrect MP attribute is an Optional Attribute Error; RFC 4271 §6.3: data is the attribute. */
    private WireError mpError(int start, int end, String reason) {
        return error(NotificationMessage.OPTIONAL_ATTRIBUTE_ERROR, start, end).withReason(reason);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** Checks a fixed attribute length; a wrong one is treat-as-withdraw (RFC 7606 §7). */
    private boolean fixedLength(int type, int start, int v, int length, int want, int subcode) {
        if (length == want) {
            return true;
        }
        withdraw(type, error(subcode, start, v + length),
                AttributeType.name(type) + " length " + length + " is not " + want);
        return false;
    }

    /** Checks a length that must be a non-zero multiple; a wrong one is treat-as-withdraw (RFC 7606 §7). */
    private boolean multipleOf(int type, int start, int v, int length, int unit) {
        if (length > 0 && length % unit == 0) {
            return true;
        }
        // RFC 4271 §6.3: a length that conflicts with the type is an Attribute Length Error.
        withdraw(type, error(NotificationMessage.ATTRIBUTE_LENGTH_ERROR, start, v + length),
                AttributeType.name(type) + " length " + length + " is not a non-zero multiple of " + unit);
        return false;
    }

    /** An UPDATE Message Error whose data is the attribute (type, length and value), cut to what fits. */
    private WireError error(int subcode, int start, int end) {
        int keep = Math.min(end - start, options.maxMessageLength() - BgpDecoder.NOTIFICATION_MIN_LENGTH);
        byte[] data = new byte[keep];
        b.getBytes(start, data);
        return new WireError(UPDATE_MESSAGE_ERROR, subcode, data, null);
    }

    private void requirePresent(int type) {
        if ((seen[type >>> 6] & 1L << type) == 0) {
            withdraw(type, new WireError(UPDATE_MESSAGE_ERROR, NotificationMessage.MISSING_WELL_KNOWN_ATTRIBUTE,
                    new byte[] {(byte) type}, null), "well-known mandatory " + AttributeType.name(type)
                    + " is missing (RFC 7606 §3 d)");
        }
    }

    private void withdraw(int type, WireError notification, String reason) {
        String text = "UPDATE " + reason;
        issues.add(new AttributeIssue(type, Action.TREAT_AS_WITHDRAW, text));
        if (withdrawReason == null) {
            withdrawReason = text;
            withdrawNotification = notification.withReason(text
                    + "; the UPDATE has no reachable NLRI, so RFC 7606 §5.2 asks for a session reset");
        }
    }

    private void discard(int type, String reason) {
        issues.add(new AttributeIssue(type, Action.DISCARDED, "UPDATE " + reason));
    }

    /** RFC 6793 §4.2.3: rebuild the 4-octet path and aggregator from AS4_PATH / AS4_AGGREGATOR. */
    private void mergeAs4() {
        if (as4Aggregator != null) {
            if (aggregator == null) {
                discard(AttributeType.AS4_AGGREGATOR, "AS4_AGGREGATOR without AGGREGATOR ignored");
                as4Aggregator = null;
            } else if (aggregator.asn() != OpenMessage.AS_TRANS) {
                discard(AttributeType.AS4_AGGREGATOR, "AGGREGATOR AS " + aggregator.asn()
                        + " is not AS_TRANS: AS4_AGGREGATOR and AS4_PATH ignored (RFC 6793 §4.2.3)");
                as4Path = null;
            } else {
                aggregator = as4Aggregator;
            }
        }
        if (as4Path != null && asPath != null) {
            AsPath merged = As4Merge.merge(asPath, as4Path);
            if (merged == null) {
                discard(AttributeType.AS4_PATH, "AS4_PATH " + as4Path + " has more AS numbers than AS_PATH "
                        + asPath + ": AS4_PATH ignored (RFC 6793 §4.2.3)");
            } else {
                asPath = merged;
            }
        }
    }

    private UpdateMessage withdrawals(List<Prefix> withdrawn, List<Prefix> nlri) {
        List<Prefix> v4 = new ArrayList<>(withdrawn.size() + nlri.size());
        List<Prefix> v6 = new ArrayList<>();
        v4.addAll(withdrawn);
        v4.addAll(nlri);
        if (mpReach != null) {
            (mpReach.family().equals(AddressFamily.IPV4_UNICAST) ? v4 : v6).addAll(mpReach.nlri());
        }
        if (mpUnreach != null) {
            (mpUnreach.family().equals(AddressFamily.IPV4_UNICAST) ? v4 : v6).addAll(mpUnreach.withdrawn());
        }
        return new UpdateMessage(v4, PathAttributes.NONE, List.of(),
                null, v6.isEmpty() ? null : new MpUnreach(AddressFamily.IPV6_UNICAST, v6));
    }

    // ---- prefixes and paths ----------------------------------------------------------------------

    /** The prefixes of a field; a syntax error is a session reset (RFC 7606 §5.3). */
    private List<Prefix> prefixes(int p, int end, AddressFamily family, String where, int code, int subcode,
                                  int[] attribute) throws WireError {
        try {
            return Nlri.read(b, p, end, family, options.receivesPathIds(family), base);
        } catch (Nlri.Malformed e) {
            throw nlriError(code, subcode, attribute, where + " of " + e.getMessage());
        }
    }

    private WireError nlriError(int code, int subcode, int[] attribute, String reason) {
        if (attribute == null) {
            return new WireError(code, subcode, null, "UPDATE " + reason);
        }
        return error(subcode, attribute[0], attribute[1]).withReason("UPDATE " + reason);
    }
}
