package dev.podbgp.rib.decision;

import dev.podbgp.rib.route.Attrs;
import dev.podbgp.rib.route.Path;
import dev.podbgp.rib.route.RouteEntry;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The best-path selection of RFC 4271 §9.1.2 plus the multipath (ECMP) set,
 * run over all paths of one prefix at a time. Steps, in order:
 * <ol>
 *   <li>eligibility: a path is considered only when import accepted it and its
 *       next hop resolves ({@link NextHopResolver});</li>
 *   <li>locally originated paths before learned ones (our own pod CIDRs);</li>
 *   <li>highest LOCAL_PREF (absent counts 100);</li>
 *   <li>shortest AS_PATH (AS_SET counts 1, confederation segments 0);</li>
 *   <li>lowest ORIGIN;</li>
 *   <li>lowest MED, compared only between paths from the same neighbouring AS
 *       unless always-compare-med (absent counts 0);</li>
 *   <li>eBGP-learned over iBGP-learned;</li>
 *   <li>lowest IGP cost to the next hop;</li>
 *   <li>— the paths left here form the multipath candidates —</li>
 *   <li>lowest router ID (ORIGINATOR_ID where present, else the peer's BGP identifier);</li>
 *   <li>shortest CLUSTER_LIST;</li>
 *   <li>lowest peer address;</li>
 *   <li>lowest received ADD-PATH identifier, so the result never depends on arrival order.</li>
 * </ol>
 * Steps that remove paths work on the set as the RFC describes (MED is not a
 * total order); the last four order the survivors, best first. The multipath
 * set is the best path plus the other candidates with the same AS_PATH (any
 * AS_PATH of equal length with as-path multipath relax), at most
 * {@code maxPaths} in all.
 *
 * <p>Not thread-safe: scratch arrays are reused; one instance per RIB thread.
 */
public final class DecisionProcess {
    private final PeerKeys peers;
    private final int maxPaths;
    private final boolean multipathRelax;
    private final boolean alwaysCompareMed;
    private final int localRouterId;
    private NextHopResolver resolver;

    private Path[] cand = new Path[16];
    private long[] cost = new long[16];
    /** {@link #totalOrderKey} of each candidate, for {@link #keepBestTotalOrder}. */
    private long[] tkey = new long[16];
    private boolean[] gone = new boolean[16];

    public DecisionProcess(PeerKeys peers, int maxPaths, boolean multipathRelax, boolean alwaysCompareMed,
                           int localRouterId, NextHopResolver resolver) {
        if (maxPaths < 1 || maxPaths > 64) {
            throw new IllegalArgumentException("maximum paths " + maxPaths + " is outside 1..64");
        }
        this.peers = Objects.requireNonNull(peers);
        this.maxPaths = maxPaths;
        this.multipathRelax = multipathRelax;
        this.alwaysCompareMed = alwaysCompareMed;
        this.localRouterId = localRouterId;
        this.resolver = Objects.requireNonNull(resolver);
    }

    public void resolver(NextHopResolver r) {
        resolver = Objects.requireNonNull(r);
    }

    public int maxPaths() {
        return maxPaths;
    }

    /** Runs the selection for one prefix and stores the result in the entry. */
    public void decide(RouteEntry e) {
        int n = e.size();
        ensure(n);
        int k = 0;
        for (int i = 0; i < n; i++) {
            Path p = e.path(i);
            Attrs a = p.effective();
            if (a == null) {
                continue;
            }
            long c = cost(p, a);
            if (c < 0) {
                continue;
            }
            cand[k] = p;
            cost[k] = c;
            k++;
        }
        if (k > 1) {
            k = eliminate(k);
            sortSurvivors(k);
            k = multipath(k);
        }
        e.select(cand, k);
        Arrays.fill(cand, 0, Math.min(n, cand.length), null);
    }

    /**
     * Decides again after {@code p}, a path of {@code e} that was not among its selected paths, was
     * added, or changed while it did not reach the MED step ({@link #reachedMed} before the change),
     * doing only the work that change needs; the common cases when many peers send
     * the same prefixes. The best path is the minimum of every other candidate on the total-order
     * steps (locally originated, LOCAL_PREF, AS_PATH length, ORIGIN) in turn, so comparing {@code p}
     * with the best on the first of those steps where they differ settles it:
     * <ul>
     *   <li>{@code p} is not eligible, or worse there: it drops out before MED and the later steps and
     *       removes no other path. The selection stays as it was; the answer is false.</li>
     *   <li>{@code p} is better there: it is the only candidate left after those steps, so it is the
     *       whole selection (the multipath set is drawn from those left). Installed; true.</li>
     *   <li>equal on all of them, or no selection yet: the full {@link #decide}; true.</li>
     * </ul>
     */
    public boolean decideArrival(RouteEntry e, Path p) {
        Attrs a = p.effective();
        if (a == null || cost(p, a) < 0) {
            return false;
        }
        if (e.selected() > 0 && e.path(0) != p) {
            Path best = e.path(0);
            long mine = totalOrderKey(p, a);
            long theirs = totalOrderKey(best, best.effective());
            if (mine != theirs) {
                if (mine > theirs) {
                    return false;
                }
                cand[0] = p;
                e.select(cand, 1);
                cand[0] = null;
                return true;
            }
        }
        decide(e);
        return true;
    }

    /**
     * Whether {@code p}, a path of {@code e} that is not among its selected paths, is eligible and
     * equal to the best on the total-order steps: it then reached the MED step of the last decision,
     * where it may have removed other paths (MED is not a total order). When such a path changes,
     * {@link #decideArrival} cannot judge from the new attributes alone; the caller asks this before
     * the change and runs the full {@link #decide} when it holds.
     */
    public boolean reachedMed(RouteEntry e, Path p) {
        Attrs a = p.effective();
        if (a == null || cost(p, a) < 0 || e.selected() == 0 || e.path(0) == p) {
            return false;
        }
        Path best = e.path(0);
        return totalOrderKey(p, a) == totalOrderKey(best, best.effective());
    }

    private static final int LOCAL = 0;
    private static final int LOCAL_PREF = 1;
    private static final int AS_PATH = 2;
    private static final int ORIGIN = 3;
    private static final int EBGP = 4;
    private static final int IGP_COST = 5;

    private static final String[] LOST_AT = {
        "a locally originated path is preferred",
        "lower LOCAL_PREF",
        "longer AS_PATH",
        "worse ORIGIN",
        "iBGP-learned while an eBGP-learned path exists",
        "higher IGP cost to the next hop",
    };

    /** When explaining: why each path left the selection. Null in normal runs. */
    private Map<Path, String> why;
    private String stepName;

    /**
     * Why each path of the entry is not (or not only) the best: the step that
     * removed it, for the control API ({@code show route}). Selected paths are
     * absent from the map. Does not change the entry.
     */
    public Map<Path, String> explain(RouteEntry e) {
        Map<Path, String> out = new IdentityHashMap<>();
        int n = e.size();
        ensure(n);
        why = out;
        try {
            int k = 0;
            for (int i = 0; i < n; i++) {
                Path p = e.path(i);
                Attrs a = p.effective();
                if (a == null) {
                    out.put(p, "not eligible: refused by import policy or a loop check");
                    continue;
                }
                long c = cost(p, a);
                if (c < 0) {
                    out.put(p, "not eligible: next hop unreachable");
                    continue;
                }
                cand[k] = p;
                cost[k] = c;
                k++;
            }
            if (k > 1) {
                k = eliminate(k);
                sortSurvivors(k);
                Attrs best = cand[0].effective();
                int w = 1;
                for (int i = 1; i < k; i++) {
                    String order = "; after the best path by " + orderingStep(cand[0], cand[i]);
                    if (!multipathRelax && !cand[i].effective().asPath().equals(best.asPath())) {
                        out.put(cand[i], "equal up to IGP cost, not multipath as its AS_PATH differs" + order);
                    } else if (w >= maxPaths) {
                        out.put(cand[i], "equal up to IGP cost, multipath set full (" + maxPaths + " paths)" + order);
                    } else {
                        w++;
                    }
                }
            }
            return out;
        } finally {
            why = null;
            Arrays.fill(cand, 0, Math.min(n, cand.length), null);
        }
    }

    private void ensure(int n) {
        if (cand.length < n) {
            int c = Math.max(n, cand.length * 2);
            cand = new Path[c];
            cost = new long[c];
            tkey = new long[c];
            gone = new boolean[c];
        }
    }

    private long cost(Path p, Attrs a) {
        return p.peer() == 0 ? 0 : a.nextHop() == null ? NextHopResolver.UNREACHABLE : resolver.igpCost(a.nextHop());
    }

    private int eliminate(int k) {
        if (why == null) {
            k = keepBestTotalOrder(k);
        } else {
            // Explaining: step by step, so that each path is told the step it lost at.
            k = keepBest(k, LOCAL);
            k = k > 1 ? keepBest(k, LOCAL_PREF) : k;
            k = k > 1 ? keepBest(k, AS_PATH) : k;
            k = k > 1 ? keepBest(k, ORIGIN) : k;
        }
        k = k > 1 ? med(k) : k;
        k = k > 1 ? keepBest(k, EBGP) : k;
        return k > 1 ? keepBest(k, IGP_COST) : k;
    }

    /**
     * The steps before MED (locally originated, LOCAL_PREF, AS_PATH length, ORIGIN) as one number,
     * smaller is better: each step's key in its own bits, the first step highest, so comparing two of
     * these compares the steps in turn. One read of each path's attributes instead of one per step;
     * with ten paths of a prefix, those reads (each path and its set a cache miss) were most of the
     * decision's time.
     */
    static long totalOrderKey(Path p, Attrs a) {
        long local = p.peer() == 0 ? 0 : 1;
        long lowerPref = 0xFFFF_FFFFL - a.localPref();
        return local << 56 | lowerPref << 24 | (long) a.asPathLength() << 8 | (a.origin() & 0xFF);
    }

    /** Keeps the candidates with the smallest {@link #totalOrderKey}: the four steps before MED at once. */
    private int keepBestTotalOrder(int k) {
        long best = Long.MAX_VALUE;
        long worst = Long.MIN_VALUE;
        for (int i = 0; i < k; i++) {
            long v = totalOrderKey(cand[i], cand[i].effective());
            tkey[i] = v;
            best = Math.min(best, v);
            worst = Math.max(worst, v);
        }
        if (best == worst) {
            return k;
        }
        for (int i = 0; i < k; i++) {
            gone[i] = tkey[i] != best;
        }
        return compact(k);
    }

    /** A step's key for candidate i, smaller is better. */
    private long key(int step, int i) {
        Path p = cand[i];
        return key(step, p, p.effective(), cost[i]);
    }

    private long key(int step, Path p, Attrs a, long igpCost) {
        return switch (step) {
            case LOCAL -> p.peer() == 0 ? 0 : 1;
            case LOCAL_PREF -> -a.localPref();
            case AS_PATH -> a.asPathLength();
            case ORIGIN -> a.origin();
            case EBGP -> peers.ebgp(p.peer()) ? 0 : 1;
            case IGP_COST -> igpCost;
            default -> throw new IllegalArgumentException("decision step " + step);
        };
    }

    /** Keeps the candidates with the smallest key of this step. */
    private int keepBest(int k, int step) {
        long best = Long.MAX_VALUE;
        long worst = Long.MIN_VALUE;
        for (int i = 0; i < k; i++) {
            long v = key(step, i);
            best = Math.min(best, v);
            worst = Math.max(worst, v);
        }
        if (best == worst) {
            // All equal on this step (the ECMP case): nothing to remove.
            return k;
        }
        stepName = LOST_AT[step];
        for (int i = 0; i < k; i++) {
            gone[i] = key(step, i) != best;
        }
        return compact(k);
    }

    private int med(int k) {
        boolean allEqual = true;
        for (int i = 1; i < k && allEqual; i++) {
            allEqual = cand[i].effective().med() == cand[0].effective().med();
        }
        if (allEqual) {
            return k;
        }
        for (int i = 0; i < k; i++) {
            Attrs a = cand[i].effective();
            boolean worse = false;
            for (int j = 0; j < k && !worse; j++) {
                Attrs o = cand[j].effective();
                worse = o.med() < a.med() && (alwaysCompareMed || o.neighbourAs() == a.neighbourAs());
            }
            gone[i] = worse;
        }
        stepName = "higher MED than a path from the same neighbouring AS";
        return compact(k);
    }

    private int compact(int k) {
        int w = 0;
        for (int i = 0; i < k; i++) {
            if (gone[i] && why != null) {
                why.put(cand[i], stepName);
            }
            if (!gone[i]) {
                cand[w] = cand[i];
                cost[w] = cost[i];
                w++;
            }
            gone[i] = false;
        }
        for (int i = w; i < k; i++) {
            cand[i] = null;
        }
        return w;
    }

    /** Insertion sort by the ordering steps: few survivors, usually one or two. */
    private void sortSurvivors(int k) {
        for (int i = 1; i < k; i++) {
            Path p = cand[i];
            long c = cost[i];
            int j = i - 1;
            while (j >= 0 && order(cand[j], p) > 0) {
                cand[j + 1] = cand[j];
                cost[j + 1] = cost[j];
                j--;
            }
            cand[j + 1] = p;
            cost[j + 1] = c;
        }
    }

    private String orderingStep(Path best, Path p) {
        if (routerId(best) != routerId(p)) {
            return "router ID";
        }
        if (best.effective().clusterListLength() != p.effective().clusterListLength()) {
            return "CLUSTER_LIST length";
        }
        return peers.compareAddress(best.peer(), p.peer()) != 0 ? "peer address" : "path identifier";
    }

    /** Router ID, CLUSTER_LIST length, peer address, received path ID, peer index. */
    int order(Path a, Path b) {
        int c = Integer.compareUnsigned(routerId(a), routerId(b));
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.effective().clusterListLength(), b.effective().clusterListLength());
        if (c != 0) {
            return c;
        }
        c = peers.compareAddress(a.peer(), b.peer());
        if (c != 0) {
            return c;
        }
        c = Integer.compareUnsigned(a.pathId(), b.pathId());
        return c != 0 ? c : Integer.compare(a.peer(), b.peer());
    }

    private int multipath(int k) {
        Attrs best = cand[0].effective();
        int w = 1;
        for (int i = 1; i < k && w < maxPaths; i++) {
            if (multipathRelax || cand[i].effective().sameAsPath(best)) {
                cand[w] = cand[i];
                cost[w] = cost[i];
                w++;
            }
        }
        for (int i = w; i < k; i++) {
            cand[i] = null;
        }
        return w;
    }

    private int routerId(Path p) {
        Attrs a = p.effective();
        if (a.hasOriginatorId()) {
            return a.originatorId();
        }
        return p.peer() == 0 ? localRouterId : peers.routerId(p.peer());
    }

}
