package dev.podbgp.rib;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.Communities;
import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.bgp.wire.PrefixList;
import dev.podbgp.rib.out.Announcement;
import dev.podbgp.rib.out.PeerUpdate;
import dev.podbgp.rib.policy.Policy;
import dev.podbgp.rib.policy.RouteSource;
import dev.podbgp.rib.route.Attrs;
import dev.podbgp.rib.route.ExportRecipe;
import dev.podbgp.rib.route.OutAttrs;
import dev.podbgp.rib.route.OutPath;
import dev.podbgp.rib.route.Path;
import dev.podbgp.rib.route.PrefixTable;
import dev.podbgp.rib.route.RouteEntry;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Adj-RIB-Out maintenance and UPDATE generation. At each flush (the end of a
 * coalescing window) every prefix whose selection changed is exported to
 * every live peer and compared with what that peer last got; only the
 * differences go out, announcements grouped by attribute set. A prefix that
 * flapped and came back within the window sends nothing.
 *
 * <p>Export rules, in order: never back to the peer the path came from;
 * NO_ADVERTISE to nobody; NO_EXPORT and NO_EXPORT_SUBCONFED not to eBGP
 * (no confederations here); not to an eBGP peer whose AS is in the path; iBGP-learned
 * paths to iBGP peers only as route reflector (RFC 4456 §6: from a client to
 * everyone, from a non-client to clients), never back to their originator;
 * then the peer's export policy. Attributes towards eBGP: our AS prepended
 * (plus configured prepends), next hop self, no LOCAL_PREF, MED only when we
 * originated the route or policy set it, no ORIGINATOR_ID/CLUSTER_LIST.
 * Towards iBGP: LOCAL_PREF always; reflected paths get ORIGINATOR_ID (when
 * absent) and our cluster ID in front of CLUSTER_LIST; next hop self for our
 * own routes and for peers configured with next-hop-self.
 */
final class Exporter {
    private final Rib rib;
    private final Map<PeerState, Map<AddressFamily, Pending>> pending = new LinkedHashMap<>();

    Exporter(Rib rib) {
        this.rib = rib;
    }

    /**
     * Collected output for one peer and family during a flush. Kept from one flush to the next while
     * the peer gets something each time, so its map keeps its size (a table dump grows it to
     * tens of thousands of groups in every flush); let go when it grew past {@link #KEEP_GROUPS}.
     */
    private static final class Pending {
        final List<Prefix> withdrawn = new ArrayList<>();
        Map<OutAttrs, Group> announced = new LinkedHashMap<>();
        boolean endOfRib;
        boolean refresh;
        // Neighbouring prefixes mostly share their set: the last group, to skip the map lookup.
        private OutAttrs lastAttrs;
        private Group lastGroup;

        void announce(OutAttrs a, Prefix x) {
            if (a != lastAttrs) {
                lastGroup = announced.get(a);
                if (lastGroup == null) {
                    lastGroup = new Group();
                    announced.put(a, lastGroup);
                }
                lastAttrs = a;
            }
            lastGroup.add(x);
        }

        boolean isEmpty() {
            return withdrawn.isEmpty() && announced.isEmpty() && !endOfRib && !refresh;
        }

        /** Ready for the next flush. */
        void reset() {
            withdrawn.clear();
            announced = emptied(announced);
            endOfRib = false;
            refresh = false;
            lastAttrs = null;
            lastGroup = null;
        }
    }

    private static final int KEEP_GROUPS = 1 << 16;

    /** The map emptied for reuse, or a new one when it grew past {@link #KEEP_GROUPS} (clearing keeps its table). */
    private static <K, V> Map<K, V> emptied(Map<K, V> m) {
        if (m.size() > KEEP_GROUPS) {
            return new LinkedHashMap<>();
        }
        m.clear();
        return m;
    }

    /** The prefixes of one announcement group, in an array that is handed over as a {@link PrefixList}, uncopied. */
    private static final class Group {
        private Prefix[] prefixes = new Prefix[4];
        private int size;

        void add(Prefix x) {
            if (size == prefixes.length) {
                prefixes = Arrays.copyOf(prefixes, size * 2);
            }
            prefixes[size++] = x;
        }

        void addAll(Group g) {
            for (int i = 0; i < g.size; i++) {
                add(g.prefixes[i]);
            }
        }

