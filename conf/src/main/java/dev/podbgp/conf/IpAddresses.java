package dev.podbgp.conf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Parses and prints IP address literals. Never resolves names: configuration
 * must not depend on DNS, and {@link InetAddress#getByName} would look up
 * anything that is not a literal.
 */
public final class IpAddresses {
    private IpAddresses() {
    }

    /** Parses an IPv4 or IPv6 literal (no zone, no brackets, no IPv4-mapped form). */
    public static InetAddress parse(String text) {
        if (text.indexOf(':') >= 0) {
            return parseV6(text);
        }
        return parseV4(text);
    }

    /** Parses a dotted-quad IPv4 literal: four decimal octets 0..255, no leading zeros. */
    public static Inet4Address parseV4(String text) {
        byte[] bytes = v4Bytes(text);
        if (bytes == null) {
            throw InvalidValueException.notA(text, "an IP address", "IPv4 like 192.0.2.1 or IPv6 like 2001:db8::1");
        }
        return (Inet4Address) byAddress(bytes);
    }

    private static byte[] v4Bytes(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                char c = p.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            bytes[i] = (byte) v;
        }
        return bytes;
    }

    private static Inet6Address parseV6(String text) {
        // Only hex digits, colons and dots: this keeps getByName on its literal
        // path (a string with ':' is never looked up) and rules out zones ("%eth0").
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                    || c == ':' || c == '.';
            if (!ok) {
                throw InvalidValueException.notA(text, "an IPv6 address", "an address like 2001:db8::1, without zone or brackets");
            }
        }
        InetAddress a;
        try {
            a = InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw InvalidValueException.notA(text, "an IPv6 address", "an address like 2001:db8::1");
        }
        if (a instanceof Inet6Address v6) {
            return v6;
        }
        // Java folds ::ffff:a.b.c.d into an Inet4Address; say so instead of silently changing family.
        throw new InvalidValueException(InvalidValueException.quote(text)
                + " is an IPv4-mapped IPv6 address (expected the plain IPv4 address " + a.getHostAddress() + ")");
    }

    static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + bytes.length + " bytes", e);
        }
    }

    /** Canonical text: dotted quad, or RFC 5952 compressed lower-case IPv6. */
    public static String format(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // Longest run of zero groups (length >= 2) becomes "::" (RFC 5952 4.2).
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] == 0) {
                int j = i;
                while (j < 8 && groups[j] == 0) {
                    j++;
                }
                if (j - i > bestLen && j - i >= 2) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        return s.toString();
    }

    static int bits(InetAddress address) {
        return address.getAddress().length * 8;
    }
}
