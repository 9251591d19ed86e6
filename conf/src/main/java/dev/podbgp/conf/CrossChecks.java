package dev.podbgp.conf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiPredicate;

import dev.podbgp.conf.ParseContext.Located;

/**
 * Checks that span sections: unique names and addresses, pod CIDRs that do
 * not overlap, and a cluster mode that has someone to peer with. The later
 * of two clashing values is the one reported, pointing back at the first.
 */
final class CrossChecks {
    private static final Comparator<Located<?>> BY_POSITION = Comparator
            .comparingInt((Located<?> l) -> l.at().position().line())
            .thenComparingInt(l -> l.at().position().column());

    private final ParseContext ctx;

    CrossChecks(ParseContext ctx) {
        this.ctx = ctx;
    }

    void run(ClusterParser cluster, PeerParser peers) {
        clashes(ctx.names, Object::equals, (later, first) -> InvalidValueException.quote(later.value())
                + " is already the name of " + first.owner() + " at " + first.at().position().describe()
                + " (expected names unique across node, cluster.nodes, peers and peerRanges)");
        clashes(ctx.addresses, Object::equals, (later, first) -> IpAddresses.format(later.value())
                + " is already the address of " + first.owner() + " at " + first.at().position().describe()
                + " (expected one session per neighbour address)");
        clashes(ctx.podCidrs, IpPrefix::overlaps, (later, first) -> later.value() + " of " + later.owner()
                + " overlaps " + first.value() + " of " + first.owner() + " at " + first.at().position().describe()
                + " (expected every node's pod CIDRs to be disjoint)");
        clashes(ctx.ranges, IpPrefix::overlaps, (later, first) -> later.value() + " overlaps " + first.value()
                + " of " + first.owner() + " at " + first.at().position().describe()
                + " (expected disjoint ranges, so each neighbour has exactly one)");
        if (cluster.mode == ClusterMode.ROUTE_REFLECTOR_CLIENT && cluster.reflectorNodes == 0
                && peers.internalPeers == 0 && cluster.modeValue != null) {
            cluster.modeValue.error("route-reflector-client needs a reflector to peer with (expected a cluster.nodes"
                    + " entry with routeReflector: true, or a peer in our own AS)");
        }
    }

    private interface Message<T> {
        String of(Located<T> later, Located<T> first);
    }

    private static <T> void clashes(List<Located<T>> all, BiPredicate<T, T> clash, Message<T> message) {
        List<Located<T>> sorted = new ArrayList<>(all);
        sorted.sort(BY_POSITION);
        for (int j = 1; j < sorted.size(); j++) {
            Located<T> later = sorted.get(j);
            for (int i = 0; i < j; i++) {
                Located<T> first = sorted.get(i);
                if (clash.test(first.value(), later.value())) {
                    later.at().error(message.of(later, first));
                    break;
                }
            }
        }
    }
}