        List<Prefix> handOver() {
            return PrefixList.own(prefixes, size);
        }
    }

    /** Groups of one peer and family by what they send; emptied after each use. */
    private Map<Content, Group> byContent = new LinkedHashMap<>();

    // The last pending output looked up: a flush exports entry after entry to the same peer and family.
    private PeerState lastPeer;
    private AddressFamily lastFamily;
    private Pending lastPending;

    /** What one announcement group sends: different derivations may send the same and share a group. */
    private record Content(PathAttributes attributes, InetAddress nextHop) {
        // Written out: hashed once per group sent, and the generated pair goes through method handles.
        @Override
        public boolean equals(Object o) {
            return o instanceof Content c && c.attributes.equals(attributes) && Objects.equals(c.nextHop, nextHop);
        }

        @Override
        public int hashCode() {
            return attributes.hashCode() * 31 + Objects.hashCode(nextHop);
        }
    }

    void flush() {
        DirtyList dirty = rib.exportDirty;
        for (int d = 0; d < dirty.size(); d++) {
            RouteEntry e = dirty.entry(d);
            e.dirty(false);
            int fi = e instanceof RouteEntry.V4 ? 0 : 1;
            AddressFamily f = PeerState.family(fi);
            Prefix x = null;
            for (int i = 1; i < rib.peers.size(); i++) {
                PeerState t = rib.peers.get(i);
                // A peer that takes nothing and has nothing of this prefix is done with at once: in a
                // cluster of import-only sessions that is most of the pass.
                if (t.negotiated(fi) && (t.walks[fi] & PeerState.WALK_DIFF) == 0
                        && !(t.exportsNothing && e.out(t.index) == null)) {
                    x = x == null ? dirty.prefix(d) : x;
                    export(e, x, t, f, fi);
                }
            }
            if (e.isEmpty()) {
                rib.table(e).remove(e);
            }
        }
        dirty.clear();
        for (PeerState t : rib.peers) {
            if (!t.hasWalks()) {
                continue;
            }
            for (int fi = 0; fi < 2; fi++) {
                int bits = t.walks[fi];
                t.walks[fi] = 0;
                if (bits == 0 || !t.negotiated(fi)) {
                    continue;
                }
                AddressFamily f = PeerState.family(fi);
                int x = fi;
                PrefixTable table = rib.table(f);
                table.forEach(e -> {
                    if ((bits & PeerState.WALK_DIFF) != 0) {
                        export(e, null, t, f, x);
                    }
                    if ((bits & PeerState.WALK_RESEND) != 0) {
                        resend(e, t, f);
                    }
                });
                table.removeEmpty();
                if ((bits & PeerState.WALK_EOR) != 0) {
                    pending(t, f).endOfRib = true;
                }
                if ((bits & PeerState.WALK_RESEND) != 0) {
                    pending(t, f).refresh = true;
                }
            }
        }
        for (var pe = pending.entrySet().iterator(); pe.hasNext(); ) {
            var byPeer = pe.next();
            for (var fe = byPeer.getValue().entrySet().iterator(); fe.hasNext(); ) {
                var byFamily = fe.next();
                Pending p = byFamily.getValue();
                if (p.isEmpty()) {
                    // Nothing for this peer and family since the last flush: no longer worth keeping.
                    fe.remove();
                    continue;
                }
                // The attributes are made here, once per group, and groups that send the same are merged.
                for (Map.Entry<OutAttrs, Group> g : p.announced.entrySet()) {
                    OutAttrs a = g.getKey();
                    Group had = byContent.putIfAbsent(new Content(a.attributes(), a.nextHop()), g.getValue());
                    if (had != null) {
                        had.addAll(g.getValue());
                    }
                }
                List<Announcement> announced = new ArrayList<>(byContent.size());
                for (Map.Entry<Content, Group> g : byContent.entrySet()) {
                    announced.add(new Announcement(g.getKey().attributes(), g.getKey().nextHop(), null,
                            g.getValue().handOver()));
                }
                byContent = emptied(byContent);
                PeerUpdate u = new PeerUpdate(byFamily.getKey(), p.withdrawn, announced, p.endOfRib, p.refresh);
                p.reset();
                if (!u.isEmpty()) {
                    rib.sink.send(byPeer.getKey().id, u);
                }
            }
            if (byPeer.getValue().isEmpty()) {
                pe.remove();
            }
        }
        lastPeer = null;
        lastFamily = null;
        lastPending = null;
    }

