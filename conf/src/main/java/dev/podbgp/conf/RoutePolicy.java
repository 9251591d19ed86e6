package dev.podbgp.conf;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Import or export policy of one session. A route is
 * <ol>
 * <li>rejected when its prefix matches a {@code reject} filter, else</li>
 * <li>accepted when it matches the accept rule: its prefix matches an
 *     {@code accept} filter (or {@code accept} is empty) and it carries one
 *     of {@code matchCommunities} (or that list is empty), where at least one
 *     of the two lists must be non-empty, else</li>
 * <li>handled by {@code defaultAction}.</li>
 * </ol>
 * Accepted routes get {@code set} applied.
 */
public record RoutePolicy(List<PrefixFilter> accept, List<PrefixFilter> reject, List<Community> matchCommunities,
                          PolicyAction defaultAction, RouteActions set) {
    /** What an external peer's import does unless configured: take nothing. */
    public static final RoutePolicy REJECT_ALL = new RoutePolicy(List.of(), List.of(), List.of(), PolicyAction.REJECT,
            RouteActions.NONE);
    /** Cluster sessions: the RIB's iBGP and route-reflection rules decide alone. */
    public static final RoutePolicy ACCEPT_ALL = new RoutePolicy(List.of(), List.of(), List.of(), PolicyAction.ACCEPT,
            RouteActions.NONE);

    public RoutePolicy {
        accept = List.copyOf(accept);
        reject = List.copyOf(reject);
        matchCommunities = List.copyOf(matchCommunities);
        Objects.requireNonNull(defaultAction, "defaultAction");
        Objects.requireNonNull(set, "set");
    }

    /** Accept exactly these prefixes: the default export of a node's own pod CIDRs. */
    public static RoutePolicy exactly(Collection<IpPrefix> prefixes) {
        return new RoutePolicy(prefixes.stream().map(PrefixFilter::exact).toList(), List.of(), List.of(),
                PolicyAction.REJECT, RouteActions.NONE);
    }

    /** Whether a route with this prefix and these communities passes. */
    public boolean permits(IpPrefix prefix, Collection<Community> communities) {
        for (PrefixFilter f : reject) {
            if (f.matches(prefix)) {
                return false;
            }
        }
        if (!accept.isEmpty() || !matchCommunities.isEmpty()) {
            boolean prefixOk = accept.isEmpty() || accept.stream().anyMatch(f -> f.matches(prefix));
            boolean communityOk = matchCommunities.isEmpty() || matchCommunities.stream().anyMatch(communities::contains);
            if (prefixOk && communityOk) {
                return true;
            }
        }
        return defaultAction == PolicyAction.ACCEPT;
    }

    /** True when no route can pass. */
    public boolean rejectsEverything() {
        return defaultAction == PolicyAction.REJECT && accept.isEmpty() && matchCommunities.isEmpty();
    }
}
