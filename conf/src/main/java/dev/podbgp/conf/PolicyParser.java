package dev.podbgp.conf;

import java.util.List;
import java.util.OptionalLong;

import static dev.podbgp.conf.ConfigParser.as;

/** {@code import} and {@code export}: prefix filters, community match, default action and {@code set}. */
final class PolicyParser {
    private static final Scalar<PolicyAction> ACTION = Scalars.oneOf("a policy action", PolicyAction.class,
            PolicyAction::yamlName);
    private static final Scalar<Long> U32 = Scalars.longInteger("a 32-bit value", 0, 0xffff_ffffL);
    private static final Scalar<Integer> PREPEND = Scalars.integer("a prepend count", 0, 10);

    private PolicyParser() {
    }

    /**
     * @param internal     whether the session is iBGP; null when not known (a template without asn)
     * @param defaultAccept the accept list used when neither accept nor matchCommunities is given
     * @return the policy, {@code fallback} when the key is absent, null after an error
     */
    static RoutePolicy parse(Value v, boolean export, Boolean internal, List<PrefixFilter> defaultAccept,
                             RoutePolicy fallback) {
        if (v == null) {
            return fallback;
        }
        Fields f = v.fields("a mapping with accept, reject, matchCommunities, default and set");
        if (f == null) {
            return null;
        }
        int before = v.problems().errorCount();
        Value acceptValue = f.get("accept");
        List<PrefixFilter> accept = list(acceptValue, Scalars.FILTER);
        List<PrefixFilter> reject = list(f.get("reject"), Scalars.FILTER);
        Value communitiesValue = f.get("matchCommunities");
        List<Community> communities = list(communitiesValue, Scalars.COMMUNITY);
        PolicyAction dflt = as(f.get("default"), ACTION);
        Value setValue = f.get("set");
        RouteActions set = setValue == null ? RouteActions.NONE : actions(setValue, export, internal);
        f.finish();
        if (v.problems().errorCount() > before) {
            return null;
        }
        if (acceptValue == null && communitiesValue == null) {
            accept = defaultAccept;
        }
        RoutePolicy policy = new RoutePolicy(accept, reject, communities, dflt == null ? PolicyAction.REJECT : dflt, set);
        if (setValue != null && !set.isEmpty() && policy.rejectsEverything()) {
            setValue.error("set has no effect because this policy accepts no route"
                    + " (expected accept filters, matchCommunities or default: accept beside it)");
            return null;
        }
        return policy;
    }

    private static <T> List<T> list(Value v, Scalar<T> scalar) {
        if (v == null) {
            return List.of();
        }
        return v.listOf(scalar);
    }

    private static RouteActions actions(Value v, boolean export, Boolean internal) {
        Fields f = v.fields("a mapping with localPref, med, addCommunities and asPathPrepend");
        if (f == null) {
            return null;
        }
        Value lpValue = f.get("localPref");
        Long localPref = as(lpValue, U32);
        Long med = as(f.get("med"), U32);
        Value addValue = f.get("addCommunities");
        List<Community> add = addValue == null ? List.of() : addValue.listOf(Scalars.COMMUNITY);
        Value prependValue = f.get("asPathPrepend");
        Integer prepend = as(prependValue, PREPEND);
        f.finish();
        if (lpValue != null && export && Boolean.FALSE.equals(internal)) {
            lpValue.error("localPref is not sent to a peer in another AS (expected it on import, or med on export)");
        }
        if (prependValue != null && !export) {
            prependValue.error("asPathPrepend applies to routes we send (expected it under export)");
        }
        if (prependValue != null && export && Boolean.TRUE.equals(internal) && prepend != null && prepend > 0) {
            prependValue.error("prepending our own AS towards a peer in our AS has no effect on its choice"
                    + " (expected asPathPrepend only towards external AS peers)");
        }
        if (add == null) {
            return null;
        }
        return new RouteActions(localPref == null ? OptionalLong.empty() : OptionalLong.of(localPref),
                med == null ? OptionalLong.empty() : OptionalLong.of(med), add, prepend == null ? 0 : prepend);
    }
}