    private Pending pending(PeerState t, AddressFamily f) {
        if (t != lastPeer || !f.equals(lastFamily)) {
            lastPending = pending.computeIfAbsent(t, k -> new LinkedHashMap<>()).computeIfAbsent(f, k -> new Pending());
            lastPeer = t;
            lastFamily = f;
        }
        return lastPending;
    }

    /**
     * Brings peer t's Adj-RIB-Out for this entry up to date, recording the
     * differences; {@code x} is the entry's prefix, or null to make it when needed.
     */
    private void export(RouteEntry e, Prefix x, PeerState t, AddressFamily f, int fi) {
        Object cur = e.out(t.index);
        if (t.addPathSend(fi)) {
            exportAddPath(e, x, t, f, fi, cur);
            return;
        }
        if (e.selected() == 0 && cur == null) {
            return;
        }
        x = x == null ? e.prefix() : x;
        OutAttrs want = e.selected() > 0 ? exportAttrs(x, e.best(), t, f, fi) : null;
        OutAttrs have = cur instanceof OutAttrs a ? a : null;
        if (want == have) {
            rib.interner.release(want);
            return;
        }
        if (want == null) {
            pending(t, f).withdrawn.add(x);
        } else if (have == null || !want.sameContent(have)) {
            pending(t, f).announce(want, x);
        }
        // else: derived another way, but the peer has these very attributes already: nothing to send.
        releaseOut(cur);
        e.out(t.index, want);
    }

    private void exportAddPath(RouteEntry e, Prefix x, PeerState t, AddressFamily f, int fi, Object cur) {
        OutPath[] have = cur instanceof OutPath[] a ? a : new OutPath[0];
        if (e.selected() == 0 && have.length == 0) {
            return;
        }
        x = x == null ? e.prefix() : x;
        List<OutPath> want = new ArrayList<>(e.selected());
        for (int i = 0; i < e.selected(); i++) {
            Path p = e.path(i);
            OutAttrs a = exportAttrs(x, p, t, f, fi);
            if (a != null) {
                want.add(new OutPath(p.localId(), a));
            }
        }
        for (OutPath h : have) {
            boolean kept = false;
            for (OutPath w : want) {
                kept |= w.localId() == h.localId();
            }
            if (!kept) {
                pending(t, f).withdrawn.add(x.withPathId(h.localId()));
            }
        }
        for (OutPath w : want) {
            boolean same = false;
            for (OutPath h : have) {
                same |= h.localId() == w.localId() && h.attrs().sameContent(w.attrs());
            }
            if (!same) {
                pending(t, f).announce(w.attrs(), x.withPathId(w.localId()));
            }
        }
        releaseOut(cur);
        e.out(t.index, want.isEmpty() ? null : want.toArray(new OutPath[0]));
    }

    /** ROUTE-REFRESH: announce again everything peer t has from us. */
    private void resend(RouteEntry e, PeerState t, AddressFamily f) {
        Object cur = e.out(t.index);
        if (cur instanceof OutAttrs a) {
            pending(t, f).announce(a, e.prefix());
        } else if (cur instanceof OutPath[] paths) {
            Prefix x = e.prefix();
            for (OutPath op : paths) {
                pending(t, f).announce(op.attrs(), x.withPathId(op.localId()));
            }
        }
    }

    /** The session with this peer ended: its Adj-RIB-Out is gone with it. */
    void forget(RouteEntry e, int peer) {
        Object cur = e.out(peer);
        if (cur != null) {
            releaseOut(cur);
            e.out(peer, null);
        }
    }

    private void releaseOut(Object cur) {
        if (cur instanceof OutAttrs a) {
            rib.interner.release(a);
        } else if (cur instanceof OutPath[] paths) {
            for (OutPath p : paths) {
                rib.interner.release(p.attrs());
            }
        }
    }

