package dev.podbgp.bgp.wire;

import static dev.podbgp.bgp.wire.AttributeType.FLAG_EXTENDED_LENGTH;
import static dev.podbgp.bgp.wire.AttributeType.FLAG_OPTIONAL;
import static dev.podbgp.bgp.wire.AttributeType.FLAG_PARTIAL;
import static dev.podbgp.bgp.wire.AttributeType.FLAG_TRANSITIVE;

import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes messages in their wire form. The value model cannot express most
 * wire errors; what it can (a prefix of the wrong family in MP_REACH_NLRI, an
 * IPv6 next hop for IPv4 without RFC 8950, a capability over 255 bytes) is
 * refused with an {@link IllegalArgumentException} naming the value. A
 * message over the session's limit is refused with a
 * {@link MessageTooLongException}; in both cases nothing is written.
 *
 * <p>Towards a peer without 4-octet AS support, AS numbers over 65535 become
 * AS_TRANS and travel in AS4_PATH / AS4_AGGREGATOR (RFC 6793 §4.2.2).
 * Attributes are written MP_REACH_NLRI / MP_UNREACH_NLRI first (RFC 7606
 * §5.1), then by type code; the extended-length flag is used exactly when a
 * value exceeds 255 bytes.
 */
public final class BgpEncoder {
    static final int HEADER_LENGTH = 19;
    static final int MARKER_LENGTH = 16;

    private BgpEncoder() {
    }

    /** The limit for a message type on a session: OPEN and KEEPALIVE stay at 4096 (RFC 8654 §3). */
    public static int maxLength(MessageType type, CodecOptions options) {
        return type == MessageType.OPEN || type == MessageType.KEEPALIVE
                ? CodecOptions.MAX_MESSAGE_LENGTH : options.maxMessageLength();
    }

    /** Appends {@code message} to {@code out}, or writes nothing and throws (see the class comment). */
    public static void encode(BgpMessage message, CodecOptions options, ByteBuf out) {
        int start = out.writerIndex();
        try {
            out.writeBytes(MARKER);
            out.writeShort(0);
            out.writeByte(message.type().code());
            if (message instanceof OpenMessage m) {
                writeOpen(m, out);
            } else if (message instanceof UpdateMessage m) {
                writeUpdate(m, options, out);
            } else if (message instanceof NotificationMessage m) {
                out.writeByte(m.code());
                out.writeByte(m.subcode());
                out.writeBytes(m.data());
            } else if (message instanceof RouteRefreshMessage m) {
                out.writeShort(m.family().afi());
                out.writeByte(m.subtype());
                out.writeByte(m.family().safi());
            }
            // KEEPALIVE: the header is the whole message.
        } catch (RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
        int length = out.writerIndex() - start;
        int limit = maxLength(message.type(), options);
        if (length > limit) {
            out.writerIndex(start);
            throw new MessageTooLongException(message.type(), length, limit, null);
        }
        out.setShort(start + MARKER_LENGTH, length);
    }

    private static final byte[] MARKER = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};

    // ---- OPEN ----------------------------------------------------------------------------------

    private static void writeOpen(OpenMessage m, ByteBuf out) {
        out.writeByte(m.version());
        out.writeShort(m.myAutonomousSystem());
        out.writeShort(m.holdTime());
        out.writeInt(m.bgpIdentifier());
        // Capabilities go into Capabilities parameters of at most 255 bytes each.
        List<byte[]> params = new ArrayList<>();
        ByteBuf param = io.netty.buffer.Unpooled.buffer(64);
        try {
            for (Capability c : m.capabilities()) {
                byte[] value = capabilityValue(c);
                if (value.length > 255) {
                    throw new IllegalArgumentException("capability " + c.code() + " value is " + value.length
                            + " bytes, over the 255 a capability length can say");
                }
                if (param.readableBytes() + 2 + value.length > 255) {
                    params.add(bytes(param));
                    param.clear();
                }
                param.writeByte(c.code());
                param.writeByte(value.length);
                param.writeBytes(value);
            }
            if (param.isReadable()) {
                params.add(bytes(param));
            }
        } finally {
            param.release();
        }
        int total = 0;
        for (byte[] p : params) {
            total += 2 + p.length;
        }
        if (total <= 255) {
            out.writeByte(total);
            for (byte[] p : params) {
                out.writeByte(OPT_PARAM_CAPABILITIES);
                out.writeByte(p.length);
                out.writeBytes(p);
            }
        } else {
            // RFC 9072: Non-Ext OP Len 255, Non-Ext OP Type 255, then a 2-octet length and 2-octet parameter lengths.
            out.writeByte(255);
            out.writeByte(255);
            out.writeShort(total + params.size());
            for (byte[] p : params) {
                out.writeByte(OPT_PARAM_CAPABILITIES);
                out.writeShort(p.length);
                out.writeBytes(p);
            }
        }
    }

