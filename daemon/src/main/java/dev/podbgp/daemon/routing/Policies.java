package dev.podbgp.daemon.routing;

import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.conf.Community;
import dev.podbgp.conf.Peer;
import dev.podbgp.conf.PeerKind;
import dev.podbgp.conf.PolicyAction;
import dev.podbgp.conf.PrefixFilter;
import dev.podbgp.conf.RouteActions;
import dev.podbgp.conf.RoutePolicy;
import dev.podbgp.rib.PeerConfig;
import dev.podbgp.rib.policy.Action;
import dev.podbgp.rib.policy.Match;
import dev.podbgp.rib.policy.Policy;
import dev.podbgp.rib.policy.PrefixRange;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The configuration's import/export policies in the RIB's terms. Cluster
 * sessions get the RIB's own safe defaults (accept iBGP; export only our pod
 * CIDRs and, as route reflector, reflected routes), which is what
 * {@code RoutePolicy.ACCEPT_ALL} on a cluster session means in {@code conf}.
 */
final class Policies {
    private Policies() {
    }

    /** The RIB's settings for one configured or dynamic session. */
    static PeerConfig ribPeer(Peer peer) {
        var s = peer.settings();
        boolean cluster = peer.kind() == PeerKind.CLUSTER;
        Policy in = cluster ? null : policy(peer.name() + " import", s.importPolicy());
        Policy out = cluster ? null : policy(peer.name() + " export", s.exportPolicy());
        return new PeerConfig(s.routeReflectorClient(), s.nextHopSelf(), 0, s.exportPolicy().set().asPathPrepend(),
                in, out);
    }

    /**
     * conf's rule (reject filters, then the accept rule, then the default)
     * as terms tried in order. Accepted routes get {@code set}, also those the
     * default accepts, as {@link RoutePolicy#evaluate} does.
     */
    static Policy policy(String name, RoutePolicy p) {
        List<Policy.Term> terms = new ArrayList<>();
        if (!p.reject().isEmpty()) {
            terms.add(new Policy.Term(new Match(ranges(p.reject()), Set.of(), Set.of(), false), Action.REJECT));
        }
        Action accept = action(p.set());
        if (!p.accept().isEmpty() || !p.matchCommunities().isEmpty()) {
            terms.add(new Policy.Term(new Match(ranges(p.accept()), communities(p.matchCommunities()), Set.of(), false),
                    accept));
        }
        return new Policy(name, terms, p.defaultAction() == PolicyAction.ACCEPT ? accept : Action.REJECT);
    }

    private static List<PrefixRange> ranges(List<PrefixFilter> filters) {
        List<PrefixRange> out = new ArrayList<>(filters.size());
        for (PrefixFilter f : filters) {
            out.add(new PrefixRange(Prefix.parse(f.prefix().toString()), f.minLength(), f.maxLength()));
        }
        return out;
    }

    private static Set<Integer> communities(List<Community> list) {
        Set<Integer> out = new HashSet<>();
        list.forEach(c -> out.add(c.value()));
        return out;
    }

    private static Action action(RouteActions set) {
        int[] add = set.addCommunities().stream().mapToInt(Community::value).toArray();
        return new Action(true, set.localPref().isPresent() ? set.localPref().getAsLong() : null,
                set.med().isPresent() ? set.med().getAsLong() : null, add, new int[0]);
    }
}
