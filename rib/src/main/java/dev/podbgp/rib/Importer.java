package dev.podbgp.rib;

import dev.podbgp.bgp.wire.AsPath;
import dev.podbgp.bgp.wire.Communities;
import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.rib.policy.Policy;
import dev.podbgp.rib.policy.RouteSource;
import dev.podbgp.rib.route.Attrs;
import dev.podbgp.rib.route.AttrsInterner;

/**
 * Import processing of one received path: loop detection (own AS with
 * allowas-in for eBGP; ORIGINATOR_ID and CLUSTER_LIST for iBGP, RFC 4456 §8),
 * LOCAL_PREF from another AS ignored, GRACEFUL_SHUTDOWN to LOCAL_PREF 0
 * (RFC 8326), then the peer's import policy. The prefixes of one UPDATE share
 * their attributes, so results are cached per peer for the last attribute set.
 */
final class Importer {
    private final RibConfig config;
    private final AttrsInterner interner;

    Importer(RibConfig config, AttrsInterner interner) {
        this.config = config;
        this.interner = interner;
    }

    /**
     * Import processing: loop checks, RFC defaults, then the peer's policy. Null means ineligible. The
     * prefix is {@code prefix}, or when that is null the IPv4 prefix {@code address}/{@code length}.
     */
    Attrs effective(PeerState p, Prefix prefix, int address, int length, Attrs raw) {
        PathAttributes pre;
        if (p.preRaw == raw) {
            pre = p.preRejected ? null : p.preResult;
        } else {
            pre = preImport(p, raw.attributes());
            p.preRaw = raw;
            p.preRejected = pre == null;
            p.preResult = pre;
            p.impValid = false;
        }
        if (pre == null) {
            return null;
        }
        Policy policy = p.importPolicy;
        RouteSource source = p.ebgp ? RouteSource.EBGP : RouteSource.IBGP;
        int term = prefix != null ? policy.decidingTerm(prefix, pre, source, false)
                : policy.decidingTerm(address, length, pre, source, false);
        if (p.impValid && p.impRaw == raw && p.impTerm == term) {
            return interner.retain(p.impEff);
        }
        PathAttributes post = policy.applyTerm(term, pre);
        Attrs eff = post == null ? null
                : post == raw.attributes() ? interner.retain(raw)
                : interner.acquire(post, raw.nextHop(), raw.linkLocalNextHop());
        interner.release(p.impEff);
        p.impRaw = raw;
        p.impTerm = term;
        p.impEff = interner.retain(eff);
        p.impValid = true;
        return eff;
    }

    private PathAttributes preImport(PeerState p, PathAttributes a) {
        PathAttributes.Builder b = null;
        if (p.ebgp) {
            AsPath path = a.asPath() == null ? AsPath.EMPTY : a.asPath();
            if (path.count((int) config.localAs()) > p.config.allowAsIn()) {
                return null;
            }
            if (a.localPref() != null) {
                // LOCAL_PREF is not to be taken from another AS (RFC 4271 §5.1.5).
                b = a.toBuilder().localPref(null);
            }
        } else {
            if (a.originatorId() != null && a.originatorId() == config.routerId()) {
                return null;
            }
            if (a.clusterList().contains(config.clusterId())) {
                return null;
            }
        }
        if (a.communities().contains(Communities.GRACEFUL_SHUTDOWN)) {
            b = (b == null ? a.toBuilder() : b).localPref(0L);
        }
        return b == null ? a : b.build();
    }
}