    static final int OPT_PARAM_CAPABILITIES = 2;

    private static byte[] bytes(ByteBuf b) {
        byte[] out = new byte[b.readableBytes()];
        b.getBytes(b.readerIndex(), out);
        return out;
    }

    /** The value octets of a capability (RFC 5492 and the capability's RFC). */
    static byte[] capabilityValue(Capability c) {
        ByteBuf b = io.netty.buffer.Unpooled.buffer(16);
        try {
            // RouteRefresh, EnhancedRouteRefresh and ExtendedMessage have no value.
            if (c instanceof Capability.Multiprotocol mp) {
                b.writeShort(mp.family().afi());
                b.writeByte(0);
                b.writeByte(mp.family().safi());
            } else if (c instanceof Capability.ExtendedNextHop enh) {
                for (Capability.ExtendedNextHop.Entry e : enh.entries()) {
                    b.writeShort(e.family().afi());
                    b.writeShort(e.family().safi());
                    b.writeShort(e.nextHopAfi());
                }
            } else if (c instanceof Capability.GracefulRestart gr) {
                int flags = (gr.restartState() ? 0x8 : 0) | (gr.notification() ? 0x4 : 0);
                b.writeShort(flags << 12 | gr.restartTime());
                for (Capability.GracefulRestart.Entry e : gr.families()) {
                    b.writeShort(e.family().afi());
                    b.writeByte(e.family().safi());
                    b.writeByte(e.forwardingPreserved() ? 0x80 : 0);
                }
            } else if (c instanceof Capability.FourOctetAs f) {
                b.writeInt(f.asn());
            } else if (c instanceof Capability.AddPath ap) {
                for (Capability.AddPath.Entry e : ap.entries()) {
                    b.writeShort(e.family().afi());
                    b.writeByte(e.family().safi());
                    b.writeByte(e.direction().code());
                }
            } else if (c instanceof Capability.LongLivedGracefulRestart llgr) {
                for (Capability.LongLivedGracefulRestart.Entry e : llgr.entries()) {
                    b.writeShort(e.family().afi());
                    b.writeByte(e.family().safi());
                    b.writeByte(e.forwardingPreserved() ? 0x80 : 0);
                    b.writeMedium(e.staleTime());
                }
            } else if (c instanceof Capability.Fqdn f) {
                writeShortString(b, "FQDN host name", f.hostname());
                writeShortString(b, "FQDN domain name", f.domain());
            } else if (c instanceof Capability.Unknown u) {
                b.writeBytes(u.value());
            }
            return bytes(b);
        } finally {
            b.release();
        }
    }

