package dev.podbgp.conf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the top level and the small global sections. Cluster, peers and
 * policies have their own parsers; {@link CrossChecks} looks at the whole.
 */
final class ConfigParser {
    private final ParseContext ctx;

    ConfigParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    /** The configuration, or null when any error was reported. */
    PodbgpConfig parse(Value root) {
        Fields top = root.fields("a mapping with the sections node, cluster, peers, ...");
        if (top == null) {
            return null;
        }
        Value nodeValue = top.required("node", "the node section with name, asn and address");
        ctx.node = nodeValue == null ? null : node(nodeValue);

        ctx.globalTimers = top.get("timers");
        ctx.globalGracefulRestart = top.get("gracefulRestart");
        Timers timers = Sessions.timers(ctx, List.of());
        GracefulRestart gr = Sessions.gracefulRestart(ctx, List.of());

        Listen listen = listen(top.get("listen"));
        ctx.listenDisabled = listen != null && !listen.enabled();
        Ecmp ecmp = ecmp(top.get("ecmp"));
        Kernel kernel = kernel(top.get("kernel"));
        Tunnel tunnel = tunnel(top.get("tunnel"));
        ClusterParser clusterParser = new ClusterParser(ctx);
        Cluster cluster = clusterParser.parse(top.get("cluster"));
        PeerParser peerParser = new PeerParser(ctx);
        peerParser.templates(top.get("peerTemplates"));
        List<Peer> peers = peerParser.peers(top.get("peers"));
        List<PeerRange> ranges = peerParser.ranges(top.get("peerRanges"));
        Control control = control(top.get("control"));
        Metrics metrics = metrics(top.get("metrics"));
        top.finish();

        new CrossChecks(ctx).run(clusterParser, peerParser);

        if (ctx.problems.errorCount() > 0) {
            return null;
        }
        return new PodbgpConfig(ctx.node, listen, timers, gr, ecmp, kernel, tunnel, cluster, peers, ranges, control, metrics);
    }

    private Node node(Value v) {
        Fields f = v.fields("a mapping with name, asn, address, routerId and podCIDRs");
        if (f == null) {
            return null;
        }
        int before = ctx.problems.errorCount();
        String name = as(f.required("name", "the node's name, e.g. its Kubernetes node name"), Scalars.NAME);
        Long asn = as(f.required("asn", "the cluster's AS number (1..4294967295)"), Scalars.ASN);
        InetAddress address = as(f.required("address", "the node's IP address"), Scalars.ADDRESS);
        // Dual stack: the address of the other family, the next hop for pod CIDRs of that family.
        Value v4Value = f.get("ipv4Address");
        Value v6Value = f.get("ipv6Address");
        Inet4Address extra4 = as(v4Value, IPV4);
        Inet6Address extra6 = as(v6Value, IPV6);
        if (address != null) {
            Value sameFamily = address instanceof Inet4Address ? v4Value : v6Value;
            if (sameFamily != null) {
                String other = address instanceof Inet4Address ? "ipv6Address" : "ipv4Address";
                sameFamily.error("node.address " + IpAddresses.format(address) + " is already this node's "
                        + Scalars.family(address) + " address (expected only " + other + ", for the other family)");
            }
        }
        Optional<Inet4Address> v4 = address instanceof Inet4Address a4 ? Optional.of(a4) : Optional.ofNullable(extra4);
        Optional<Inet6Address> v6 = address instanceof Inet6Address a6 ? Optional.of(a6) : Optional.ofNullable(extra6);
        Value routerIdValue = f.get("routerId");
        Inet4Address routerId = as(routerIdValue, Scalars.ROUTER_ID);
        if (routerIdValue == null && address != null) {
            if (v4.isPresent()) {
                routerId = v4.get();
            } else {
                ctx.problems.error(f.map().position(), Fields.join(v.path(), "routerId"),
                        "required key is missing because node.address " + IpAddresses.format(address)
                                + " is IPv6 and there is no node.ipv4Address (expected an IPv4-shaped router ID,"
                                + " unique in the AS)");
            }
        }
        Value cidrValue = f.get("podCIDRs");
        List<IpPrefix> podCidrs = ctx.podCidrList(cidrValue, name == null ? "this node" : name);
        if (podCidrs != null && address != null) {
            for (int i = 0; i < podCidrs.size(); i++) {
                IpPrefix p = podCidrs.get(i);
                if ((p.isIpv4() ? v4 : v6).isEmpty()) {
                    String key = p.isIpv4() ? "ipv4Address" : "ipv6Address";
                    ctx.problems.error(cidrValue.items("").get(i).position(), cidrValue.path() + "[" + i + "]",
                            p + " is " + Scalars.family(p) + " but this node has no " + Scalars.family(p)
                                    + " address to advertise as its next hop (expected node." + key + ")");
                }
            }
        }
        f.finish();
        if (name != null) {
            ctx.names.add(new ParseContext.Located<>(name, f.get("name"), "this node"));
        }
        if (address != null) {
            ctx.addresses.add(new ParseContext.Located<>(address, f.get("address"), "this node"));
        }
        if (ctx.problems.errorCount() > before || podCidrs == null) {
            return null;
        }
        return new Node(name, asn, address, routerId, podCidrs, v4, v6);
    }

