package dev.podbgp.fib.route;

import java.net.InetAddress;
import java.util.Comparator;

/**
 * One next hop: a gateway and/or an outgoing interface, a weight for multipath (1..256) and
 * the onlink flag (gateway need not be in a connected subnet). {@code gateway} is null for a
 * device route; {@code ifindex} is 0 to let the kernel pick the interface from the gateway.
 */
public record NextHop(InetAddress gateway, int ifindex, int weight, boolean onlink) {

    public static final Comparator<NextHop> ORDER = Comparator
            .comparing((NextHop h) -> h.gateway == null ? "" : IpPrefix.text(h.gateway))
            .thenComparingInt(NextHop::ifindex);

    public NextHop {
        if (gateway == null && ifindex <= 0) {
            throw new IllegalArgumentException("next hop needs a gateway or an interface index");
        }
        if (ifindex < 0) {
            throw new IllegalArgumentException("next hop interface index " + ifindex + " is negative");
        }
        if (weight < 1 || weight > 256) {
            throw new IllegalArgumentException("next hop weight " + weight + " out of range 1..256");
        }
        if (onlink && ifindex == 0) {
            throw new IllegalArgumentException("onlink next hop via " + IpPrefix.text(gateway)
                    + " needs an interface index");
        }
    }

    public static NextHop via(InetAddress gateway, int ifindex) {
        return new NextHop(gateway, ifindex, 1, false);
    }

    public static NextHop dev(int ifindex) {
        return new NextHop(null, ifindex, 1, false);
    }

    public NextHop withWeight(int w) {
        return new NextHop(gateway, ifindex, w, onlink);
    }

    public NextHop withOnlink(boolean o) {
        return new NextHop(gateway, ifindex, weight, o);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (gateway != null) {
            sb.append("via ").append(IpPrefix.text(gateway));
        }
        if (ifindex > 0) {
            sb.append(sb.isEmpty() ? "" : " ").append("ifindex ").append(ifindex);
        }
        if (weight != 1) {
            sb.append(" weight ").append(weight);
        }
        if (onlink) {
            sb.append(" onlink");
        }
        return sb.toString();
    }
}
