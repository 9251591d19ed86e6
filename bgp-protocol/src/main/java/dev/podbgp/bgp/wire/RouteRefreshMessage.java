package dev.podbgp.bgp.wire;

/**
 * ROUTE-REFRESH (RFC 2918) with the message subtype of enhanced route refresh
 * (RFC 7313): 0 normal request, 1 Beginning-of-RIB-Refresh, 2 End-of-RIB-Refresh.
 */
public record RouteRefreshMessage(AddressFamily family, int subtype) implements BgpMessage {
    public static final int REQUEST = 0;
    public static final int BEGIN_OF_RIB_REFRESH = 1;
    public static final int END_OF_RIB_REFRESH = 2;

    public RouteRefreshMessage {
        if (family == null) {
            throw new IllegalArgumentException("ROUTE-REFRESH needs a family");
        }
        if (subtype < 0 || subtype > 255) {
            throw new IllegalArgumentException("ROUTE-REFRESH subtype " + subtype + " is outside 0..255");
        }
    }

    public static RouteRefreshMessage request(AddressFamily family) {
        return new RouteRefreshMessage(family, REQUEST);
    }

    @Override
    public MessageType type() {
        return MessageType.ROUTE_REFRESH;
    }
}
