package dev.podbgp.bgp.wire;

import static dev.podbgp.bgp.wire.NotificationMessage.OPEN_MESSAGE_ERROR;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * OPEN body (RFC 4271 §4.2) with its optional parameters, in the classic
 * form and the extended form of RFC 9072, and the capabilities in them
 * (RFC 5492). Checks what needs no configuration: version, hold time 1 or 2,
 * a zero BGP identifier, parameter types, capability lengths. Peer AS,
 * identifier collisions and required capabilities are the session's.
 * Structural errors inside the optional parameters have no subcode of their
 * own in RFC 4271 and get OPEN Message Error / 0 (unspecific).
 */
final class OpenDecoder {
    private OpenDecoder() {
    }

    private static final int UNSPECIFIC = 0;

    static OpenMessage decode(ByteBuf b, int p, int end) throws WireError {
        int version = b.getUnsignedByte(p);
        if (version != OpenMessage.VERSION) {
            // RFC 4271 §6.2: the data is the largest locally supported version, 2 octets.
            throw new WireError(OPEN_MESSAGE_ERROR, NotificationMessage.UNSUPPORTED_VERSION_NUMBER,
                    new byte[] {0, OpenMessage.VERSION}, "OPEN version " + version + " is not 4");
        }
        int myAs = b.getUnsignedShort(p + 1);
        int holdTime = b.getUnsignedShort(p + 3);
        int identifier = b.getInt(p + 5);
        int optLength = b.getUnsignedByte(p + 9);
        if (holdTime == 1 || holdTime == 2) {
            throw new WireError(OPEN_MESSAGE_ERROR, NotificationMessage.UNACCEPTABLE_HOLD_TIME, null,
                    "OPEN hold time " + holdTime + " s is not allowed (0 or at least 3, RFC 4271 §4.2)");
        }
        if (identifier == 0) {
            throw new WireError(OPEN_MESSAGE_ERROR, NotificationMessage.BAD_BGP_IDENTIFIER, null,
                    "OPEN BGP identifier is 0.0.0.0");
        }
        int q = p + 10;
        boolean extended = false;
        if (optLength == 255 && q < end && b.getUnsignedByte(q) == 255) {
            // RFC 9072: Non-Ext OP Type 255 announces a 2-octet Extended Opt. Parm. Length.
            if (end - q < 3) {
                throw malformed("OPEN extended optional parameters (RFC 9072) lack their length field");
            }
            optLength = b.getUnsignedShort(q + 1);
            q += 3;
            extended = true;
        }
        if (q + optLength != end) {
            throw malformed("OPEN optional parameters length " + optLength + " does not match the "
                    + (end - q) + " bytes after the fixed fields");
        }
        List<Capability> caps = new ArrayList<>();
        int hdr = extended ? 3 : 2;
        while (q < end) {
            if (end - q < hdr) {
                throw malformed("OPEN optional parameter at byte " + (q - p) + " is cut off after "
                        + (end - q) + " bytes");
            }
            int type = b.getUnsignedByte(q);
            int len = extended ? b.getUnsignedShort(q + 1) : b.getUnsignedByte(q + 1);
            int v = q + hdr;
            if (v + len > end) {
                throw malformed("OPEN optional parameter type " + type + " length " + len + " overruns the "
                        + (end - v) + " bytes left");
            }
            if (type != BgpEncoder.OPT_PARAM_CAPABILITIES) {
                throw new WireError(OPEN_MESSAGE_ERROR, NotificationMessage.UNSUPPORTED_OPTIONAL_PARAMETER, null,
                        "OPEN optional parameter type " + type + " is not supported (only 2, capabilities)");
            }
            parseCapabilities(b, v, v + len, caps);
            q = v + len;
        }
        OpenMessage open = new OpenMessage(version, myAs, holdTime, identifier, caps);
        if (myAs == 0 || open.asNumber() == 0) {
            // RFC 7607 §3: AS 0 in My AS or in the 4-octet AS capability is a Bad Peer AS.
            throw new WireError(OPEN_MESSAGE_ERROR, NotificationMessage.BAD_PEER_AS, null,
                    "OPEN " + (myAs == 0 ? "My AS" : "4-octet AS capability") + " is 0 (RFC 7607 §3)");
        }
        return open;
    }

    private static WireError malformed(String reason) {
        return new WireError(OPEN_MESSAGE_ERROR, UNSPECIFIC, null, reason);
    }

    private static void parseCapabilities(ByteBuf b, int p, int end, List<Capability> out) throws WireError {
        while (p < end) {
            if (end - p < 2) {
                throw malformed("capability header cut off: 1 byte left in the capabilities parameter");
            }
            int code = b.getUnsignedByte(p);
            int len = b.getUnsignedByte(p + 1);
            int v = p + 2;
            if (v + len > end) {
                throw malformed("capability " + code + " length " + len + " overruns its parameter by "
                        + (v + len - end) + " bytes");
            }
            out.add(capability(b, code, v, len));
            p = v + len;
        }
    }

