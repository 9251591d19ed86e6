package dev.podbgp.conf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * This node: who it is in BGP and which pod CIDRs it originates.
 *
 * @param address  session source towards cluster nodes and the next hop it advertises
 * @param routerId BGP identifier; defaults to {@code address} when that is IPv4
 */
public record Node(String name, long asn, InetAddress address, Inet4Address routerId, List<IpPrefix> podCidrs) {
    public Node {
        Objects.requireNonNull(name, "name");
        Asn.check(asn);
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(routerId, "routerId");
        podCidrs = List.copyOf(podCidrs);
    }
}
