package dev.podbgp.fib.route;

import dev.podbgp.fib.netlink.Rtnl;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 prefix with its host bits zero. */
public record IpPrefix(InetAddress address, int length) {

    public IpPrefix {
        if (address == null) {
            throw new IllegalArgumentException("prefix address is null");
        }
        int max = address.getAddress().length * 8;
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " out of range 0.." + max + " for "
                    + IpPrefix.text(address));
        }
        byte[] b = address.getAddress();
        for (int bit = length; bit < max; bit++) {
            if ((b[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                throw new IllegalArgumentException("prefix " + IpPrefix.text(address) + "/" + length
                        + " has host bits set");
            }
        }
    }

    /** Parses "10.0.0.0/24" or "2001:db8::/64"; only literals, never a name lookup. */
    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("prefix \"" + text + "\" lacks /length");
        }
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("prefix \"" + text + "\" has a bad length", e);
        }
        return new IpPrefix(literal(text.substring(0, slash), "prefix \"" + text + "\""), length);
    }

    /** An IP address literal; refuses anything that would need DNS. */
    public static InetAddress literal(String text, String where) {
        if (text.isEmpty() || !(text.indexOf(':') >= 0 || text.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            throw new IllegalArgumentException(where + ": \"" + text + "\" is not an IP address literal");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(where + ": \"" + text + "\" is not an IP address literal", e);
        }
    }

    public static IpPrefix of(byte[] address, int length) {
        try {
            return new IpPrefix(InetAddress.getByAddress(address), length);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + address.length + " bytes", e);
        }
    }

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /** AF_INET or AF_INET6. */
    public int family() {
        return address instanceof Inet4Address ? Rtnl.AF_INET : Rtnl.AF_INET6;
    }

    /**
     * Mixed, because prefixes of one length differ only in their high bits and the default
     * 31-multiplier record hash would crowd them into few HashMap buckets.
     */
    @Override
    public int hashCode() {
        int h = address.hashCode() * 0x9E3779B9 + length;
        return h ^ (h >>> 15);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpPrefix p && length == p.length && address.equals(p.address);
    }

    @Override
    public String toString() {
        return text(address) + "/" + length;
    }

    /** An address as iproute2 prints it: IPv6 in RFC 5952 form (longest zero run as "::"). */
    public static String text(InetAddress a) {
        if (!(a instanceof Inet6Address)) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
