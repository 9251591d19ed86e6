package dev.podbgp.rib.policy;

import dev.podbgp.bgp.wire.Communities;
import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.bgp.wire.Prefix;

import java.util.List;
import java.util.Set;

/**
 * The conditions of a policy term; all given conditions must hold, an empty
 * one holds always.
 *
 * @param prefixes the prefix must match one of these ranges (empty: any prefix)
 * @param communities the path must carry one of these communities (empty: any path)
 * @param sources the path must come from one of these sources (empty: any source)
 * @param reflected when true, only routes an iBGP speaker passes from one iBGP
 *                  peer to another (route reflection; export only)
 */
public record Match(List<PrefixRange> prefixes, Set<Integer> communities, Set<RouteSource> sources,
                    boolean reflected) {

    public static final Match ANY = new Match(List.of(), Set.of(), Set.of(), false);

    public Match {
        prefixes = List.copyOf(prefixes);
        communities = Set.copyOf(communities);
        sources = Set.copyOf(sources);
    }

    public static Match prefixes(PrefixRange... ranges) {
        return new Match(List.of(ranges), Set.of(), Set.of(), false);
    }

    public static Match community(int... values) {
        Set<Integer> s = new java.util.HashSet<>();
        for (int v : values) {
            s.add(v);
        }
        return new Match(List.of(), s, Set.of(), false);
    }

    public static Match source(RouteSource... sources) {
        return new Match(List.of(), Set.of(), Set.of(sources), false);
    }

    /** Reflected routes (iBGP to iBGP through this node as route reflector). */
    public static Match reflectedRoutes() {
        return new Match(List.of(), Set.of(), Set.of(RouteSource.IBGP), true);
    }

    public boolean matches(Prefix prefix, PathAttributes attributes, RouteSource source, boolean isReflected) {
        if (!prefixes.isEmpty()) {
            // Indexed, not for-each: this runs for every path imported and exported, and the
            // iterator of an immutable list is not always scalar-replaced.
            boolean any = false;
            for (int i = 0, n = prefixes.size(); i < n && !any; i++) {
                any = prefixes.get(i).matches(prefix);
            }
            if (!any) {
                return false;
            }
        }
        return matchesPath(attributes, source, isReflected);
    }

    /** {@link #matches(Prefix, PathAttributes, RouteSource, boolean)} for the IPv4 prefix address/length. */
    public boolean matches(int address, int length, PathAttributes attributes, RouteSource source,
                           boolean isReflected) {
        if (!prefixes.isEmpty()) {
            boolean any = false;
            for (int i = 0, n = prefixes.size(); i < n && !any; i++) {
                any = prefixes.get(i).matches(address, length);
            }
            if (!any) {
                return false;
            }
        }
        return matchesPath(attributes, source, isReflected);
    }

    /** The conditions on the path rather than the prefix. */
    private boolean matchesPath(PathAttributes attributes, RouteSource source, boolean isReflected) {
        if (reflected && !isReflected) {
            return false;
        }
        if (!sources.isEmpty() && !sources.contains(source)) {
            return false;
        }
        if (!communities.isEmpty()) {
            Communities c = attributes.communities();
            for (int i = 0; i < c.size(); i++) {
                if (communities.contains(c.get(i))) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }
}