    private static final Scalar<Inet4Address> IPV4 = new Scalar<>("an IPv4 address", text -> {
        InetAddress a = Scalars.ADDRESS.parse().apply(text);
        if (a instanceof Inet4Address v4) {
            return v4;
        }
        throw InvalidValueException.notA(text, "an IPv4 address", "an address like 192.0.2.1");
    });

    private static final Scalar<Inet6Address> IPV6 = new Scalar<>("an IPv6 address", text -> {
        InetAddress a = Scalars.ADDRESS.parse().apply(text);
        if (a instanceof Inet6Address v6) {
            return v6;
        }
        throw InvalidValueException.notA(text, "an IPv6 address", "an address like 2001:db8::1");
    });

    private Listen listen(Value v) {
        if (v == null) {
            return new Listen(Optional.empty(), Listen.BGP_PORT);
        }
        Fields f = v.fields("a mapping with address and port");
        if (f == null) {
            return null;
        }
        Value addressValue = f.get("address");
        InetAddress address = addressValue == null ? null
                : as(addressValue, new Scalar<>("an IP address", IpAddresses::parse));
        Integer port = as(f.get("port"), Scalars.integer("a TCP port", 0, 65535));
        f.finish();
        return new Listen(Optional.ofNullable(address), port == null ? Listen.BGP_PORT : port);
    }

    private Ecmp ecmp(Value v) {
        if (v == null) {
            return Ecmp.DEFAULT;
        }
        Fields f = v.fields("a mapping with maxPaths and asPathRelax");
        if (f == null) {
            return null;
        }
        Integer maxPaths = as(f.get("maxPaths"), Scalars.integer("a path count", 1, Ecmp.MAX_PATHS));
        Boolean relax = as(f.get("asPathRelax"), Scalars.BOOL);
        f.finish();
        return new Ecmp(or(maxPaths, Ecmp.DEFAULT.maxPaths()), or(relax, Ecmp.DEFAULT.asPathRelax()));
    }

    private static final Scalar<Long> TABLE = new Scalar<>("a routing table (main or 1..4294967295)", text -> {
        switch (text) {
            case "main":
                return (long) Kernel.MAIN_TABLE;
            case "local":
            case "255":
                throw new InvalidValueException(InvalidValueException.quote(text)
                        + " is the kernel's local table (expected main or a table of your own)");
            case "default":
            case "253":
                throw new InvalidValueException(InvalidValueException.quote(text)
                        + " is the kernel's fallback table (expected main or a table of your own)");
            default:
                return Scalars.longInteger("a routing table", 1, Asn.MAX).parse().apply(text);
        }
    });

    private static final Scalar<Integer> PROTOCOL = new Scalar<>("a route protocol (bgp or 5..255)", text -> {
        if (text.equals("bgp")) {
            return Kernel.PROTOCOL_BGP;
        }
        int p = Scalars.integer("a route protocol", 0, 255).parse().apply(text);
        if (p < 5) {
            throw new InvalidValueException(InvalidValueException.quote(text)
                    + " is a protocol the kernel and static routes use (expected bgp (186) or another number 5..255,"
                    + " so podbgpd never touches routes it does not own)");
        }
        return p;
    });

