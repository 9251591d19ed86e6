package dev.podbgp.conf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 prefix with all host bits zero, e.g. {@code 10.244.1.0/24}.
 */
public record IpPrefix(InetAddress address, int length) implements Comparable<IpPrefix> {
    private static final Pattern LENGTH = Pattern.compile("0|[1-9][0-9]{0,2}");


    public IpPrefix {
        Objects.requireNonNull(address, "address");
        int max = IpAddresses.bits(address);
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " out of 0.." + max);
        }
        if (!Arrays.equals(address.getAddress(), mask(address.getAddress(), length))) {
            throw new IllegalArgumentException(IpAddresses.format(address) + "/" + length + " has host bits set");
        }
    }

    /**
     * Parses {@code ADDRESS/LENGTH}. A prefix with host bits set is refused with
     * the corrected value in the message, since guessing which one was meant
     * (the network or the host) is not safe.
     */
    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw InvalidValueException.notA(text, "a CIDR prefix", "ADDRESS/LENGTH like 10.244.1.0/24 or fd00:10:244::/64");
        }
        InetAddress address;
        try {
            address = IpAddresses.parse(text.substring(0, slash));
        } catch (InvalidValueException e) {
            throw InvalidValueException.notA(text, "a CIDR prefix", "ADDRESS/LENGTH like 10.244.1.0/24 or fd00:10:244::/64");
        }
        int max = IpAddresses.bits(address);
        String lenText = text.substring(slash + 1);
        int length = -1;
        if (LENGTH.matcher(lenText).matches()) {
            length = Integer.parseInt(lenText);
        }
        if (length < 0 || length > max) {
            throw new InvalidValueException(InvalidValueException.quote(text) + " has an invalid prefix length "
                    + InvalidValueException.quote(lenText) + " (expected 0.." + max + ")");
        }
        byte[] masked = mask(address.getAddress(), length);
        if (!Arrays.equals(masked, address.getAddress())) {
            IpPrefix corrected = new IpPrefix(IpAddresses.byAddress(masked), length);
            throw new InvalidValueException(InvalidValueException.quote(text)
                    + " has host bits set (expected the network address: " + corrected + ")");
        }
        return new IpPrefix(address, length);
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    /** Bits in an address of this family: 32 or 128. */
    public int maxLength() {
        return IpAddresses.bits(address);
    }

    /** True when {@code other} is this prefix or a more specific one inside it. */
    public boolean contains(IpPrefix other) {
        return isIpv4() == other.isIpv4() && other.length >= length && contains(other.address);
    }

    /** True when the address lies inside this prefix (same family only). */
    public boolean contains(InetAddress a) {
        if (IpAddresses.bits(a) != maxLength()) {
            return false;
        }
        return Arrays.equals(mask(a.getAddress(), length), address.getAddress());
    }

    /** True when the two prefixes share any address. */
    public boolean overlaps(IpPrefix other) {
        return contains(other) || other.contains(this);
    }

    private static byte[] mask(byte[] bytes, int length) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, length - 8 * i));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    @Override
    public int compareTo(IpPrefix o) {
        if (isIpv4() != o.isIpv4()) {
            return isIpv4() ? -1 : 1;
        }
        int c = Arrays.compareUnsigned(address.getAddress(), o.address.getAddress());
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    @Override
    public String toString() {
        return IpAddresses.format(address) + "/" + length;
    }
}