    private static void writeShortString(ByteBuf b, String what, String s) {
        // ISO-8859-1 maps each octet to one char, so what we decoded re-encodes byte for byte.
        String text = s == null ? "" : s;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                throw new IllegalArgumentException(what + " \"" + text + "\" has a character outside ISO-8859-1");
            }
        }
        byte[] v = text.getBytes(StandardCharsets.ISO_8859_1);
        if (v.length > 255) {
            throw new IllegalArgumentException(what + " is " + v.length + " octets, over 255");
        }
        b.writeByte(v.length);
        b.writeBytes(v);
    }

    // ---- UPDATE --------------------------------------------------------------------------------

    private static void writeUpdate(UpdateMessage m, CodecOptions options, ByteBuf out) {
        int wStart = out.writerIndex();
        out.writeShort(0);
        writePrefixes(m.withdrawn(), AddressFamily.IPV4_UNICAST, options, out, "withdrawn routes");
        out.setShort(wStart, out.writerIndex() - wStart - 2);
        int aStart = out.writerIndex();
        out.writeShort(0);
        if (m.mpReach() != null) {
            writeMpReach(m.mpReach(), options, out);
        }
        if (m.mpUnreach() != null) {
            writeMpUnreach(m.mpUnreach(), options, out);
        }
        writeAttributes(m.attributes(), options, out);
        int attrLength = out.writerIndex() - aStart - 2;
        if (attrLength > 0xFFFF) {
            throw new MessageTooLongException(MessageType.UPDATE, out.writerIndex(), options.maxMessageLength(),
                    "path attributes of " + attrLength + " bytes");
        }
        out.setShort(aStart, attrLength);
        writePrefixes(m.nlri(), AddressFamily.IPV4_UNICAST, options, out, "NLRI");
    }

    /** The path attributes of {@code a} (not MP_REACH/MP_UNREACH), in wire form. */
    static void writeAttributes(PathAttributes a, CodecOptions options, ByteBuf out) {
        List<UnknownAttribute> unknown = a.unknown();
        int u = 0;
        for (int type = AttributeType.ORIGIN; type <= AttributeType.LARGE_COMMUNITY; type++) {
            if (!AttributeType.isKnown(type)) {
                continue;
            }
            while (u < unknown.size() && unknown.get(u).typeCode() < type) {
                writeUnknown(unknown.get(u++), out);
            }
            if (u < unknown.size() && unknown.get(u).typeCode() == type) {
                throw new IllegalArgumentException("unknown attribute " + unknown.get(u)
                        + " has the type code of " + AttributeType.name(type) + ", which podbgp encodes itself");
            }
            writeKnown(type, a, options, out);
        }
        while (u < unknown.size()) {
            writeUnknown(unknown.get(u++), out);
        }
    }

    private static void writeUnknown(UnknownAttribute attr, ByteBuf out) {
        if (AttributeType.isKnown(attr.typeCode())) {
            throw new IllegalArgumentException("unknown attribute " + attr + " has the type code of "
                    + AttributeType.name(attr.typeCode()) + ", which podbgp encodes itself");
        }
        int flags = attr.flags();
        if ((flags & (FLAG_OPTIONAL | FLAG_TRANSITIVE)) == (FLAG_OPTIONAL | FLAG_TRANSITIVE)) {
            // RFC 4271 §5: an unrecognized optional transitive attribute is passed on with Partial set.
            flags |= FLAG_PARTIAL;
        }
        byte[] v = attr.value();
        header(flags, attr.typeCode(), v.length, out);
        out.writeBytes(v);
    }

    private static void header(int flags, int type, int length, ByteBuf out) {
        if (length > 0xFFFF) {
            throw new MessageTooLongException(MessageType.UPDATE, length, 0xFFFF,
                    AttributeType.name(type) + " value of " + length + " bytes");
        }
        if (length > 255) {
            out.writeByte(flags & 0xE0 | FLAG_EXTENDED_LENGTH);
            out.writeByte(type);
            out.writeShort(length);
        } else {
            out.writeByte(flags & 0xE0);
            out.writeByte(type);
            out.writeByte(length);
        }
    }

    private static boolean fitsTwoOctets(int asn) {
        return Integer.compareUnsigned(asn, 0xFFFF) <= 0;
    }

    private static void writeKnown(int type, PathAttributes a, CodecOptions options, ByteBuf out) {
        int flags = AttributeType.expectedFlags(type);
        switch (type) {
            case AttributeType.ORIGIN -> {
                if (a.origin() != null) {
                    header(flags, type, 1, out);
                    out.writeByte(a.origin().code());
                }
            }
            case AttributeType.AS_PATH -> {
                if (a.asPath() != null) {
                    writeAsPath(flags, type, a.asPath(), options.fourOctetAs(), out);
                }
            }
            case AttributeType.NEXT_HOP -> {
                if (a.nextHop() != null) {
                    header(flags, type, 4, out);
                    out.writeBytes(a.nextHop().getAddress());
                }
            }
            case AttributeType.MULTI_EXIT_DISC -> {
                if (a.med() != null) {
                    header(flags, type, 4, out);
                    out.writeInt((int) (long) a.med());
                }
            }
            case AttributeType.LOCAL_PREF -> {
                if (a.localPref() != null) {
                    header(flags, type, 4, out);
                    out.writeInt((int) (long) a.localPref());
                }
            }
            case AttributeType.ATOMIC_AGGREGATE -> {
                if (a.atomicAggregate()) {
                    header(flags, type, 0, out);
                }
            }
            case AttributeType.AGGREGATOR -> {
                Aggregator ag = a.aggregator();
                if (ag != null) {
                    if (options.fourOctetAs()) {
                        header(flags, type, 8, out);
                        out.writeInt(ag.asn());
                    } else {
                        header(flags, type, 6, out);
                        out.writeShort(fitsTwoOctets(ag.asn()) ? ag.asn() : OpenMessage.AS_TRANS);
                    }
                    out.writeInt(ag.address());
                }
            }
            case AttributeType.COMMUNITIES -> {
                Communities c = a.communities();
                if (!c.isEmpty()) {
                    header(flags, type, 4 * c.size(), out);
                    for (int i = 0; i < c.size(); i++) {
                        out.writeInt(c.get(i));
                    }
                }
            }
            case AttributeType.ORIGINATOR_ID -> {
                if (a.originatorId() != null) {
                    header(flags, type, 4, out);
                    out.writeInt(a.originatorId());
                }
            }
            case AttributeType.CLUSTER_LIST -> {
                ClusterList c = a.clusterList();
                if (!c.isEmpty()) {
                    header(flags, type, 4 * c.size(), out);
                    for (int i = 0; i < c.size(); i++) {
                        out.writeInt(c.get(i));
                    }
                }
            }
            case AttributeType.MP_REACH_NLRI, AttributeType.MP_UNREACH_NLRI -> {
                // written by writeUpdate, first
            }
            case AttributeType.EXTENDED_COMMUNITIES -> {
                ExtendedCommunities c = a.extendedCommunities();
                if (!c.isEmpty()) {
                    header(flags, type, 8 * c.size(), out);
                    for (int i = 0; i < c.size(); i++) {
                        out.writeLong(c.get(i));
                    }
                }
            }
            case AttributeType.AS4_PATH -> {
                if (!options.fourOctetAs() && a.asPath() != null && needsAs4(a.asPath())) {
                    AsPath as4 = withoutConfederations(a.asPath());
                    if (!as4.isEmpty()) {
                        writeAsPath(flags, type, as4, true, out);
                    }
                }
            }
            case AttributeType.AS4_AGGREGATOR -> {
                Aggregator ag = a.aggregator();
                if (!options.fourOctetAs() && ag != null && !fitsTwoOctets(ag.asn())) {
                    header(flags, type, 8, out);
                    out.writeInt(ag.asn());
                    out.writeInt(ag.address());
                }
            }
            case AttributeType.LARGE_COMMUNITY -> {
                List<LargeCommunity> l = a.largeCommunities();
                if (!l.isEmpty()) {
                    header(flags, type, 12 * l.size(), out);
                    for (LargeCommunity c : l) {
                        out.writeInt(c.globalAdmin());
                        out.writeInt(c.localData1());
                        out.writeInt(c.localData2());
                    }
                }
            }
            default -> throw new AssertionError("no encoder for known attribute type " + type);
        }
    }

    private static boolean needsAs4(AsPath path) {
        for (AsPathSegment s : path.segments()) {
            for (int i = 0; i < s.size(); i++) {
                if (!fitsTwoOctets(s.get(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** RFC 6793 §3: AS4_PATH carries no confederation segments. */
    private static AsPath withoutConfederations(AsPath path) {
        List<AsPathSegment> out = new ArrayList<>(path.segments().size());
        for (AsPathSegment s : path.segments()) {
            if (s.type() == AsPathSegment.Type.AS_SEQUENCE || s.type() == AsPathSegment.Type.AS_SET) {
                out.add(s);
            }
        }
        return out.size() == path.segments().size() ? path : new AsPath(out);
    }

    private static void writeAsPath(int flags, int type, AsPath path, boolean fourOctet, ByteBuf out) {
        int asSize = fourOctet ? 4 : 2;
        int length = 0;
        for (AsPathSegment s : path.segments()) {
            length += 2 + asSize * s.size();
        }
        header(flags, type, length, out);
        for (AsPathSegment s : path.segments()) {
            out.writeByte(s.type().code());
            out.writeByte(s.size());
            for (int i = 0; i < s.size(); i++) {
                int asn = s.get(i);
                if (fourOctet) {
                    out.writeInt(asn);
                } else {
                    out.writeShort(fitsTwoOctets(asn) ? asn : OpenMessage.AS_TRANS);
                }
            }
        }
    }

    private static void writeMpReach(MpReach r, CodecOptions options, ByteBuf out) {
        AddressFamily family = r.family();
        byte[] nextHop = nextHopBytes(r, options);
        int length = 5 + nextHop.length + prefixesLength(r.nlri(), family, options, "MP_REACH_NLRI");
        header(AttributeType.expectedFlags(AttributeType.MP_REACH_NLRI), AttributeType.MP_REACH_NLRI, length, out);
        out.writeShort(family.afi());
        out.writeByte(family.safi());
        out.writeByte(nextHop.length);
        out.writeBytes(nextHop);
        out.writeByte(0); // reserved
        writePrefixes(r.nlri(), family, options, out, "MP_REACH_NLRI");
    }

    private static void writeMpUnreach(MpUnreach u, CodecOptions options, ByteBuf out) {
        AddressFamily family = u.family();
        int length = 3 + prefixesLength(u.withdrawn(), family, options, "MP_UNREACH_NLRI");
        header(AttributeType.expectedFlags(AttributeType.MP_UNREACH_NLRI), AttributeType.MP_UNREACH_NLRI, length,
                out);
        out.writeShort(family.afi());
        out.writeByte(family.safi());
        writePrefixes(u.withdrawn(), family, options, out, "MP_UNREACH_NLRI");
    }

    /** The next hop field of MP_REACH_NLRI: 4 (IPv4), 16 (IPv6) or 32 (IPv6 global + link-local) bytes. */
    static byte[] nextHopBytes(MpReach r, CodecOptions options) {
        InetAddress nh = r.nextHop();
        InetAddress ll = r.linkLocalNextHop();
        AddressFamily family = r.family();
        if (nh instanceof Inet4Address) {
            if (family.afi() != AddressFamily.AFI_IPV4) {
                throw new IllegalArgumentException("MP_REACH_NLRI for " + family + " has IPv4 next hop "
                        + nh.getHostAddress() + "; it needs an IPv6 one");
            }
            if (ll != null) {
                throw new IllegalArgumentException("MP_REACH_NLRI with IPv4 next hop " + nh.getHostAddress()
                        + " cannot carry a link-local next hop");
            }
            return nh.getAddress();
        }
        if (!(nh instanceof Inet6Address)) {
            throw new IllegalArgumentException("MP_REACH_NLRI next hop " + nh + " is neither IPv4 nor IPv6");
        }
        if (family.afi() == AddressFamily.AFI_IPV4 && !options.allowsIpv6NextHop(family)) {
            throw new IllegalArgumentException("MP_REACH_NLRI for " + family + " has IPv6 next hop "
                    + nh.getHostAddress() + " but extended next hop (RFC 8950) was not negotiated for it");
        }
        if (ll == null) {
            return nh.getAddress();
        }
        if (!(ll instanceof Inet6Address)) {
            throw new IllegalArgumentException("link-local next hop " + ll.getHostAddress() + " is not IPv6");
        }
        byte[] both = new byte[32];
        System.arraycopy(nh.getAddress(), 0, both, 0, 16);
        System.arraycopy(ll.getAddress(), 0, both, 16, 16);
        return both;
    }

    /** Encoded size of one prefix: path id when sending ADD-PATH, length octet, address octets. */
    static int prefixLength(Prefix p, boolean pathId) {
        return (pathId ? 5 : 1) + (p.length() + 7) / 8;
    }

    static int prefixesLength(List<Prefix> prefixes, AddressFamily family, CodecOptions options, String where) {
        boolean pathId = options.sendsPathIds(family);
        int n = 0;
        for (Prefix p : prefixes) {
            n += prefixLength(p, pathId);
        }
        return n;
    }

    static void writePrefixes(List<Prefix> prefixes, AddressFamily family, CodecOptions options, ByteBuf out,
                              String where) {
        boolean pathId = options.sendsPathIds(family);
        for (Prefix p : prefixes) {
            if (!p.family().equals(family)) {
                throw new IllegalArgumentException(where + " of " + family + " cannot carry " + p.family()
                        + " prefix " + p);
            }
            writePrefix(p, pathId, out);
        }
    }

    static void writePrefix(Prefix p, boolean pathId, ByteBuf out) {
        if (pathId) {
            out.writeInt(p.pathId());
        }
        int len = p.length();
        out.writeByte(len);
        int octets = (len + 7) / 8;
        if (p instanceof Ipv4Prefix v4) {
            int a = v4.address();
            for (int i = 0; i < octets; i++) {
                out.writeByte(a >>> (24 - 8 * i));
            }
        } else if (p instanceof Ipv6Prefix v6) {
            for (int i = 0; i < octets; i++) {
                long half = i < 8 ? v6.high() : v6.low();
                out.writeByte((int) (half >>> (56 - 8 * (i & 7))));
            }
        }
    }
}
