package dev.podbgp.rib;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.AsPath;
import dev.podbgp.bgp.wire.Ipv4Prefix;
import dev.podbgp.bgp.wire.Ipv4PrefixList;
import dev.podbgp.bgp.wire.MpReach;
import dev.podbgp.bgp.wire.MpUnreach;
import dev.podbgp.bgp.wire.Origin;
import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.bgp.wire.UpdateMessage;
import dev.podbgp.rib.decision.DecisionProcess;
import dev.podbgp.rib.decision.NextHopResolver;
import dev.podbgp.rib.decision.PeerKeys;
import dev.podbgp.rib.out.UpdateSink;
import dev.podbgp.rib.policy.Policy;
import dev.podbgp.rib.route.Attrs;
import dev.podbgp.rib.route.AttrsInterner;
import dev.podbgp.rib.route.OutAttrs;
import dev.podbgp.rib.route.OutPath;
import dev.podbgp.rib.route.Path;
import dev.podbgp.rib.route.PrefixTable;
import dev.podbgp.rib.route.RouteEntry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The routing information base: Adj-RIB-In per peer, the decision process
 * with ECMP, Loc-RIB, Adj-RIB-Out per peer, for IPv4 and IPv6 unicast.
 *
 * <p><b>One owner.</b> Every method must be called on the RIB's own thread
 * (see {@link RibRunner} for the thread and the bounded handoff sessions use);
 * nothing here locks. Output leaves through two callbacks on that thread:
 * {@link FibListener} (Loc-RIB changes for the FIB writer, after each call)
 * and {@link UpdateSink} (UPDATEs per peer, after the coalescing window).
 *
 * <p>Session layer: {@link #peerUp}, {@link #updates}, {@link #endOfRib},
 * {@link #routeRefresh}, {@link #peerDown}. Daemon: {@link #configurePeer},
 * {@link #originate}, {@link #withdrawOrigin}, {@link #nextHopsChanged}.
 */
public final class Rib {
    /**
     * Changed prefixes at which the coalescing window ends early. In a table load the RIB never runs
     * out of input, so a window held everything it took in for its whole length (some 35,000 prefixes
     * in 50 ms), built and handed to the sessions at once; whatever of that a young collection found
     * still in flight moved to the old generation and stayed there: 20-30 MB of a 1M-prefix load's
     * peak RSS. Smaller batches also reach the sessions sooner.
     */
    static final int EXPORT_BATCH = 4_096;

    private final RibConfig config;
    private final RibScheduler scheduler;
    private final FibListener fib;
    final UpdateSink sink;

    final AttrsInterner interner = new AttrsInterner();
    final PeerKeys peerKeys = new PeerKeys();
    private final DecisionProcess decision;
    final PrefixTable v4 = new PrefixTable();
    final PrefixTable v6 = new PrefixTable();

    final List<PeerState> peers = new ArrayList<>();
    private final Map<PeerId, PeerState> peersById = new HashMap<>();

    private final DirtyList fibDirty = new DirtyList();
    /** {@link FibListener#wantsRoutes}, asked once: pass-through lists no entries for the FIB at all. */
    private final boolean fibWanted;
    /** Without {@link #fibWanted}: the Loc-RIB changed since the listener last heard so. */
    private boolean fibChanged;
    final DirtyList exportDirty = new DirtyList();
    private final Exporter exporter;
    private final Importer importer;

    private boolean deferring;
    private boolean converged;
    private RibScheduler.Cancellable convergenceTimer;
    private RibScheduler.Cancellable flushTask;
    private boolean flushWanted;
    private Attrs localAttrs;
    private int localRoutes;

    // Scratch for change detection around a decision.
    private int[] prevPeer = new int[16];
    private Attrs[] prevAttrs = new Attrs[16];
    private int[] prevLocalId = new int[16];

    public Rib(RibConfig config, RibScheduler scheduler, NextHopResolver resolver, FibListener fib, UpdateSink sink) {
        this.config = Objects.requireNonNull(config, "config");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.fib = Objects.requireNonNull(fib, "fib listener");
        this.fibWanted = fib.wantsRoutes();
        this.sink = Objects.requireNonNull(sink, "update sink");
        this.decision = new DecisionProcess(peerKeys, config.maxPaths(), config.multipathRelax(),
                config.alwaysCompareMed(), config.routerId(), resolver);
        PeerState local = new PeerState(0, PeerId.LOCAL);
        peers.add(local);
        peersById.put(PeerId.LOCAL, local);
        peerKeys.set(0, false, config.routerId(), null);
        this.exporter = new Exporter(this);
        this.importer = new Importer(config, interner);
        this.deferring = config.restarting();
        this.convergenceTimer = scheduler.schedule(config.selectionDeferralMillis(), () -> {
            convergenceTimer = null;
            converge();
            endOp();
        });
    }

    public RibConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- peers

    /**
     * Sets a peer's operator configuration. A configured peer is one the RIB
     * waits for (its End-of-RIB) before declaring convergence after start.
     * On a live peer the change applies at once without a session reset:
     * import is re-run from the Adj-RIB-In (and ROUTE-REFRESH asked for when
     * rejected routes were not kept), export is re-evaluated and the
     * differences sent.
     */
    public void configurePeer(PeerId id, PeerConfig peerConfig) {
        Objects.requireNonNull(peerConfig, "peer config");
        PeerState p = peer(id);
        boolean changed = !p.config.equals(peerConfig);
        p.config = peerConfig;
        p.configured = true;
        // Stale paths of a restarting peer are in the Loc-RIB too: the new policy applies to them at once.
        if (changed && (p.up || !p.staleFamilies.isEmpty())) {
            resolvePolicies(p);
            reimport(p);
        }
        if (changed && p.up) {
            for (AddressFamily f : routedFamilies(p)) {
                p.walk(f, PeerState.WALK_DIFF);
            }
            wantFlush();
        }
        endOp();
    }

    /** Forgets a peer: its routes go at once, as on a non-graceful session end. */
    public void removePeer(PeerId id) {
        PeerState p = peersById.get(id);
        if (p == null || p.index == 0) {
            return;
        }
        peerDown(id, false);
        p.configured = false;
        p.config = PeerConfig.DEFAULT;
        endOp();
    }

    /**
     * A session reached Established. Starts the initial table dump to the peer
     * (ending with End-of-RIB per family). A peer coming back from a graceful
     * restart keeps its stale routes until its End-of-RIB for families whose
     * forwarding state it preserved, and loses them now for the others.
     */
    public void peerUp(PeerId id, PeerInfo info) {
        Objects.requireNonNull(info, "peer info");
        PeerState p = peer(id);
        if (p.index == 0) {
            throw new IllegalArgumentException("peer id \"" + id + "\" is reserved for local routes");
        }
        if (p.up) {
            throw new IllegalStateException("peer " + p + " is already up; call peerDown first");
        }
        p.sessionUp(info);
        p.upSequence = ++sessionsUp;
        p.ebgp = info.asn() != config.localAs();
        p.eorReceived.clear();
        resolvePolicies(p);
        peerKeys.set(p.index, p.ebgp, info.routerId(), info.address());
        if (p.restartTimer != null) {
            p.restartTimer.cancel();
            p.restartTimer = null;
        }
        if (!p.staleFamilies.isEmpty()) {
            PeerCapabilities.GracefulRestart gr = info.capabilities().gracefulRestart();
            Set<AddressFamily> drop = new HashSet<>();
            for (AddressFamily f : p.staleFamilies) {
                if (gr == null || !gr.families().contains(f) || !gr.forwardingPreserved().contains(f)) {
                    drop.add(f);
                }
            }
            flushStale(p, drop);
            if (!p.staleFamilies.isEmpty()) {
                p.staleTimer = scheduler.schedule(config.staleRoutesMillis(), () -> {
                    p.staleTimer = null;
                    flushStale(p, Set.copyOf(p.staleFamilies));
                    endOp();
                });
            }
        }
        for (AddressFamily f : info.capabilities().families()) {
            if (f.isRouted()) {
                p.walk(f, PeerState.WALK_DIFF | PeerState.WALK_EOR);
            }
        }
        wantFlush();
        endOp();
    }

    /**
     * A session ended. With {@code graceful} (the peer negotiated graceful
     * restart and the session ended without a NOTIFICATION, RFC 4724 / 8538)
     * its routes stay, marked stale, for its restart time; otherwise they go now.
     */
    public void peerDown(PeerId id, boolean graceful) {
        PeerState p = peersById.get(id);
        if (p == null || p.index == 0 || !p.up && p.staleFamilies.isEmpty()) {
            return;
        }
        boolean wasUp = p.up;
        PeerCapabilities.GracefulRestart gr = p.info == null ? null : p.info.capabilities().gracefulRestart();
        p.up = false;
        Arrays.fill(p.walks, 0);
        if (p.staleTimer != null) {
            p.staleTimer.cancel();
            p.staleTimer = null;
        }
        Set<AddressFamily> keep = graceful && wasUp && gr != null ? gr.families() : Set.of();
        if (!keep.isEmpty() && !p.staleFamilies.isEmpty()) {
            // Restarting again before its End-of-RIB: routes still stale from the last restart go (RFC 4724 §4.2).
            flushStale(p, Set.copyOf(p.staleFamilies));
        }
        p.staleFamilies.clear();
        p.staleFamilies.addAll(keep);
        dropPeer(p, keep);
        if (!keep.isEmpty()) {
            long restart = gr.restartTimeSeconds() * 1000L;
            p.restartTimer = scheduler.schedule(restart, () -> {
                p.restartTimer = null;
                if (!p.up) {
                    flushStale(p, Set.copyOf(p.staleFamilies));
                }
                endOp();
            });
        } else if (p.restartTimer != null) {
            p.restartTimer.cancel();
            p.restartTimer = null;
        }
        endOp();
    }

    /**
     * Routes received from a peer: each message's withdrawals, announcements
     * and End-of-RIB markers, in order. ADD-PATH identifiers come in
     * {@link Prefix#pathId()}.
     */
    public void updates(PeerId id, List<UpdateMessage> batch) {
        PeerState p = upPeer(id, "updates");
        for (UpdateMessage m : batch) {
            AddressFamily eor = m.endOfRibFamily();
            if (eor != null) {
                endOfRibInternal(p, eor);
                continue;
            }
            withdrawAll(p, m.withdrawn());
            MpUnreach unreach = m.mpUnreach();
            if (unreach != null) {
                withdrawAll(p, unreach.withdrawn());
            }
            PathAttributes a = m.attributes();
            if (!m.nlri().isEmpty()) {
                Attrs raw = interner.acquire(a, a.nextHop(), null);
                announceAll(p, m.nlri(), raw);
                interner.release(raw);
            }
            MpReach reach = m.mpReach();
            if (reach != null && !reach.nlri().isEmpty()) {
                Attrs raw = interner.acquire(a.nextHop() == null ? a : a.toBuilder().nextHop(null).build(),
                        reach.nextHop(), reach.linkLocalNextHop());
                announceAll(p, reach.nlri(), raw);
                interner.release(raw);
            }
        }
        endOp();
    }

    /** Sink for {@link PrefixTable#touch}. */
    private int touched;

    // Indexed loops over the UPDATE's lists (immutable, random access): their iterators were garbage per UPDATE.
    // Packed IPv4 lists are read by their parts: no prefix object is made unless a change is exported.
    private void withdrawAll(PeerState p, List<Prefix> prefixes) {
        if (prefixes instanceof Ipv4PrefixList v) {
            touched += v4.touch(v);
            for (int i = 0, n = v.size(); i < n; i++) {
                withdraw(p, v4.get(v.address(i), v.length(i)), v.pathId(i), null);
            }
            return;
        }
        if (prefixes.size() > 1) {
            touched += table(prefixes.get(0)).touch(prefixes);
        }
        for (int i = 0; i < prefixes.size(); i++) {
            Prefix x = prefixes.get(i);
            withdraw(p, table(x).get(x), x.pathId(), x);
        }
    }

    private void announceAll(PeerState p, List<Prefix> prefixes, Attrs raw) {
        if (prefixes instanceof Ipv4PrefixList v) {
            touched += v4.touch(v);
            for (int i = 0, n = v.size(); i < n; i++) {
                int address = v.address(i);
                int length = v.length(i);
                announce(p, v4.getOrCreate(address, length), null, address, length, v.pathId(i), raw);
            }
            return;
        }
        if (prefixes.size() > 1) {
            touched += table(prefixes.get(0)).touch(prefixes);
        }
        for (int i = 0; i < prefixes.size(); i++) {
            Prefix x = prefixes.get(i);
            announce(p, table(x).getOrCreate(x), x, 0, 0, x.pathId(), raw);
        }
    }

    /** End-of-RIB from a peer (also recognised inside {@link #updates}). */
    public void endOfRib(PeerId id, AddressFamily family) {
        endOfRibInternal(upPeer(id, "End-of-RIB"), family);
        endOp();
    }

    /** The peer asked for our routes again (ROUTE-REFRESH): its Adj-RIB-Out is re-sent. */
    public void routeRefresh(PeerId id, AddressFamily family) {
        PeerState p = upPeer(id, "ROUTE-REFRESH");
        if (p.negotiated(family)) {
            p.walk(family, PeerState.WALK_RESEND);
            wantFlush();
        }
        endOp();
    }

    /**
     * The peer sent a Beginning-of-RIB-Refresh (enhanced route refresh, RFC
     * 7313): its routes of the family are marked stale until it re-sends them.
     */
    public void refreshBegins(PeerId id, AddressFamily family) {
        PeerState p = upPeer(id, "Beginning-of-RIB-Refresh");
        table(family).forEach(e -> {
            for (int i = 0; i < e.size(); i++) {
                if (e.path(i).peer() == p.index) {
                    e.path(i).stale(true);
                }
            }
        });
        p.staleFamilies.add(family);
        endOp();
    }

    /** End-of-RIB-Refresh (RFC 7313): routes the peer did not re-send during the refresh go. */
    public void refreshEnds(PeerId id, AddressFamily family) {
        PeerState p = upPeer(id, "End-of-RIB-Refresh");
        if (p.staleFamilies.contains(family)) {
            flushStale(p, Set.of(family));
        }
        endOp();
    }

    // ---------------------------------------------------------------- local routes

    /** Originates one of our own prefixes (a pod CIDR of this node). */
    public void originate(Prefix prefix) {
        if (localAttrs == null) {
            localAttrs = interner.acquire(PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.EMPTY).build(), null, null);
        }
        Prefix x = prefix.withPathId(0);
        RouteEntry e = table(x).getOrCreate(x);
        if (e.find(0, 0) != null) {
            return;
        }
        before(e);
        Path path = e.add(0, 0);
        path.attrs(interner.retain(localAttrs), interner.retain(localAttrs));
        localRoutes++;
        after(e, x);
        endOp();
    }

    /** Stops originating a prefix. */
    public void withdrawOrigin(Prefix prefix) {
        Prefix x = prefix.withPathId(0);
        RouteEntry e = table(x).get(x);
        Path path = e == null ? null : e.find(0, 0);
        if (path != null) {
            before(e);
            removePath(e, path);
            after(e, null);
            if (--localRoutes == 0) {
                interner.release(localAttrs);
                localAttrs = null;
            }
        }
        endOp();
    }

    /** The next-hop resolver's answers changed (IGP costs, reachability): every prefix is decided again. */
    public void nextHopsChanged(NextHopResolver resolver) {
        if (resolver != null) {
            decision.resolver(resolver);
        }
        for (PrefixTable t : List.of(v4, v6)) {
            List<RouteEntry> all = new ArrayList<>(t.size());
            t.forEach(all::add);
            for (RouteEntry e : all) {
                before(e);
                after(e, null);
            }
        }
        endOp();
    }

    /**
     * No input is waiting (the caller's queue is empty): what the coalescing window holds goes out now
     * instead of when the window ends. The window then coalesces only while input keeps coming, as in
     * a table load; it never delays the last change of a burst, or a change on its own.
     */
    public void idle() {
        if (flushTask != null) {
            flush();
        }
    }

    /** Sends what the coalescing window holds now (e.g. before shutdown, or in tests). */
    public void flush() {
        if (flushTask != null) {
            flushTask.cancel();
            flushTask = null;
        }
        flushWanted = false;
        if (!deferring) {
            exporter.flush();
        }
        emitFib();
    }

    // ---------------------------------------------------------------- inspection

    /** The prefix's paths and selection, or null when the RIB holds nothing for it. */
    public RouteView route(Prefix prefix) {
        Prefix x = prefix.withPathId(0);
        RouteEntry e = table(x).get(x);
        return e == null || e.size() == 0 ? null : view(e);
    }

    /** Every prefix of the family with at least one selected path. */
    public List<RouteView> locRib(AddressFamily family) {
        List<RouteView> out = new ArrayList<>();
        table(family).forEach(e -> {
            if (e.selected() > 0) {
                out.add(view(e));
            }
        });
        return out;
    }

    /** What we last sent this peer for the family (prefixes carry our ADD-PATH ids when in use). */
    public List<AdvertisedRoute> adjRibOut(PeerId id, AddressFamily family) {
        PeerState p = peersById.get(id);
        List<AdvertisedRoute> out = new ArrayList<>();
        if (p == null) {
            return out;
        }
        // Exported sets are made on demand: once per set here, not once per prefix.
        Map<OutAttrs, PathAttributes> made = new IdentityHashMap<>();
        table(family).forEach(e -> {
            Object o = e.out(p.index);
            if (o instanceof OutAttrs a) {
                out.add(new AdvertisedRoute(e.prefix(), made.computeIfAbsent(a, OutAttrs::attributes), a.nextHop()));
            } else if (o instanceof OutPath[] paths) {
                Prefix x = e.prefix();
                for (OutPath op : paths) {
                    out.add(new AdvertisedRoute(x.withPathId(op.localId()),
                            made.computeIfAbsent(op.attrs(), OutAttrs::attributes), op.attrs().nextHop()));
                }
            }
        });
        return out;
    }

    /**
     * How many routes we last sent this peer for the family (ADD-PATH paths
     * counted one by one): {@code adjRibOut(id, family).size()} without making
     * the list, nor the exported attributes, which the Adj-RIB-Out does not keep.
     */
    public long advertisedCount(PeerId id, AddressFamily family) {
        PeerState p = peersById.get(id);
        if (p == null) {
            return 0;
        }
        long[] n = {0};
        table(family).forEach(e -> n[0] += advertised(e.out(p.index)));
        return n[0];
    }

    /** Routes one Adj-RIB-Out slot stands for: none, one set, or one per ADD-PATH path. */
    private static int advertised(Object out) {
        return out instanceof OutPath[] paths ? paths.length : out != null ? 1 : 0;
    }

    /** Paths held (all peers, both families), prefixes held, distinct attribute sets. */
    public RibStats stats() {
        long[] paths = {0};
        v4.forEach(e -> paths[0] += e.size());
        v6.forEach(e -> paths[0] += e.size());
        return stats(paths[0]);
    }

    private RibStats stats(long paths) {
        return new RibStats(paths, v4.size() + v6.size(), interner.size() + interner.exportedSize());
    }

    /**
     * Per peer, over both families: paths held from it ({@code received}),
     * those import made eligible ({@code accepted}) and routes we last advertised to it ({@code advertised},
     * one per ADD-PATH path); plus {@link #stats()}. One walk over the tables
     * and nothing allocated per prefix, so status can be refreshed on a
     * million-prefix table without turning it into views.
     */
    public RouteCounts routeCounts() {
        long[] received = new long[peers.size()];
        long[] accepted = new long[peers.size()];
        long[] advertised = new long[peers.size()];
        long[] paths = {0};
        java.util.function.Consumer<RouteEntry> count = e -> {
            int n = e.size();
            paths[0] += n;
            for (int i = 0; i < n; i++) {
                Path p = e.path(i);
                if (p.peer() < received.length) {
                    received[p.peer()]++;
                    if (p.effective() != null) {
                        accepted[p.peer()]++;
                    }
                }
            }
            if (e.hasOut()) {
                for (int peer = 1; peer < advertised.length; peer++) {
                    advertised[peer] += advertised(e.out(peer));
                }
            }
        };
        v4.forEach(count);
        v6.forEach(count);
        Map<PeerId, RouteCounts.Peer> byPeer = new HashMap<>();
        for (PeerState p : peers) {
            if (p.index != 0) {
                byPeer.put(p.id, new RouteCounts.Peer(received[p.index], accepted[p.index], advertised[p.index]));
            }
        }
        return new RouteCounts(byPeer, stats(paths[0]));
    }

    /** Whether output is held back as the restarting speaker of a graceful restart. */
    public boolean deferring() {
        return deferring;
    }

    public boolean converged() {
        return converged;
    }

    // ---------------------------------------------------------------- import

    /**
     * A path received for entry {@code e}: {@code x} is its prefix when at hand, else null and {@code address}
     * and {@code length} give the IPv4 prefix.
     */
    private void announce(PeerState p, RouteEntry e, Prefix x, int address, int length, int pathId, Attrs raw) {
        Path path = e.find(p.index, pathId);
        Attrs eff = importer.effective(p, x, address, length, raw);
        if (eff == null && !p.keepsRejected()) {
            if (path != null) {
                before(e);
                removePath(e, path);
                after(e, x);
            } else if (e.isEmpty()) {
                table(e).remove(e);
            }
            return;
        }
        before(e);
        // A path that was selected, or that reached the MED step (where it may have removed others), needs
        // the full decision; any other arrival is judged by comparing it with the best alone.
        boolean full = false;
        if (path == null) {
            path = e.add(p.index, pathId);
        } else {
            for (int i = 0; i < e.selected() && !full; i++) {
                full = e.path(i) == path;
            }
            full = full || decision.reachedMed(e, path);
            interner.release(path.received());
            interner.release(path.effective());
        }
        attrs(path, interner.retain(raw), eff);
        path.stale(false);
        if (full) {
            after(e, x);
        } else if (decision.decideArrival(e, path)) {
            // Decided with as little work as the arrival allows (often: it beats the best outright).
            decided(e, x);
        } else {
            // Behind the best on an early step: the selection, the FIB and every Adj-RIB-Out stay as they are.
            forgetBefore();
        }
    }

    /** A withdrawal for entry {@code e} (null: no such prefix); {@code x} is its prefix when at hand, else null. */
    private void withdraw(PeerState p, RouteEntry e, int pathId, Prefix x) {
        Path path = e == null ? null : e.find(p.index, pathId);
        if (path == null) {
            return;
        }
        before(e);
        removePath(e, path);
        after(e, x);
    }

    private void reimport(PeerState p) {
        p.preRaw = null;
        p.impValid = false;
        for (PrefixTable t : List.of(v4, v6)) {
            List<RouteEntry> mine = new ArrayList<>();
            t.forEach(e -> {
                for (int i = 0; i < e.size(); i++) {
                    if (e.path(i).peer() == p.index) {
                        mine.add(e);
                        return;
                    }
                }
            });
            for (RouteEntry e : mine) {
                Prefix x = e.prefix();
                before(e);
                for (int i = e.size() - 1; i >= 0; i--) {
                    Path path = e.path(i);
                    if (path.peer() != p.index) {
                        continue;
                    }
                    Attrs raw = path.received();
                    Attrs eff = importer.effective(p, x.withPathId(path.pathId()), 0, 0, raw);
                    if (eff == null && !p.keepsRejected()) {
                        removePath(e, path);
                    } else {
                        interner.release(path.effective());
                        attrs(path, raw, eff);
                    }
                }
                after(e, null);
            }
        }
        if (p.up && p.info.capabilities().routeRefresh()) {
            for (AddressFamily f : routedFamilies(p)) {
                sink.requestRouteRefresh(p.id, f);
            }
        }
    }

    private void resolvePolicies(PeerState p) {
        p.importPolicy = p.config.importPolicy() != null ? p.config.importPolicy()
                : p.ebgp ? Policy.DEFAULT_EBGP_IMPORT : Policy.DEFAULT_IBGP_IMPORT;
        p.exportPolicy = p.config.exportPolicy() != null ? p.config.exportPolicy() : Policy.DEFAULT_EXPORT;
        p.exportsNothing = p.exportPolicy.rejectsEverything();
        dropCaches(p);
    }

    /**
     * Counts changes of any peer's session or policies; export's per-peer verdict caches
     * ({@link PeerState#verdictEpoch}) hold only while it stays the same.
     */
    long peerEpoch;

    /** Lets go of the one-entry attribute caches so nothing of a dead session stays interned. */
    private void dropCaches(PeerState p) {
        peerEpoch++;
        p.verdictAttrs = null;
        interner.release(p.expOut);
        p.expOut = null;
        p.expSrc = null;
        p.recipe = null;
        interner.release(p.impEff);
        p.impEff = null;
        p.impValid = false;
        p.preRaw = null;
        p.preResult = null;
    }

    // ---------------------------------------------------------------- graceful restart, convergence

    private void endOfRibInternal(PeerState p, AddressFamily f) {
        p.eorReceived.add(f);
        if (p.staleFamilies.contains(f)) {
            flushStale(p, Set.of(f));
        }
        if (!converged && allConfiguredPeersDone()) {
            converge();
        }
    }

    /** Sessions that have come up so far (see {@link PeerState#upSequence}). */
    private long sessionsUp;

    /**
     * Where a session stands when several wait to be read ({@link RibRunner}), lower first: 0 once
     * End-of-RIB came for each of its routed families (its changes are live routing news), else the
     * order its session came up in; {@link Long#MAX_VALUE} for a session the RIB has not seen up.
     */
    long readingRank(PeerId id) {
        PeerState p = peersById.get(id);
        if (p == null || !p.up) {
            return Long.MAX_VALUE;
        }
        return tableComplete(p) ? 0 : p.upSequence;
    }

    private boolean allConfiguredPeersDone() {
        boolean any = false;
        for (PeerState p : peers) {
            if (!p.configured) {
                continue;
            }
            any = true;
            if (!p.up || !tableComplete(p)) {
                return false;
            }
        }
        return any;
    }

    /**
     * End-of-RIB came for every routed family of the session. Without a set per call: until the startup
     * convergence each End-of-RIB checks every peer (500 sessions: 250,000 checks).
     */
    private static boolean tableComplete(PeerState p) {
        for (AddressFamily f : p.info.capabilities().families()) {
            if (f.isRouted() && !p.eorReceived.contains(f)) {
                return false;
            }
        }
        return true;
    }

    private static Set<AddressFamily> routedFamilies(PeerState p) {
        Set<AddressFamily> s = new HashSet<>();
        for (AddressFamily f : p.info.capabilities().families()) {
            if (f.isRouted()) {
                s.add(f);
            }
        }
        return s;
    }

    /** The RIB has the routes of every configured peer (or gave up waiting): release deferred output. */
    private void converge() {
        if (convergenceTimer != null) {
            convergenceTimer.cancel();
            convergenceTimer = null;
        }
        boolean wasDeferring = deferring;
        deferring = false;
        if (wasDeferring) {
            for (PrefixTable t : List.of(v4, v6)) {
                t.forEach(e -> {
                    if (e.selected() > 0) {
                        markFib(e, null);
                    }
                });
            }
            wantFlush();
        }
        if (!converged) {
            converged = true;
            emitFib();
            fib.converged();
        }
    }

    /** Removes a peer's stale paths of these families. */
    private void flushStale(PeerState p, Set<AddressFamily> families) {
        for (AddressFamily f : families) {
            PrefixTable t = table(f);
            List<RouteEntry> touched = new ArrayList<>();
            t.forEach(e -> {
                for (int i = 0; i < e.size(); i++) {
                    Path path = e.path(i);
                    if (path.peer() == p.index && path.stale()) {
                        touched.add(e);
                        return;
                    }
                }
            });
            for (RouteEntry e : touched) {
                before(e);
                for (int i = e.size() - 1; i >= 0; i--) {
                    Path path = e.path(i);
                    if (path.peer() == p.index && path.stale()) {
                        removePath(e, path);
                    }
                }
                after(e, null);
            }
            t.removeEmpty();
        }
        p.staleFamilies.removeAll(families);
        if (p.staleFamilies.isEmpty() && p.staleTimer != null) {
            p.staleTimer.cancel();
            p.staleTimer = null;
        }
    }

    /** A session ended: forget what we sent, and drop its paths except those of {@code keepStale} families. */
    private void dropPeer(PeerState p, Set<AddressFamily> keepStale) {
        for (AddressFamily f : List.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST)) {
            boolean keep = keepStale.contains(f);
            PrefixTable t = table(f);
            List<RouteEntry> touched = new ArrayList<>();
            t.forEach(e -> {
                exporter.forget(e, p.index);
                for (int i = 0; i < e.size(); i++) {
                    if (e.path(i).peer() == p.index) {
                        touched.add(e);
                        return;
                    }
                }
            });
            for (RouteEntry e : touched) {
                if (keep) {
                    for (int i = 0; i < e.size(); i++) {
                        if (e.path(i).peer() == p.index) {
                            e.path(i).stale(true);
                        }
                    }
                    continue;
                }
                before(e);
                for (int i = e.size() - 1; i >= 0; i--) {
                    if (e.path(i).peer() == p.index) {
                        removePath(e, e.path(i));
                    }
                }
                after(e, null);
            }
            t.removeEmpty();
        }
        dropCaches(p);
    }

    // ---------------------------------------------------------------- decision and change tracking

    /** The last pair of different received and effective sets given to a path, for the next path to share. */
    private Path.Imported lastImported;

    /**
     * Sets a path's attributes (the caller moves the references). When import policy changed the set, the
     * prefixes of one UPDATE all get the same pair: they share one holder rather than each making its own.
     */
    private void attrs(Path path, Attrs received, Attrs effective) {
        if (effective == null || effective == received) {
            path.attrs(received, effective);
            return;
        }
        Path.Imported pair = lastImported;
        if (pair == null || pair.received() != received || pair.effective() != effective) {
            // Identity, not equality: a set the interner has let go is never handed out again.
            pair = new Path.Imported(received, effective);
            lastImported = pair;
        }
        path.attrs(pair);
    }

    private void removePath(RouteEntry e, Path path) {
        e.remove(path);
        Attrs received = path.received();
        Attrs effective = path.effective();
        // The path may be the entry's own slot, which lives on: it must not keep released sets reachable.
        path.attrs(null, null);
        interner.release(received);
        interner.release(effective);
    }

    /** Remembers the entry's selection before a change. */
    private void before(RouteEntry e) {
        int n = e.selected();
        if (prevPeer.length < n) {
            prevPeer = new int[n * 2];
            prevAttrs = new Attrs[n * 2];
            prevLocalId = new int[n * 2];
        }
        for (int i = 0; i < n; i++) {
            Path p = e.path(i);
            prevPeer[i] = p.peer();
            prevAttrs[i] = p.effective();
            prevLocalId[i] = p.localId();
        }
        prevCount = n;
    }

    private int prevCount;

    /** Drops what {@link #before} noted, so the scratch holds no attribute sets past the operation. */
    private void forgetBefore() {
        Arrays.fill(prevAttrs, 0, prevCount, null);
    }

    /**
     * Re-runs the decision and marks the entry for the FIB and for export when
     * its selection changed; {@code x} is the entry's prefix when at hand, else null.
     */
    private void after(RouteEntry e, Prefix x) {
        decision.decide(e);
        decided(e, x);
    }

    /** What {@link #after} does once the entry's selection is decided. */
    private void decided(RouteEntry e, Prefix x) {
        int n = e.selected();
        boolean fibChanged = n != prevCount;
        boolean exportChanged = fibChanged;
        for (int i = 0; i < n && !fibChanged; i++) {
            Path p = e.path(i);
            Attrs a = p.effective();
            if (p.peer() != prevPeer[i] || !Objects.equals(a.nextHop(), prevAttrs[i].nextHop())) {
                fibChanged = true;
            }
            if (a != prevAttrs[i] || p.localId() != prevLocalId[i]) {
                exportChanged = true;
            }
        }
        forgetBefore();
        if (fibChanged && !deferring) {
            markFib(e, x);
        }
        if ((fibChanged || exportChanged) && !deferring) {
            if (!e.dirty()) {
                e.dirty(true);
                exportDirty.add(e, x);
                wantFlush();
            }
        }
        if (e.isEmpty()) {
            table(e).remove(e);
        }
    }

    private void markFib(RouteEntry e, Prefix x) {
        if (!fibWanted) {
            // Nothing installs: the listener only hears that the Loc-RIB changed, so no entry is listed.
            fibChanged = true;
            return;
        }
        if (!e.fibDirty()) {
            e.fibDirty(true);
            fibDirty.add(e, x);
        }
    }

    private void emitFib() {
        if (!fibWanted) {
            if (fibChanged && !deferring) {
                fibChanged = false;
                fib.routesChanged(List.of());
            }
            return;
        }
        if (fibDirty.isEmpty() || deferring) {
            return;
        }
        List<RouteChange> changes = new ArrayList<>(fibDirty.size());
        for (int i = 0; i < fibDirty.size(); i++) {
            RouteEntry e = fibDirty.entry(i);
            e.fibDirty(false);
            changes.add(routeChange(e, fibDirty.prefix(i)));
            if (e.isEmpty()) {
                table(e).remove(e);
            }
        }
        fibDirty.clear();
        fib.routesChanged(changes);
    }

    // The next hops of the last one-path route: a table from one peer repeats them for every prefix.
    private List<NextHopEntry> lastHops;

    private RouteChange routeChange(RouteEntry e, Prefix x) {
        int n = e.selected();
        if (n == 0) {
            return new RouteChange(x, List.of(), false);
        }
        if (e.path(0).peer() == 0) {
            return new RouteChange(x, List.of(), true);
        }
        if (n == 1) {
            NextHopEntry hop = hop(e.path(0), true);
            if (lastHops == null || lastHops.get(0) != hop) {
                lastHops = List.of(hop);
            }
            return new RouteChange(x, lastHops, false);
        }
        NextHopEntry[] hops = new NextHopEntry[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            Path p = e.path(i);
            Attrs a = p.effective();
            boolean seen = false;
            for (int j = 0; j < k && !seen; j++) {
                seen = hops[j].address().equals(a.nextHop());
            }
            if (!seen) {
                hops[k++] = hop(p, i == 0);
            }
        }
        return new RouteChange(x, List.of(k == n ? hops : Arrays.copyOf(hops, k)), false);
    }

    /** The FIB's next hop for a path; each peer keeps its last ones, as its routes mostly share a next hop. */
    private NextHopEntry hop(Path p, boolean best) {
        Attrs a = p.effective();
        PeerState s = peers.get(p.peer());
        NextHopEntry h = best ? s.bestHop : s.otherHop;
        if (h == null || !Objects.equals(h.address(), a.nextHop()) || !Objects.equals(h.linkLocal(), a.linkLocalNextHop())) {
            h = new NextHopEntry(a.nextHop(), a.linkLocalNextHop(), s.id, best);
            if (best) {
                s.bestHop = h;
            } else {
                s.otherHop = h;
            }
        }
        return h;
    }

    // ---------------------------------------------------------------- plumbing

    private void wantFlush() {
        if (deferring) {
            return;
        }
        // No window, or one that holds a batch already: out at the end of this operation.
        if (config.updateDelayMillis() == 0 || exportDirty.size() >= EXPORT_BATCH) {
            flushWanted = true;
        } else if (flushTask == null) {
            flushTask = scheduler.schedule(config.updateDelayMillis(), () -> {
                flushTask = null;
                flush();
            });
        }
    }

    /** Ends every public operation: Loc-RIB changes go to the FIB now; UPDATEs too when there is no window. */
    private void endOp() {
        if (flushWanted) {
            flushWanted = false;
            exporter.flush();
        }
        emitFib();
    }

    PeerState peer(PeerId id) {
        Objects.requireNonNull(id, "peer id");
        PeerState p = peersById.get(id);
        if (p == null) {
            if (peers.size() > 0xFFFF) {
                throw new IllegalStateException("too many peers (65535): cannot add " + id);
            }
            p = new PeerState(peers.size(), id);
            peers.add(p);
            peersById.put(id, p);
        }
        return p;
    }

    private PeerState upPeer(PeerId id, String what) {
        PeerState p = peersById.get(id);
        if (p == null || !p.up) {
            throw new IllegalStateException(what + " from peer " + id + ", which is not up (call peerUp first)");
        }
        return p;
    }

    PrefixTable table(Prefix p) {
        return p instanceof Ipv4Prefix ? v4 : v6;
    }

    PrefixTable table(RouteEntry e) {
        return e instanceof RouteEntry.V4 ? v4 : v6;
    }

    PrefixTable table(AddressFamily f) {
        if (f.equals(AddressFamily.IPV4_UNICAST)) {
            return v4;
        }
        if (f.equals(AddressFamily.IPV6_UNICAST)) {
            return v6;
        }
        throw new IllegalArgumentException("the RIB carries IPv4 and IPv6 unicast only, not " + f);
    }

    static AddressFamily family(RouteEntry e) {
        return e instanceof RouteEntry.V4 ? AddressFamily.IPV4_UNICAST : AddressFamily.IPV6_UNICAST;
    }

    Collection<PeerState> allPeers() {
        return peers;
    }

    private RouteView view(RouteEntry e) {
        List<RouteView.PathView> paths = new ArrayList<>(e.size());
        // Only paths left out of the selection need a reason; most routes have none (and a table has a million).
        Map<Path, String> why = e.selected() == e.size() ? Map.of() : decision.explain(e);
        for (int i = 0; i < e.size(); i++) {
            Path p = e.path(i);
            RouteView.Selection s = i == 0 && e.selected() > 0 ? RouteView.Selection.BEST
                    : i < e.selected() ? RouteView.Selection.MULTIPATH : RouteView.Selection.NONE;
            Attrs eff = p.effective();
            paths.add(new RouteView.PathView(peers.get(p.peer()).id, p.pathId(), p.received().attributes(),
                    eff == null ? null : eff.attributes(), p.received().nextHop(), p.stale(), s,
                    s == RouteView.Selection.NONE ? why.getOrDefault(p, "ordered after the best path (router ID, "
                            + "CLUSTER_LIST length, peer address)") : null));
        }
        return new RouteView(e.prefix(), paths);
    }
}
