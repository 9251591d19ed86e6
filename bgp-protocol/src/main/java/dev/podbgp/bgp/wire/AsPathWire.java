package dev.podbgp.bgp.wire;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * AS_PATH and AS4_PATH on the wire (RFC 4271 §4.3, RFC 6793): segments with
 * AS numbers of 2 or 4 octets, the RFC 7606 §7.2 malformations on read, and
 * the AS_TRANS substitution on write.
 */
final class AsPathWire {
    private AsPathWire() {
    }

    /** A malformed AS_PATH or AS4_PATH; the message says how. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** AS_PATH segments (RFC 4271 §4.3) with AS numbers of {@code asSize} octets; RFC 7606 §7.2 malformations. */
    static AsPath read(ByteBuf b, int p, int length, int asSize) throws Malformed {
        int end = p + length;
        if (p == end) {
            return AsPath.EMPTY;
        }
        List<AsPathSegment> segments = new ArrayList<>(2);
        while (p < end) {
            if (end - p < 2) {
                throw new Malformed("1 byte left where a segment header needs 2");
            }
            int typeCode = b.getUnsignedByte(p);
            int count = b.getUnsignedByte(p + 1);
            AsPathSegment.Type type = AsPathSegment.Type.valueOf(typeCode);
            if (type == null) {
                throw new Malformed("segment type " + typeCode + " is undefined");
            }
            if (count == 0) {
                throw new Malformed("a segment has length 0");
            }
            p += 2;
            if (p + count * asSize > end) {
                throw new Malformed("a segment of " + count + " AS numbers needs " + count * asSize
                        + " bytes, " + (end - p) + " are left");
            }
            int[] asns = new int[count];
            for (int i = 0; i < count; i++) {
                asns[i] = asSize == 4 ? b.getInt(p) : b.getUnsignedShort(p);
                p += asSize;
            }
            segments.add(new AsPathSegment(type, asns));
        }
        return new AsPath(segments);
    }

    static boolean fitsTwoOctets(int asn) {
        return Integer.compareUnsigned(asn, 0xFFFF) <= 0;
    }
    static boolean needsAs4(AsPath path) {
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
    static AsPath withoutConfederations(AsPath path) {
        List<AsPathSegment> out = new ArrayList<>(path.segments().size());
        for (AsPathSegment s : path.segments()) {
            if (s.type() == AsPathSegment.Type.AS_SEQUENCE || s.type() == AsPathSegment.Type.AS_SET) {
                out.add(s);
            }
        }
        return out.size() == path.segments().size() ? path : new AsPath(out);
    }
    static void write(int flags, int type, AsPath path, boolean fourOctet, ByteBuf out) {
        int asSize = fourOctet ? 4 : 2;
        int length = 0;
        for (AsPathSegment s : path.segments()) {
            length += 2 + asSize * s.size();
        }
        UpdateEncoder.header(flags, type, length, out);
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
}