    /** The attributes to send path p to peer t with (a counted reference), or null when it must not go. */
    private OutAttrs exportAttrs(Prefix x, Path p, PeerState t, AddressFamily f, int fi) {
        int src = p.peer();
        if (src == t.index) {
            return null;
        }
        Attrs a = p.effective();
        if (a != t.verdictAttrs || src != t.verdictSrc || t.verdictEpoch != rib.peerEpoch) {
            // Neighbouring prefixes share their set: the checks below are made once per set and source.
            verdict(a, src, t);
        }
        RouteSource source = t.verdictSource;
        if (source == null) {
            return null;
        }
        boolean reflected = t.verdictReflected;
        int originator = t.verdictOriginator;
        Policy policy = t.exportPolicy;
        int term = policy.decidingTerm(x, a.attributes(), source, reflected);
        if (!policy.action(term).accept()) {
            return null;
        }
        ExportRecipe r = recipe(t, f, fi, source, reflected, originator, term);
        if (t.expOut != null && t.expSrc == a && t.expOut.recipe() == r) {
            return rib.interner.retain(t.expOut);
        }
        if (r.nextHop(a) == null) {
            // The session did not tell us an address of ours for this family: nothing valid to send.
            return null;
        }
        OutAttrs o = rib.interner.acquire(a, r);
        rib.interner.release(t.expOut);
        t.expSrc = a;
        t.expOut = rib.interner.retain(o);
        return o;
    }

    /** Export's checks of the set alone towards peer t, into t's verdict cache (see {@link PeerState#verdictAttrs}). */
    private void verdict(Attrs a, int src, PeerState t) {
        t.verdictAttrs = a;
        t.verdictSrc = src;
        t.verdictEpoch = rib.peerEpoch;
        t.verdictSource = null;
        t.verdictReflected = false;
        t.verdictOriginator = 0;
        if (a.hasCommunity(Communities.NO_ADVERTISE)) {
            return;
        }
        PeerState s = rib.peers.get(src);
        RouteSource source = src == 0 ? RouteSource.LOCAL : s.ebgp ? RouteSource.EBGP : RouteSource.IBGP;
        if (t.ebgp) {
            if (a.hasCommunity(Communities.NO_EXPORT) || a.hasCommunity(Communities.NO_EXPORT_SUBCONFED)) {
                return;
            }
            if (a.asPath().contains((int) t.info.asn())) {
                return;
            }
        } else if (source == RouteSource.IBGP) {
            if (!s.config.routeReflectorClient() && !t.config.routeReflectorClient()) {
                return;
            }
            int originator = a.hasOriginatorId() ? a.originatorId() : s.info.routerId();
            if (originator == t.info.routerId()) {
                return;
            }
            t.verdictReflected = true;
            t.verdictOriginator = originator;
        }
        t.verdictSource = source;
    }

    /** The rewrite towards peer t for paths of this kind; the last one is kept, as neighbouring prefixes share it. */
    private ExportRecipe recipe(PeerState t, AddressFamily f, int fi, RouteSource source, boolean reflected,
                                int originator, int term) {
        if (t.recipe != null && t.recipeFamily == fi && t.recipeSource == source && t.recipeReflected == reflected
                && t.recipeOriginator == originator && t.recipeTerm == term) {
            return t.recipe;
        }
        ExportRecipe r;
        if (t.ebgp) {
            r = ExportRecipe.ebgp((int) rib.config().localAs(), 1 + t.config.asPathPrepend(),
                    source == RouteSource.LOCAL, self(t, f), t.exportPolicy, term);
        } else if (reflected) {
            r = ExportRecipe.reflected(originator, rib.config().clusterId(), t.exportPolicy, term);
        } else {
            // A received IPv6 link-local next hop is only valid on the link it came from (RFC 2545 §3): not passed on.
            r = ExportRecipe.ibgp(source == RouteSource.LOCAL || t.config.nextHopSelf(), self(t, f), t.exportPolicy,
                    term);
        }
        t.recipe = r;
        t.recipeFamily = fi;
        t.recipeSource = source;
        t.recipeReflected = reflected;
        t.recipeOriginator = originator;
        t.recipeTerm = term;
        return r;
    }

    private static InetAddress self(PeerState t, AddressFamily f) {
        PeerInfo i = t.info;
        if (f.equals(AddressFamily.IPV4_UNICAST)) {
            return i.localIpv4() != null ? i.localIpv4() : i.localIpv6();
        }
        return i.localIpv6();
    }
}
