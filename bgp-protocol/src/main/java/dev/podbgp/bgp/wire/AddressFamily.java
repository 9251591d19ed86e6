package dev.podbgp.bgp.wire;

/**
 * An AFI/SAFI pair (RFC 4760). Kept as numbers because capabilities may name
 * families we do not route; {@link #IPV4_UNICAST} and {@link #IPV6_UNICAST}
 * are the ones podbgp carries routes for.
 */
public record AddressFamily(int afi, int safi) {
    public static final int AFI_IPV4 = 1;
    public static final int AFI_IPV6 = 2;
    public static final int SAFI_UNICAST = 1;

    public static final AddressFamily IPV4_UNICAST = new AddressFamily(AFI_IPV4, SAFI_UNICAST);
    public static final AddressFamily IPV6_UNICAST = new AddressFamily(AFI_IPV6, SAFI_UNICAST);

    public AddressFamily {
        if (afi < 0 || afi > 0xFFFF) {
            throw new IllegalArgumentException("AFI " + afi + " is outside 0..65535");
        }
        if (safi < 0 || safi > 0xFF) {
            throw new IllegalArgumentException("SAFI " + safi + " is outside 0..255");
        }
    }

    /** The shared constant for the two families we route, a new value otherwise. */
    public static AddressFamily of(int afi, int safi) {
        if (safi == SAFI_UNICAST) {
            if (afi == AFI_IPV4) {
                return IPV4_UNICAST;
            }
            if (afi == AFI_IPV6) {
                return IPV6_UNICAST;
            }
        }
        return new AddressFamily(afi, safi);
    }

    /** Whether podbgp decodes NLRI of this family (IPv4 or IPv6 unicast). */
    public boolean isRouted() {
        return equals(IPV4_UNICAST) || equals(IPV6_UNICAST);
    }

    @Override
    public String toString() {
        if (equals(IPV4_UNICAST)) {
            return "ipv4-unicast";
        }
        if (equals(IPV6_UNICAST)) {
            return "ipv6-unicast";
        }
        return "afi" + afi + "/safi" + safi;
    }
}