    private Kernel kernel(Value v) {
        if (v == null) {
            return Kernel.DEFAULT;
        }
        Fields f = v.fields("a mapping with install, table, protocol and reconcileInterval");
        if (f == null) {
            return null;
        }
        Boolean install = as(f.get("install"), Scalars.BOOL);
        Long table = as(f.get("table"), TABLE);
        Integer protocol = as(f.get("protocol"), PROTOCOL);
        Duration reconcile = as(f.get("reconcileInterval"), Scalars.DURATION);
        f.finish();
        Kernel d = Kernel.DEFAULT;
        return new Kernel(or(install, d.install()), or(table, d.table()), or(protocol, d.protocol()),
                or(reconcile, d.reconcileInterval()));
    }

    private static final Scalar<Tunnel.Mode> TUNNEL_MODE = Scalars.oneOf("a tunnel mode", Tunnel.Mode.class,
            Tunnel.Mode::yamlName);
    private static final Scalar<Tunnel.When> TUNNEL_WHEN = Scalars.oneOf("a tunnel condition", Tunnel.When.class,
            Tunnel.When::yamlName);

    private Tunnel tunnel(Value v) {
        if (v == null) {
            return Tunnel.DEFAULT;
        }
        Fields f = v.fields("a mapping with mode, when, vni and port");
        if (f == null) {
            return null;
        }
        Value modeValue = f.get("mode");
        Tunnel.Mode mode = or(as(modeValue, TUNNEL_MODE), Tunnel.Mode.NONE);
        Value whenValue = f.get("when");
        Tunnel.When when = as(whenValue, TUNNEL_WHEN);
        if (whenValue != null && mode == Tunnel.Mode.NONE) {
            whenValue.error("when applies to a tunnel but mode is none (expected mode: ipip or vxlan, or no tunnel.when)");
        }
        Value vniValue = f.get("vni");
        Integer vni = as(vniValue, Scalars.integer("a VXLAN network identifier", 1, 0xFF_FFFF));
        Value portValue = f.get("port");
        Integer port = as(portValue, Scalars.PORT);
        f.finish();
        for (Value only : new Value[] {vniValue, portValue}) {
            if (only != null && mode != Tunnel.Mode.VXLAN) {
                only.error(only.path().substring(only.path().lastIndexOf('.') + 1) + " applies to VXLAN but mode is "
                        + mode.yamlName() + " (expected mode: vxlan, or no " + only.path() + ")");
            }
        }
        if (mode == Tunnel.Mode.IPIP && ctx.node != null && !(ctx.node.address() instanceof Inet4Address)) {
            modeValue.error("ipip carries IPv4 between IPv4 addresses but node.address "
                    + IpAddresses.format(ctx.node.address()) + " is IPv6 (expected vxlan or none)");
        }
        return new Tunnel(mode, or(when, Tunnel.When.ALWAYS), or(vni, Tunnel.DEFAULT_VNI), or(port, Tunnel.VXLAN_PORT));
    }

    private Control control(Value v) {
        if (v == null) {
            return new Control(Control.DEFAULT_SOCKET);
        }
        Fields f = v.fields("a mapping with socket");
        if (f == null) {
            return null;
        }
        Path socket = as(f.get("socket"), Scalars.PATH);
        f.finish();
        return new Control(socket == null ? Control.DEFAULT_SOCKET : ctx.resolve(socket));
    }

    private Metrics metrics(Value v) {
        InetSocketAddress defaultListen = new InetSocketAddress(IpAddresses.parseV4("127.0.0.1"), Metrics.DEFAULT_PORT);
        if (v == null) {
            return new Metrics(true, defaultListen);
        }
        Fields f = v.fields("a mapping with enabled and listen");
        if (f == null) {
            return null;
        }
        Boolean enabled = as(f.get("enabled"), Scalars.BOOL);
        InetSocketAddress listen = as(f.get("listen"), Scalars.HOST_PORT);
        f.finish();
        return new Metrics(or(enabled, true), or(listen, defaultListen));
    }

    static <T> T as(Value v, Scalar<T> s) {
        return v == null ? null : v.as(s);
    }

    static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    static <T> List<T> nonNull(List<T> in) {
        List<T> out = new ArrayList<>();
        for (T t : in) {
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }
}
