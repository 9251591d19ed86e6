package dev.podbgp.conf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * This node: who it is in BGP and which pod CIDRs it originates.
 *
 * @param address     session source towards cluster nodes and the next hop it advertises
 * @param routerId    BGP identifier; defaults to {@code address} when that is IPv4 (else to {@code ipv4Address})
 * @param ipv4Address this node's IPv4 address: {@code address} itself, or {@code node.ipv4Address} when
 *                    {@code address} is IPv6; the next hop for IPv4 pod CIDRs
 * @param ipv6Address likewise for IPv6: the next hop for IPv6 pod CIDRs (dual stack)
 */
public record Node(String name, long asn, InetAddress address, Inet4Address routerId, List<IpPrefix> podCidrs,
                   Optional<Inet4Address> ipv4Address, Optional<Inet6Address> ipv6Address) {
    public Node {
        Objects.requireNonNull(name, "name");
        Asn.check(asn);
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(routerId, "routerId");
        podCidrs = List.copyOf(podCidrs);
        Objects.requireNonNull(ipv4Address, "ipv4Address");
        Objects.requireNonNull(ipv6Address, "ipv6Address");
        if (!address.equals(address instanceof Inet4Address ? ipv4Address.orElse(null) : ipv6Address.orElse(null))) {
            throw new IllegalArgumentException("the address of address's family must be address itself");
        }
    }

    /** A single-stack node: {@code address} is its only address. */
    public static Node of(String name, long asn, InetAddress address, Inet4Address routerId, List<IpPrefix> podCidrs) {
        return new Node(name, asn, address, routerId, podCidrs,
                address instanceof Inet4Address v4 ? Optional.of(v4) : Optional.empty(),
                address instanceof Inet6Address v6 ? Optional.of(v6) : Optional.empty());
    }

    /** The next hop this node advertises for a prefix of {@code prefix}'s family, if it has an address of it. */
    public Optional<InetAddress> nextHopFor(IpPrefix prefix) {
        return prefix.isIpv4() ? ipv4Address.map(a -> a) : ipv6Address.map(a -> a);
    }
}