    private static Capability capability(ByteBuf b, int code, int v, int len) throws WireError {
        switch (code) {
            case Capability.MULTIPROTOCOL -> {
                expect(code, "multiprotocol", len, len == 4, "4");
                return new Capability.Multiprotocol(AddressFamily.of(b.getUnsignedShort(v), b.getUnsignedByte(v + 3)));
            }
            case Capability.ROUTE_REFRESH -> {
                expect(code, "route refresh", len, len == 0, "0");
                return new Capability.RouteRefresh();
            }
            case Capability.ENHANCED_ROUTE_REFRESH -> {
                expect(code, "enhanced route refresh", len, len == 0, "0");
                return new Capability.EnhancedRouteRefresh();
            }
            case Capability.EXTENDED_MESSAGE -> {
                expect(code, "extended message", len, len == 0, "0");
                return new Capability.ExtendedMessage();
            }
            case Capability.EXTENDED_NEXT_HOP -> {
                expect(code, "extended next hop", len, len > 0 && len % 6 == 0, "a non-zero multiple of 6");
                List<Capability.ExtendedNextHop.Entry> entries = new ArrayList<>(len / 6);
                for (int i = v; i < v + len; i += 6) {
                    int safi = b.getUnsignedShort(i + 2);
                    if (safi > 255) {
                        throw malformed("extended next hop capability names SAFI " + safi + ", over 255");
                    }
                    entries.add(new Capability.ExtendedNextHop.Entry(AddressFamily.of(b.getUnsignedShort(i), safi),
                            b.getUnsignedShort(i + 4)));
                }
                return new Capability.ExtendedNextHop(entries);
            }
            case Capability.GRACEFUL_RESTART -> {
                expect(code, "graceful restart", len, len >= 2 && (len - 2) % 4 == 0, "2 plus a multiple of 4");
                int head = b.getUnsignedShort(v);
                List<Capability.GracefulRestart.Entry> families = new ArrayList<>((len - 2) / 4);
                for (int i = v + 2; i < v + len; i += 4) {
                    families.add(new Capability.GracefulRestart.Entry(
                            AddressFamily.of(b.getUnsignedShort(i), b.getUnsignedByte(i + 2)),
                            (b.getUnsignedByte(i + 3) & 0x80) != 0));
                }
                return new Capability.GracefulRestart((head & 0x8000) != 0, (head & 0x4000) != 0, head & 0x0FFF,
                        families);
            }
            case Capability.FOUR_OCTET_AS -> {
                expect(code, "4-octet AS", len, len == 4, "4");
                return new Capability.FourOctetAs(b.getInt(v));
            }
            case Capability.ADD_PATH -> {
                expect(code, "ADD-PATH", len, len > 0 && len % 4 == 0, "a non-zero multiple of 4");
                List<Capability.AddPath.Entry> entries = new ArrayList<>(len / 4);
                for (int i = v; i < v + len; i += 4) {
                    int bits = b.getUnsignedByte(i + 3);
                    Capability.AddPath.Direction d = Capability.AddPath.Direction.valueOf(bits);
                    if (d == null) {
                        throw malformed("ADD-PATH capability Send/Receive value " + bits + " is not 1, 2 or 3");
                    }
                    entries.add(new Capability.AddPath.Entry(
                            AddressFamily.of(b.getUnsignedShort(i), b.getUnsignedByte(i + 2)), d));
                }
                return new Capability.AddPath(entries);
            }
            case Capability.LONG_LIVED_GRACEFUL_RESTART -> {
                expect(code, "long-lived graceful restart", len, len % 7 == 0, "a multiple of 7");
                List<Capability.LongLivedGracefulRestart.Entry> entries = new ArrayList<>(len / 7);
                for (int i = v; i < v + len; i += 7) {
                    entries.add(new Capability.LongLivedGracefulRestart.Entry(
                            AddressFamily.of(b.getUnsignedShort(i), b.getUnsignedByte(i + 2)),
                            (b.getUnsignedByte(i + 3) & 0x80) != 0, b.getUnsignedMedium(i + 4)));
                }
                return new Capability.LongLivedGracefulRestart(entries);
            }
            case Capability.FQDN -> {
                int end = v + len;
                if (len < 1 || v + 1 + b.getUnsignedByte(v) >= end) {
                    throw malformed("FQDN capability of " + len + " bytes: host name length overruns it");
                }
                int hostLen = b.getUnsignedByte(v);
                int d = v + 1 + hostLen;
                int domainLen = b.getUnsignedByte(d);
                if (d + 1 + domainLen != end) {
                    throw malformed("FQDN capability of " + len + " bytes does not hold host name (" + hostLen
                            + ") and domain name (" + domainLen + ") exactly");
                }
                // ISO-8859-1 keeps every octet, so what we received re-encodes byte for byte.
                return new Capability.Fqdn(b.toString(v + 1, hostLen, StandardCharsets.ISO_8859_1),
                        b.toString(d + 1, domainLen, StandardCharsets.ISO_8859_1));
            }
            default -> {
                byte[] value = new byte[len];
                b.getBytes(v, value);
                return new Capability.Unknown(code, value);
            }
        }
    }

    private static void expect(int code, String name, int len, boolean ok, String expected) throws WireError {
        if (!ok) {
            throw malformed(name + " capability (" + code + ") length " + len + " is not " + expected);
        }
    }

    static String hex(ByteBuf b, int p, int len) {
        return ByteBufUtil.hexDump(b, p, len);
    }
}
