package dev.podbgp.bgp.wire;

import static dev.podbgp.bgp.wire.AttributeType.FLAG_EXTENDED_LENGTH;
import static dev.podbgp.bgp.wire.AttributeType.FLAG_OPTIONAL;
import static dev.podbgp.bgp.wire.AttributeType.FLAG_PARTIAL;
import static dev.podbgp.bgp.wire.AttributeType.FLAG_TRANSITIVE;

import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

/**
 * UPDATE body (RFC 4271 §4.3): withdrawn routes, path attributes (MP_REACH_NLRI
 * and MP_UNREACH_NLRI first, RFC 7606 §5.1, then by type code) and NLRI.
 * Towards a 2-octet AS peer, AS numbers over 65535 become AS_TRANS and travel
 * in AS4_PATH / AS4_AGGREGATOR (RFC 6793 §4.2.2).
 */
final class UpdateEncoder {
    private UpdateEncoder() {
    }


    static void write(UpdateMessage m, CodecOptions options, ByteBuf out) {
        int wStart = out.writerIndex();
        out.writeShort(0);
        Nlri.write(m.withdrawn(), AddressFamily.IPV4_UNICAST, options, out, "withdrawn routes");
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
        Nlri.write(m.nlri(), AddressFamily.IPV4_UNICAST, options, out, "NLRI");
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

    static void header(int flags, int type, int length, ByteBuf out) {
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
                    AsPathWire.write(flags, type, a.asPath(), options.fourOctetAs(), out);
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
                        out.writeShort(AsPathWire.fitsTwoOctets(ag.asn()) ? ag.asn() : OpenMessage.AS_TRANS);
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
                if (!options.fourOctetAs() && a.asPath() != null && AsPathWire.needsAs4(a.asPath())) {
                    AsPath as4 = AsPathWire.withoutConfederations(a.asPath());
                    if (!as4.isEmpty()) {
                        AsPathWire.write(flags, type, as4, true, out);
                    }
                }
            }
            case AttributeType.AS4_AGGREGATOR -> {
                Aggregator ag = a.aggregator();
                if (!options.fourOctetAs() && ag != null && !AsPathWire.fitsTwoOctets(ag.asn())) {
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




    private static void writeMpReach(MpReach r, CodecOptions options, ByteBuf out) {
        AddressFamily family = r.family();
        byte[] nextHop = nextHopBytes(r, options);
        int length = 5 + nextHop.length + Nlri.length(r.nlri(), family, options);
        header(AttributeType.expectedFlags(AttributeType.MP_REACH_NLRI), AttributeType.MP_REACH_NLRI, length, out);
        out.writeShort(family.afi());
        out.writeByte(family.safi());
        out.writeByte(nextHop.length);
        out.writeBytes(nextHop);
        out.writeByte(0); // reserved
        Nlri.write(r.nlri(), family, options, out, "MP_REACH_NLRI");
    }

    private static void writeMpUnreach(MpUnreach u, CodecOptions options, ByteBuf out) {
        AddressFamily family = u.family();
        int length = 3 + Nlri.length(u.withdrawn(), family, options);
        header(AttributeType.expectedFlags(AttributeType.MP_UNREACH_NLRI), AttributeType.MP_UNREACH_NLRI, length,
                out);
        out.writeShort(family.afi());
        out.writeByte(family.safi());
        Nlri.write(u.withdrawn(), family, options, out, "MP_UNREACH_NLRI");
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
}
