package dev.podbgp.daemon.control;

import dev.podbgp.conf.InvalidValueException;
import dev.podbgp.conf.IpAddresses;
import dev.podbgp.conf.IpPrefix;
import dev.podbgp.daemon.snapshot.RouteSnapshot;

import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;

/**
 * The argument of {@code routes [PREFIX]}: a prefix selects exactly that
 * entry; an address selects every entry that covers it, most specific first
 * (as {@code ip route get} would pick the first).
 */
sealed interface RouteQuery {

    record Exact(IpPrefix prefix) implements RouteQuery {
        @Override
        public List<RouteSnapshot> select(List<RouteSnapshot> routes) {
            return routes.stream().filter(r -> prefixOf(r).equals(prefix)).toList();
        }
    }

    record Covering(InetAddress address) implements RouteQuery {
        @Override
        public List<RouteSnapshot> select(List<RouteSnapshot> routes) {
            return routes.stream().filter(r -> prefixOf(r).contains(address))
                    .sorted(Comparator.comparingInt((RouteSnapshot r) -> prefixOf(r).length()).reversed())
                    .toList();
        }
    }

    List<RouteSnapshot> select(List<RouteSnapshot> routes);

    /** @throws IllegalArgumentException naming the text and what was expected */
    static RouteQuery parse(String text) {
        try {
            return text.indexOf('/') >= 0 ? new Exact(IpPrefix.parse(text)) : new Covering(IpAddresses.parse(text));
        } catch (InvalidValueException e) {
            throw new IllegalArgumentException("routes: " + e.getMessage() + "; give a prefix like 10.244.1.0/24"
                    + " or an address like 10.244.1.7");
        }
    }

    private static IpPrefix prefixOf(RouteSnapshot route) {
        try {
            return IpPrefix.parse(route.prefix());
        } catch (InvalidValueException e) {
            // Snapshots come from the RIB, not from people: a bad one is our bug, not a bad request.
            throw new IllegalStateException("published route snapshot has a malformed prefix: " + e.getMessage(), e);
        }
    }
}
