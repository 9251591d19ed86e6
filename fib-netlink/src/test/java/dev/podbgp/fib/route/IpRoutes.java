package dev.podbgp.fib.route;

import java.util.List;
import java.util.Map;

/** How iproute2's JSON spells route fields. */
final class IpRoutes {

    private IpRoutes() {}

    /** iproute2 prints host routes without "/32" or "/128". */
    static String dst(IpPrefix p) {
        int max = p.isIpv6() ? 128 : 32;
        return p.length() == max ? IpPrefix.text(p.address()) : p.toString();
    }

    @SuppressWarnings("unchecked")
    static List<String> flags(Map<String, Object> j) {
        Object f = j.get("flags");
        return f == null ? List.of() : (List<String>) f;
    }
}
