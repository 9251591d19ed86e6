package dev.podbgp.fib.route;

import dev.podbgp.fib.netlink.Rtnl;

/** The route types the FIB writer installs (rtm_type). */
public enum RouteType {
    UNICAST(Rtnl.RTN_UNICAST),
    /** Silently drops; a node's own aggregate pod CIDR. */
    BLACKHOLE(Rtnl.RTN_BLACKHOLE),
    /** Drops with ICMP unreachable. */
    UNREACHABLE(Rtnl.RTN_UNREACHABLE),
    PROHIBIT(Rtnl.RTN_PROHIBIT);

    private final int code;

    RouteType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for an rtm_type value, or null for kinds we never install (local, broadcast...). */
    public static RouteType fromCode(int code) {
        for (RouteType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
