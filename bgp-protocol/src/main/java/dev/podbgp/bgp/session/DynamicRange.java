package dev.podbgp.bgp.session;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Dynamic neighbours: any address inside {@code prefix} may connect, and
 * gets a passive session built from {@code template} (whose address is
 * replaced). How a route reflector serves every node of a subnet.
 *
 * @param name label; sessions are named {@code name/address}
 * @param network the range's network address
 * @param length the prefix length
 * @param template settings for every neighbour of the range
 * @param limit most neighbours accepted from this range at once
 */
public record DynamicRange(String name, InetAddress network, int length, PeerConfig template, int limit) {

    public DynamicRange {
        int bits = network instanceof Inet4Address ? 32 : 128;
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("dynamic range " + name + ": prefix length " + length
                    + " is outside 0.." + bits);
        }
        byte[] a = network.getAddress();
        for (int i = 0; i < bits; i++) {
            if (i >= length && (a[i / 8] >> (7 - i % 8) & 1) != 0) {
                throw new IllegalArgumentException("dynamic range " + name + ": " + network.getHostAddress() + "/"
                        + length + " has host bits set");
            }
        }
        if (limit < 1) {
            throw new IllegalArgumentException("dynamic range " + name + ": neighbour limit " + limit + " must be positive");
        }
    }

    /** Parses {@code 10.0.0.0/24} or {@code 2001:db8::/64} (literal addresses only, no DNS). */
    public static DynamicRange of(String name, String cidr, PeerConfig template, int limit) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("dynamic range " + name + ": \"" + cidr + "\" is not address/length");
        }
        InetAddress net = literal(name, cidr.substring(0, slash));
        int len;
        try {
            len = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dynamic range " + name + ": \"" + cidr + "\" has no valid prefix length");
        }
        return new DynamicRange(name, net, len, template, limit);
    }

    private static InetAddress literal(String name, String text) {
        boolean ok = text.indexOf(':') >= 0 || text.chars().allMatch(ch -> ch == '.' || Character.isDigit(ch));
        if (!ok || text.isEmpty()) {
            throw new IllegalArgumentException("dynamic range " + name + ": \"" + text + "\" is not an IP address");
        }
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("dynamic range " + name + ": \"" + text + "\" is not an IP address");
        }
    }

    /** Whether {@code address} lies inside this range. */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            int bit = 7 - i % 8;
            if ((a[i / 8] >> bit & 1) != (n[i / 8] >> bit & 1)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name + " " + network.getHostAddress() + "/" + length;
    }
}
