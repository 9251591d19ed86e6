package dev.podbgp.rib.policy;

import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.bgp.wire.Prefix;

import java.util.List;
import java.util.Objects;

/**
 * An import or export policy: terms tried in order, the first whose match
 * holds decides; when none matches, the default action decides.
 */
public record Policy(String name, List<Term> terms, Action defaultAction) {

    /** Accepts everything unchanged. */
    public static final Policy ACCEPT_ALL = new Policy("accept-all", List.of(), Action.ACCEPT);
    /** Rejects everything. */
    public static final Policy REJECT_ALL = new Policy("reject-all", List.of(), Action.REJECT);

    /**
     * Import default for external (eBGP) peers: refuse everything, so a
     * top-of-rack switch cannot push a default route onto nodes by accident.
     */
    public static final Policy DEFAULT_EBGP_IMPORT = new Policy("default-ebgp-import", List.of(), Action.REJECT);
    /** Import default for iBGP peers (the other nodes of the cluster): accept. */
    public static final Policy DEFAULT_IBGP_IMPORT = new Policy("default-ibgp-import", List.of(), Action.ACCEPT);
    /**
     * Export default: only this node's own routes (its pod CIDRs), plus the
     * routes it reflects as a route reflector. Never transit between peers.
     */
    public static final Policy DEFAULT_EXPORT = new Policy("default-export", List.of(
            new Term(Match.source(RouteSource.LOCAL), Action.ACCEPT),
            new Term(Match.reflectedRoutes(), Action.ACCEPT)), Action.REJECT);

    /** One condition and what to do when it holds. */
    public record Term(Match match, Action action) {
        public Term {
            Objects.requireNonNull(match, "match");
            Objects.requireNonNull(action, "action");
        }
    }

    public Policy {
        Objects.requireNonNull(name, "name");
        terms = List.copyOf(terms);
        Objects.requireNonNull(defaultAction, "defaultAction");
    }

    /** Index of the first term whose match holds, or -1 when the default action decides. */
    public int decidingTerm(Prefix prefix, PathAttributes attributes, RouteSource source, boolean reflected) {
        for (int i = 0; i < terms.size(); i++) {
            if (terms.get(i).match().matches(prefix, attributes, source, reflected)) {
                return i;
            }
        }
        return -1;
    }

    /** {@link #decidingTerm(Prefix, PathAttributes, RouteSource, boolean)} for the IPv4 prefix address/length. */
    public int decidingTerm(int address, int length, PathAttributes attributes, RouteSource source,
                            boolean reflected) {
        for (int i = 0; i < terms.size(); i++) {
            if (terms.get(i).match().matches(address, length, attributes, source, reflected)) {
                return i;
            }
        }
        return -1;
    }

    /** No route can pass: every term and the default reject (an import-only peer's export, say). */
    public boolean rejectsEverything() {
        if (defaultAction.accept()) {
            return false;
        }
        for (Term t : terms) {
            if (t.action().accept()) {
                return false;
            }
        }
        return true;
    }

    /** The action of a term index from {@link #decidingTerm}, -1 meaning the default action. */
    public Action action(int term) {
        return term < 0 ? defaultAction : terms.get(term).action();
    }

    /**
     * Applies the action of a term index: null when it rejects, else the
     * (possibly changed) attributes. The result depends only on the attributes
     * and the term, so callers may cache it per (attributes, term).
     */
    public PathAttributes applyTerm(int term, PathAttributes attributes) {
        Action a = action(term);
        return a.accept() ? a.apply(attributes) : null;
    }

    /** The policy's verdict: null when rejected, else the (possibly changed) attributes. */
    public PathAttributes apply(Prefix prefix, PathAttributes attributes, RouteSource source, boolean reflected) {
        return applyTerm(decidingTerm(prefix, attributes, source, reflected), attributes);
    }
}
