package dev.podbgp.bgp.wire;

import io.netty.buffer.ByteBuf;

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

    /**
     * AS_PATH segments (RFC 4271 §4.3) with AS numbers of {@code asSize} octets; RFC 7606 §7.2 malformations.
     * Two passes, one to check the headers and count, one to fill the path's single array: every UPDATE
     * carries a path, and the RIB keeps one per attribute set.
     */
    static AsPath read(ByteBuf b, int p, int length, int asSize) throws Malformed {
        int end = p + length;
        int words = 0;
        for (int q = p; q < end; ) {
            if (end - q < 2) {
                throw new Malformed("1 byte left where a segment header needs 2");
            }
            int typeCode = b.getUnsignedByte(q);
            int count = b.getUnsignedByte(q + 1);
            if (AsPathSegment.Type.valueOf(typeCode) == null) {
                throw new Malformed("segment type " + typeCode + " is undefined");
            }
            if (count == 0) {
                throw new Malformed("a segment has length 0");
            }
            q += 2;
            if (q + count * asSize > end) {
                throw new Malformed("a segment of " + count + " AS numbers needs " + count * asSize
                        + " bytes, " + (end - q) + " are left");
            }
            q += count * asSize;
            words += 1 + count;
        }
        int[] w = new int[words];
        int i = 0;
        for (int q = p; q < end; ) {
            int count = b.getUnsignedByte(q + 1);
            w[i++] = AsPath.header(b.getUnsignedByte(q), count);
            q += 2;
            for (int k = 0; k < count; k++) {
                w[i++] = asSize == 4 ? b.getInt(q) : b.getUnsignedShort(q);
                q += asSize;
            }
        }
        return AsPath.ofWords(w);
    }

    /** RFC 5065 §5.3: confederation segments from outside the confederation make AS_PATH malformed. */
    static void rejectConfederations(AsPath path) throws Malformed {
        int[] w = path.words();
        for (int i = 0; i < w.length; i += 1 + AsPath.size(w[i])) {
            if (AsPath.isConfederation(w[i])) {
                throw new Malformed("it holds confederation segment " + path.segmentAt(i) + " from an external peer");
            }
        }
    }

    static boolean fitsTwoOctets(int asn) {
        return Integer.compareUnsigned(asn, 0xFFFF) <= 0;
    }

    static boolean needsAs4(AsPath path) {
        int[] w = path.words();
        for (int i = 0; i < w.length; i += 1 + AsPath.size(w[i])) {
            for (int k = i + 1, end = i + 1 + AsPath.size(w[i]); k < end; k++) {
                if (!fitsTwoOctets(w[k])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** RFC 6793 §3: AS4_PATH carries no confederation segments. */
    static AsPath withoutConfederations(AsPath path) {
        int[] w = path.words();
        int kept = 0;
        for (int i = 0; i < w.length; i += 1 + AsPath.size(w[i])) {
            if (!AsPath.isConfederation(w[i])) {
                kept += 1 + AsPath.size(w[i]);
            }
        }
        if (kept == w.length) {
            return path;
        }
        int[] out = new int[kept];
        int n = 0;
        for (int i = 0; i < w.length; i += 1 + AsPath.size(w[i])) {
            if (!AsPath.isConfederation(w[i])) {
                System.arraycopy(w, i, out, n, 1 + AsPath.size(w[i]));
                n += 1 + AsPath.size(w[i]);
            }
        }
        return AsPath.ofWords(out);
    }

    static void write(int flags, int type, AsPath path, boolean fourOctet, ByteBuf out) {
        int[] w = path.words();
        int asSize = fourOctet ? 4 : 2;
        int length = 0;
        for (int i = 0; i < w.length; i += 1 + AsPath.size(w[i])) {
            length += 2 + asSize * AsPath.size(w[i]);
        }
        UpdateEncoder.header(flags, type, length, out);
        for (int i = 0; i < w.length; i += 1 + AsPath.size(w[i])) {
            out.writeByte(AsPath.typeCode(w[i]));
            out.writeByte(AsPath.size(w[i]));
            for (int k = i + 1, end = i + 1 + AsPath.size(w[i]); k < end; k++) {
                int asn = w[k];
                if (fourOctet) {
                    out.writeInt(asn);
                } else {
                    out.writeShort(fitsTwoOctets(asn) ? asn : OpenMessage.AS_TRANS);
                }
            }
        }
    }
}
