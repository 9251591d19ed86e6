package dev.podbgp.bgp.wire;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Prefixes on the wire (RFC 4271 §4.3, RFC 4760 §5): a length octet and as
 * few address octets as it needs, with a 4-octet path identifier in front
 * where ADD-PATH is in use (RFC 7911 §3).
 */
final class Nlri {
    private Nlri() {
    }

    /** A syntax error in a prefix field; the message names the family, the position and the value. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reads prefixes of {@code family} between {@code p} and {@code end}; {@code base}
     * is where the message starts, for byte positions in errors. A first pass
     * checks the syntax and counts, so the second allocates the prefix values and one
     * array of exactly their number (none for one or two), nothing else per prefix.
     * A prefix longer than the family allows, or one that overruns the field, is
     * {@link Malformed}. Three or more IPv4 prefixes come packed in an {@link Ipv4PrefixList}.
     */
    static List<Prefix> read(ByteBuf b, int p, int end, AddressFamily family, boolean pathIds, int base)
            throws Malformed {
        if (p == end) {
            return List.of();
        }
        boolean v4 = family.afi() == AddressFamily.AFI_IPV4;
        int max = v4 ? 32 : 128;
        int head = pathIds ? 5 : 1;
        int count = 0;
        for (int q = p; q < end; count++) {
            if (end - q < head) {
                throw new Malformed(family + ": ADD-PATH prefix at byte " + (q - base) + " is cut off ("
                        + (end - q) + " bytes left, path id and length need 5)");
            }
            int length = b.getUnsignedByte(q + head - 1);
            if (length > max) {
                throw new Malformed(family + ": prefix length " + length + " at byte " + (q + head - 1 - base)
                        + " exceeds " + max);
            }
            int octets = (length + 7) >>> 3;
            if (q + head + octets > end) {
                throw new Malformed(family + ": prefix /" + length + " at byte " + (q + head - 1 - base) + " needs "
                        + octets + " address bytes, " + (end - q - head) + " are left");
            }
            q += head + octets;
        }
        if (count == 1) {
            return List.of(prefix(b, p, v4, pathIds));
        }
        if (count == 2) {
            Prefix first = prefix(b, p, v4, pathIds);
            return List.of(first, prefix(b, p + head + ((first.length() + 7) >>> 3), v4, pathIds));
        }
        if (v4) {
            return readV4(b, p, count, pathIds);
        }
        Prefix[] out = new Prefix[count];
        for (int n = 0; n < count; n++) {
            Prefix prefix = prefix(b, p, v4, pathIds);
            out[n] = prefix;
            p += head + ((prefix.length() + 7) >>> 3);
        }
        // Handed over, not copied: UpdateMessage, MpReach and MpUnreach keep this list as it is.
        return PrefixList.own(out);
    }

    /** {@code count} IPv4 prefixes from {@code p}, whose syntax {@link #read} has checked, packed. */
    private static Ipv4PrefixList readV4(ByteBuf b, int p, int count, boolean pathIds) {
        int[] addresses = new int[count];
        byte[] lengths = new byte[count];
        int[] ids = pathIds ? new int[count] : null;
        for (int n = 0; n < count; n++) {
            if (pathIds) {
                ids[n] = b.getInt(p);
                p += 4;
            }
            int length = b.getUnsignedByte(p++);
            addresses[n] = v4Address(b, p, length);
            lengths[n] = (byte) length;
            p += (length + 7) >>> 3;
        }
        return new Ipv4PrefixList(addresses, lengths, ids);
    }

    /** The address octets of an IPv4 prefix of {@code length} bits at {@code p}, trailing bits cleared. */
    private static int v4Address(ByteBuf b, int p, int length) {
        int a = 0;
        for (int i = 0, octets = (length + 7) >>> 3; i < octets; i++) {
            a |= b.getUnsignedByte(p + i) << (24 - 8 * i);
        }
        // RFC 4271 §4.3: trailing bits are irrelevant; clear them.
        return a & Ipv4Prefix.mask(length);
    }

    /** The prefix at {@code p}, whose syntax {@link #read} has checked. */
    private static Prefix prefix(ByteBuf b, int p, boolean v4, boolean pathIds) {
        int pathId = 0;
        if (pathIds) {
            pathId = b.getInt(p);
            p += 4;
        }
        int length = b.getUnsignedByte(p++);
        int octets = (length + 7) >>> 3;
        if (v4) {
            return new Ipv4Prefix(v4Address(b, p, length), length, pathId);
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < octets; i++) {
            long octet = b.getUnsignedByte(p + i);
            if (i < 8) {
                high |= octet << (56 - 8 * i);
            } else {
                low |= octet << (56 - 8 * (i - 8));
            }
        }
        return new Ipv6Prefix(high & Ipv6Prefix.maskHigh(length), low & Ipv6Prefix.maskLow(length), length, pathId);
    }

    /** Encoded size of one prefix: path id when sending ADD-PATH, length octet, address octets. */
    static int length(Prefix p, boolean pathId) {
        return length(p.length(), pathId);
    }

    /** Encoded size of a prefix of {@code bits} bits. */
    private static int length(int bits, boolean pathId) {
        return (pathId ? 5 : 1) + (bits + 7) / 8;
    }

    static int length(List<Prefix> prefixes, AddressFamily family, CodecOptions options) {
        boolean pathId = options.sendsPathIds(family);
        int n = 0;
        // Indexed: an iterator per UPDATE sent adds up over a full table (the lists are RandomAccess).
        if (prefixes instanceof Ipv4PrefixList v) {
            for (int i = 0, size = v.size(); i < size; i++) {
                n += length(v.length(i), pathId);
            }
            return n;
        }
        for (int i = 0, size = prefixes.size(); i < size; i++) {
            n += length(prefixes.get(i), pathId);
        }
        return n;
    }

    static void write(List<Prefix> prefixes, AddressFamily family, CodecOptions options, ByteBuf out,
                      String where) {
        boolean pathId = options.sendsPathIds(family);
        if (prefixes instanceof Ipv4PrefixList v && family.afi() == AddressFamily.AFI_IPV4) {
            for (int i = 0, size = v.size(); i < size; i++) {
                writeV4(v.pathId(i), v.length(i), v.address(i), pathId, out);
            }
            return;
        }
        for (int i = 0, size = prefixes.size(); i < size; i++) {
            Prefix p = prefixes.get(i);
            if (!p.family().equals(family)) {
                throw new IllegalArgumentException(where + " of " + family + " cannot carry " + p.family()
                        + " prefix " + p);
            }
            writePrefix(p, pathId, out);
        }
    }

    private static void writeV4(int id, int len, int address, boolean pathId, ByteBuf out) {
        if (pathId) {
            out.writeInt(id);
        }
        out.writeByte(len);
        for (int i = 0, octets = (len + 7) / 8; i < octets; i++) {
            out.writeByte(address >>> (24 - 8 * i));
        }
    }

    static void writePrefix(Prefix p, boolean pathId, ByteBuf out) {
        if (p instanceof Ipv4Prefix v4) {
            writeV4(v4.pathId(), v4.length(), v4.address(), pathId, out);
            return;
        }
        if (pathId) {
            out.writeInt(p.pathId());
        }
        int len = p.length();
        out.writeByte(len);
        int octets = (len + 7) / 8;
        if (p instanceof Ipv6Prefix v6) {
            for (int i = 0; i < octets; i++) {
                long half = i < 8 ? v6.high() : v6.low();
                out.writeByte((int) (half >>> (56 - 8 * (i & 7))));
            }
        }
    }
}
