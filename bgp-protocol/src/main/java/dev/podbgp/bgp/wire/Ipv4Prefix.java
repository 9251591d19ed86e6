package dev.podbgp.bgp.wire;

/** An IPv4 prefix; {@code address} holds the network in network byte order as an int. */
public record Ipv4Prefix(int address, int length, int pathId) implements Prefix {

    public Ipv4Prefix {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("IPv4 prefix length " + length + " is outside 0..32");
        }
        if ((address & ~mask(length)) != 0) {
            throw new IllegalArgumentException("IPv4 prefix " + Ipv4.format(address) + "/" + length
                    + " has host bits set (did you mean " + Ipv4.format(address & mask(length)) + "/" + length + "?)");
        }
    }

    public Ipv4Prefix(int address, int length) {
        this(address, length, 0);
    }

    /** The netmask of a prefix length, e.g. 0xFFFFFF00 for 24. */
    public static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    public static Ipv4Prefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IPv4 prefix (expected a.b.c.d/len)");
        }
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" has no valid prefix length");
        }
        return new Ipv4Prefix(Ipv4.parse(text.substring(0, slash)), length, 0);
    }

    @Override
    public AddressFamily family() {
        return AddressFamily.IPV4_UNICAST;
    }

    @Override
    public Ipv4Prefix withPathId(int pathId) {
        return new Ipv4Prefix(address, length, pathId);
    }

    /** Whether {@code other} lies inside this prefix (equal counts). */
    public boolean contains(Ipv4Prefix other) {
        return other.length >= length && (other.address & mask(length)) == address;
    }

    /**
     * Mixes all bits: the record default hashes the fields with small multipliers, and addresses of
     * /24s differ only above bit 8, so hash tables keyed by prefixes collided into long chains.
     */
    @Override
    public int hashCode() {
        // MurmurHash3's 64-bit finaliser over all three fields.
        long k = ((long) address << 32 | (pathId & 0xFFFFFFFFL)) ^ ((long) length << 58);
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return (int) k;
    }

    @Override
    public String toString() {
        String s = Ipv4.format(address) + "/" + length;
        return pathId == 0 ? s : s + " path-id " + Integer.toUnsignedString(pathId);
    }
}
