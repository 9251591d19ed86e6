package dev.podbgp.fib.route;

import dev.podbgp.fib.testing.NetNs;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How iproute2's JSON spells route fields, and kernel state as iproute2 reads it. */
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

    /** One line per route: "dst metric M via G" — enough to compare single-next-hop sets. */
    static String summary(String dst, long metric, String gateway) {
        return dst + " metric " + metric + " via " + gateway;
    }

    static TreeMap<String, String> expected(Collection<Route> routes) {
        TreeMap<String, String> out = new TreeMap<>();
        for (Route r : routes) {
            String dst = dst(r.prefix());
            String gw = r.nextHops().isEmpty() || r.nextHops().get(0).gateway() == null ? "-"
                    : IpPrefix.text(r.nextHops().get(0).gateway());
            out.put(dst + "/" + r.metric(), summary(dst, Integer.toUnsignedLong(r.metric()), gw));
        }
        return out;
    }

    /** Routes of protocol bgp in the main table, both families, as iproute2 reports them. */
    static TreeMap<String, String> kernelBgp(NetNs ns) throws IOException {
        TreeMap<String, String> out = new TreeMap<>();
        for (boolean v6 : new boolean[] {false, true}) {
            for (Map<String, Object> j : ns.routes(v6, "main")) {
                if (!"bgp".equals(String.valueOf(j.get("protocol"))) && !"186".equals(String.valueOf(j.get("protocol")))) {
                    continue;
                }
                String dst = (String) j.get("dst");
                long metric = j.get("metric") == null ? 0 : ((Number) j.get("metric")).longValue();
                Object gw = j.get("gateway");
                out.put(dst + "/" + metric, summary(dst, metric, gw == null ? "-" : (String) gw));
            }
        }
        return out;
    }
}
