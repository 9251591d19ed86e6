package dev.podbgp.bgp.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * OPEN body (RFC 4271 §4.2) and capability values (RFC 5492 and each
 * capability's RFC). All capabilities share one Capabilities parameter while
 * they fit 255 bytes; beyond that the parameters use the extended form of RFC 9072.
 */
final class OpenEncoder {
    private OpenEncoder() {
    }


    static void write(OpenMessage m, ByteBuf out) {
        out.writeByte(m.version());
        out.writeShort(m.myAutonomousSystem());
        out.writeShort(m.holdTime());
        out.writeInt(m.bgpIdentifier());
        // Capabilities go into Capabilities parameters of at most 255 bytes each.
        List<byte[]> params = new ArrayList<>();
        ByteBuf param = Unpooled.buffer(64);
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
        ByteBuf b = Unpooled.buffer(16);
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
}
