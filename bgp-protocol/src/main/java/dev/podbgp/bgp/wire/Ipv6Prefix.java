package dev.podbgp.bgp.wire;

/** An IPv6 prefix; {@code high} and {@code low} hold the 128 address bits, most significant first. */
public record Ipv6Prefix(long high, long low, int length, int pathId) implements Prefix {

    public Ipv6Prefix {
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("IPv6 prefix length " + length + " is outside 0..128");
        }
        if ((high & ~maskHigh(length)) != 0 || (low & ~maskLow(length)) != 0) {
            throw new IllegalArgumentException("IPv6 prefix " + Ipv6.format(high, low) + "/" + length
                    + " has host bits set (did you mean "
                    + Ipv6.format(high & maskHigh(length), low & maskLow(length)) + "/" + length + "?)");
        }
    }

    public Ipv6Prefix(long high, long low, int length) {
        this(high, low, length, 0);
    }

    public static long maskHigh(int length) {
        return length >= 64 ? -1L : length == 0 ? 0L : -1L << (64 - length);
    }

    public static long maskLow(int length) {
        return length <= 64 ? 0L : length == 128 ? -1L : -1L << (128 - length);
    }

    public static Ipv6Prefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IPv6 prefix (expected addr/len)");
        }
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" has no valid prefix length");
        }
        long[] a = Ipv6.parse(text.substring(0, slash));
        return new Ipv6Prefix(a[0], a[1], length, 0);
    }

    @Override
    public AddressFamily family() {
        return AddressFamily.IPV6_UNICAST;
    }

    @Override
    public Ipv6Prefix withPathId(int pathId) {
        return new Ipv6Prefix(high, low, length, pathId);
    }

    public boolean contains(Ipv6Prefix other) {
        return other.length >= length
                && (other.high & maskHigh(length)) == high
                && (other.low & maskLow(length)) == low;
    }

    @Override
    public String toString() {
        String s = Ipv6.format(high, low) + "/" + length;
        return pathId == 0 ? s : s + " path-id " + Integer.toUnsignedString(pathId);
    }
}
