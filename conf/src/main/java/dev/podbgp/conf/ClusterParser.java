package dev.podbgp.conf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import static dev.podbgp.conf.ConfigParser.as;
import static dev.podbgp.conf.ConfigParser.or;

/** The {@code cluster} section: mode, the other nodes, and route reflection. */
final class ClusterParser {
    static final Scalar<ClusterMode> MODE = Scalars.oneOf("a cluster mode", ClusterMode.class, ClusterMode::yamlName);

    private final ParseContext ctx;
    /** Where the mode was given (null: default), for the check that needs the peers too. */
    Value modeValue;
    ClusterMode mode = ClusterMode.FULL_MESH;
    int reflectorNodes;

    ClusterParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    Cluster parse(Value v) {
        if (v == null) {
            return new Cluster(ClusterMode.FULL_MESH, List.of(), Optional.empty(), Optional.empty());
        }
        Fields f = v.fields("a mapping with mode, nodes and routeReflector");
        if (f == null) {
            return null;
        }
        modeValue = f.get("mode");
        mode = or(as(modeValue, MODE), ClusterMode.FULL_MESH);
        Value rrValue = f.get("routeReflector");
        RouteReflector rr = rrValue == null ? null : routeReflector(rrValue);
        ctx.routeReflector = rrValue != null;
        if (rrValue != null && mode == ClusterMode.ROUTE_REFLECTOR_CLIENT) {
            ctx.problems.error(f.keyPosition("routeReflector"), rrValue.path(),
                    "this node is a route reflector but cluster.mode is route-reflector-client, so it would not peer"
                            + " with its clients (expected mode full-mesh on reflectors)");
        }
        Optional<PasswordFile> password = ctx.passwordFile(f.get("passwordFile"));
        List<ClusterNode> nodes = new ArrayList<>();
        Value nodesValue = f.get("nodes");
        List<Value> items = nodesValue == null ? List.of() : nodesValue.items("nodes, each with name, address and podCIDRs");
        if (items != null) {
            for (Value item : items) {
                ClusterNode n = node(item);
                if (n != null) {
                    nodes.add(n);
                }
            }
        }
        f.finish();
        if (rrValue != null && rr == null) {
            return null; // reported
        }
        return new Cluster(mode, nodes, Optional.ofNullable(rr), password);
    }

    /** The reflector settings; null after an error, or when the node section is broken (no router ID). */
    private RouteReflector routeReflector(Value v) {
        Fields f = v.fields("a mapping with clusterId");
        if (f == null) {
            return null;
        }
        Inet4Address id = as(f.get("clusterId"), Scalars.CLUSTER_ID);
        f.finish();
        if (id == null) {
            if (f.has("clusterId") || ctx.node == null) {
                return null;
            }
            id = ctx.node.routerId();
        }
        return new RouteReflector(id);
    }

    /** One entry of cluster.nodes; null when broken or when it names this node (after checking it agrees). */
    private ClusterNode node(Value v) {
        Fields f = v.fields("a mapping with name, address and podCIDRs");
        if (f == null) {
            return null;
        }
        int before = ctx.problems.errorCount();
        Value nameValue = f.required("name", "the node's name");
        String name = as(nameValue, Scalars.NAME);
        Value addressValue = f.required("address", "the node's IP address");
        InetAddress address = as(addressValue, Scalars.ADDRESS);
        Integer port = as(f.get("port"), Scalars.PORT);
        Value rrValue = f.get("routeReflector");
        Boolean reflector = as(rrValue, Scalars.BOOL);
        Value cidrValue = f.get("podCIDRs");
        f.finish();
        Node self = ctx.node;
        if (self != null && self.name().equals(name)) {
            // The same list may be shipped to every node: the entry for this node is checked, then dropped.
            checkSelf(self, v, address, addressValue, Boolean.TRUE.equals(reflector), rrValue, cidrValue);
            return null;
        }
        List<IpPrefix> cidrs = ctx.podCidrList(cidrValue, name == null ? v.path() : name);
        if (ctx.problems.errorCount() > before || cidrs == null) {
            return null;
        }
        ctx.names.add(new ParseContext.Located<>(name, nameValue, v.path()));
        ctx.addresses.add(new ParseContext.Located<>(address, addressValue, v.path()));
        boolean isReflector = Boolean.TRUE.equals(reflector);
        if (isReflector) {
            reflectorNodes++;
        }
        return new ClusterNode(name, address, port == null ? Listen.BGP_PORT : port, cidrs, isReflector);
    }

    private void checkSelf(Node self, Value entry, InetAddress address, Value addressValue, boolean reflector, Value rrValue,
                           Value cidrValue) {
        if (address != null && !address.equals(self.address())) {
            addressValue.error("this entry is this node (" + self.name() + ") but its address "
                    + IpAddresses.format(address) + " differs from node.address " + IpAddresses.format(self.address())
                    + " (expected the same address)");
        }
        if (reflector && !ctx.routeReflector) {
            rrValue.error("this entry is this node (" + self.name() + ") and is marked routeReflector, but"
                    + " cluster.routeReflector is not set (expected cluster.routeReflector on a reflector)");
        }
        if (!reflector && ctx.routeReflector) {
            (rrValue != null ? rrValue : entry).error("this entry is this node (" + self.name()
                    + "), a route reflector (cluster.routeReflector), but is not marked routeReflector: true,"
                    + " so clients would not peer with it (expected routeReflector: true)");
        }
        if (cidrValue != null) {
            List<IpPrefix> listed = cidrValue.listOf(Scalars.PREFIX);
            if (listed != null && !new HashSet<>(listed).equals(new HashSet<>(self.podCidrs()))) {
                cidrValue.error("this entry is this node (" + self.name() + ") but its podCIDRs " + listed
                        + " differ from node.podCIDRs " + self.podCidrs() + " (expected the same prefixes)");
            }
        }
    }
}
