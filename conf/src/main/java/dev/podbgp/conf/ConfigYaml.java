package dev.podbgp.conf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Writes a configuration back as YAML in the file's own keys, with every
 * default and template spelt out: what {@code check-config} or the control API
 * can show as "the configuration in effect". Reading the output again gives an
 * equal {@link PodbgpConfig}.
 */
public final class ConfigYaml {
    private ConfigYaml() {
    }

    public static String render(PodbgpConfig c) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("node", node(c.node()));
        Map<String, Object> listen = new LinkedHashMap<>();
        c.listen().address().ifPresent(a -> listen.put("address", IpAddresses.format(a)));
        listen.put("port", c.listen().port());
        root.put("listen", listen);
        root.put("timers", timers(c.timers()));
        root.put("gracefulRestart", gracefulRestart(c.gracefulRestart()));
        root.put("ecmp", map("maxPaths", c.ecmp().maxPaths(), "asPathRelax", c.ecmp().asPathRelax()));
        Kernel k = c.kernel();
        root.put("kernel", map("install", k.install(), "table", k.table() == Kernel.MAIN_TABLE ? "main" : k.table(),
                "protocol", k.protocol(), "reconcileInterval", Durations.format(k.reconcileInterval())));
        Tunnel t = c.tunnel();
        Map<String, Object> tunnel = map("mode", t.mode().yamlName());
        if (t.mode() != Tunnel.Mode.NONE) {
            tunnel.put("when", t.when().yamlName());
        }
        if (t.mode() == Tunnel.Mode.VXLAN) {
            tunnel.put("vni", t.vni());
            tunnel.put("port", t.port());
        }
        root.put("tunnel", tunnel);
        root.put("cluster", cluster(c.cluster()));
        List<Object> peers = new ArrayList<>();
        for (Peer p : c.peers()) {
            Map<String, Object> m = map("name", p.name(), "address", IpAddresses.format(p.address()));
            m.putAll(settings(p.settings(), false));
            peers.add(m);
        }
        root.put("peers", peers);
        List<Object> ranges = new ArrayList<>();
        for (PeerRange r : c.peerRanges()) {
            Map<String, Object> m = map("name", r.name(), "prefix", r.prefix().toString(), "limit", r.limit());
            m.putAll(settings(r.settings(), true));
            ranges.add(m);
        }
        root.put("peerRanges", ranges);
        root.put("control", map("socket", c.control().socket().toString()));
        root.put("metrics", map("enabled", c.metrics().enabled(), "listen", hostPort(c.metrics().listen())));
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2)
                .setIndicatorIndent(2).setIndentWithIndicator(true).setWidth(120).build();
        return "# podbgpd configuration in effect: defaults and templates applied\n"
                + new Dump(settings).dumpToString(root);
    }

    private static Map<String, Object> node(Node n) {
        Map<String, Object> m = map("name", n.name(), "asn", n.asn(), "address", IpAddresses.format(n.address()));
        if (n.address() instanceof Inet4Address) {
            n.ipv6Address().ifPresent(a -> m.put("ipv6Address", IpAddresses.format(a)));
        } else {
            n.ipv4Address().ifPresent(a -> m.put("ipv4Address", IpAddresses.format(a)));
        }
        m.put("routerId", IpAddresses.format(n.routerId()));
        m.put("podCIDRs", strings(n.podCidrs()));
        return m;
    }

    private static Map<String, Object> cluster(Cluster c) {
        Map<String, Object> m = map("mode", c.mode().yamlName());
        c.passwordFile().ifPresent(p -> m.put("passwordFile", p.path().toString()));
        c.routeReflector().ifPresent(rr -> m.put("routeReflector", map("clusterId", IpAddresses.format(rr.clusterId()))));
        List<Object> nodes = new ArrayList<>();
        for (ClusterNode n : c.nodes()) {
            nodes.add(map("name", n.name(), "address", IpAddresses.format(n.address()), "port", n.port(),
                    "podCIDRs", strings(n.podCidrs()), "routeReflector", n.routeReflector()));
        }
        m.put("nodes", nodes);
        return m;
    }

    private static Map<String, Object> settings(PeerSettings s, boolean range) {
        Map<String, Object> m = map("asn", s.asn());
        if (!range) {
            m.put("port", s.port());
            m.put("passive", s.passive());
        }
        m.put("enabled", s.enabled());
        s.sourceAddress().ifPresent(a -> m.put("sourceAddress", IpAddresses.format(a)));
        s.passwordFile().ifPresent(p -> m.put("passwordFile", p.path().toString()));
        m.put("timers", timers(s.timers()));
        m.put("gracefulRestart", gracefulRestart(s.gracefulRestart()));
        if (s.ttl() instanceof TtlMode.Gtsm g) {
            m.put("ttlSecurity", g.hops());
        } else if (s.ttl() instanceof TtlMode.Multihop h) {
            m.put("multihop", h.hops());
        }
        s.maxPrefixes().ifPresent(mp -> {
            Map<String, Object> x = map("limit", mp.limit());
            mp.restartAfter().ifPresent(d -> x.put("restartAfter", Durations.format(d)));
            m.put("maxPrefixes", x);
        });
        m.put("routeReflectorClient", s.routeReflectorClient());
        m.put("nextHopSelf", s.nextHopSelf());
        m.put("families", s.families().stream().sorted().map(AddressFamily::yamlName).toList());
        m.put("import", policy(s.importPolicy()));
        m.put("export", policy(s.exportPolicy()));
        return m;
    }

    private static Map<String, Object> policy(RoutePolicy p) {
        // accept is always written, even empty: left out, the export side would fall back to the pod CIDRs.
        Map<String, Object> m = map("accept", strings(p.accept()));
        if (!p.reject().isEmpty()) {
            m.put("reject", strings(p.reject()));
        }
        if (!p.matchCommunities().isEmpty()) {
            m.put("matchCommunities", strings(p.matchCommunities()));
        }
        m.put("default", p.defaultAction().yamlName());
        RouteActions a = p.set();
        if (!a.isEmpty()) {
            Map<String, Object> set = new LinkedHashMap<>();
            a.localPref().ifPresent(v -> set.put("localPref", v));
            a.med().ifPresent(v -> set.put("med", v));
            if (!a.addCommunities().isEmpty()) {
                set.put("addCommunities", strings(a.addCommunities()));
            }
            if (a.asPathPrepend() > 0) {
                set.put("asPathPrepend", a.asPathPrepend());
            }
            m.put("set", set);
        }
        return m;
    }

    private static Map<String, Object> timers(Timers t) {
        return map("holdTime", Durations.format(t.holdTime()), "keepalive", Durations.format(t.keepalive()),
                "connectRetry", Durations.format(t.connectRetry()));
    }

    private static Map<String, Object> gracefulRestart(GracefulRestart g) {
        return map("enabled", g.enabled(), "restartTime", Durations.format(g.restartTime()),
                "staleRoutesTime", Durations.format(g.staleRoutesTime()), "deferralTime",
                Durations.format(g.deferralTime()));
    }

    private static String hostPort(InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        String host = IpAddresses.format(ip);
        return (ip instanceof Inet6Address ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private static List<String> strings(List<?> values) {
        return values.stream().map(Object::toString).toList();
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
