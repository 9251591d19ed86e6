package dev.podbgp.bgp.wire;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv4 addresses as ints (network byte order): strict parsing, no DNS, and formatting. */
public final class Ipv4 {
    private Ipv4() {
    }

    /** Parses a dotted quad such as {@code 192.0.2.1}; anything else is rejected. */
    public static int parse(String text) {
        int value = 0;
        int octets = 0;
        int i = 0;
        int n = text.length();
        while (i < n && octets < 4) {
            int start = i;
            int octet = 0;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - start < 3) {
                octet = octet * 10 + (text.charAt(i) - '0');
                i++;
            }
            if (i == start || octet > 255 || (i - start > 1 && text.charAt(start) == '0')) {
                break;
            }
            value = value << 8 | octet;
            octets++;
            if (octets < 4) {
                if (i >= n || text.charAt(i) != '.') {
                    break;
                }
                i++;
            }
        }
        if (octets != 4 || i != n) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IPv4 address (expected a.b.c.d)");
        }
        return value;
    }

    public static String format(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xFF) + "." + (address >>> 8 & 0xFF) + "." + (address & 0xFF);
    }

    public static Inet4Address toInet(int address) {
        byte[] b = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 bytes are always a valid IPv4 address", e);
        }
    }

    public static int fromInet(Inet4Address address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }
}
