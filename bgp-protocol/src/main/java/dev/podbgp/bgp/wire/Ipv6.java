package dev.podbgp.bgp.wire;

import java.net.Inet6Address;
import java.net.UnknownHostException;

/** IPv6 addresses as two longs: strict parsing, no DNS, and RFC 5952 formatting. */
public final class Ipv6 {
    private Ipv6() {
    }

    /** Parses an IPv6 literal (with {@code ::} and an embedded dotted quad); returns {high, low}. */
    public static long[] parse(String text) {
        IllegalArgumentException bad = new IllegalArgumentException("\"" + text + "\" is not an IPv6 address");
        if (text.isEmpty() || text.indexOf('%') >= 0) {
            throw bad;
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        int n = text.length();
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (text.startsWith(":")) {
            throw bad;
        }
        while (i < n) {
            int start = i;
            int group = 0;
            while (i < n && Character.digit(text.charAt(i), 16) >= 0 && i - start < 4) {
                group = group << 4 | Character.digit(text.charAt(i), 16);
                i++;
            }
            if (i < n && text.charAt(i) == '.') {
                // Embedded IPv4 in the last 32 bits.
                if (count > 6) {
                    throw bad;
                }
                int v4 = Ipv4.parse(text.substring(start));
                groups[count++] = v4 >>> 16;
                groups[count++] = v4 & 0xFFFF;
                i = n;
                break;
            }
            if (i == start || count == 8) {
                throw bad;
            }
            groups[count++] = group;
            if (i == n) {
                break;
            }
            if (text.charAt(i) != ':') {
                throw bad;
            }
            i++;
            if (i < n && text.charAt(i) == ':') {
                if (gap >= 0) {
                    throw bad;
                }
                gap = count;
                i++;
            } else if (i == n) {
                throw bad;
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            throw bad;
        }
        int[] full = new int[8];
        if (gap < 0) {
            full = groups;
        } else {
            System.arraycopy(groups, 0, full, 0, gap);
            int tail = count - gap;
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        }
        long high = 0;
        long low = 0;
        for (int g = 0; g < 4; g++) {
            high = high << 16 | full[g];
            low = low << 16 | full[g + 4];
        }
        return new long[] {high, low};
    }

    /** RFC 5952 text: lowercase, longest run of two or more zero groups as {@code ::}. */
    public static String format(long high, long low) {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (high >>> (48 - 16 * i)) & 0xFFFF;
            g[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xFFFF;
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
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

    public static Inet6Address toInet(long high, long low) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (high >>> (56 - 8 * i));
            b[i + 8] = (byte) (low >>> (56 - 8 * i));
        }
        try {
            // Inet6Address.getByAddress keeps IPv4-mapped addresses IPv6, unlike InetAddress.getByAddress.
            return Inet6Address.getByAddress(null, b, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are always a valid IPv6 address", e);
        }
    }

    /** {high, low} of an IPv6 address. */
    public static long[] fromInet(Inet6Address address) {
        byte[] b = address.getAddress();
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = high << 8 | (b[i] & 0xFF);
            low = low << 8 | (b[i + 8] & 0xFF);
        }
        return new long[] {high, low};
    }

    /** Whether the address is link-local unicast (fe80::/10). */
    public static boolean isLinkLocal(long high) {
        return (high >>> 54) == 0x3FA;
    }
}
