package dev.podbgp.rib;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.AsPath;
import dev.podbgp.bgp.wire.ClusterList;
import dev.podbgp.bgp.wire.Communities;
import dev.podbgp.bgp.wire.Ipv4;
import dev.podbgp.bgp.wire.Ipv4Prefix;
import dev.podbgp.bgp.wire.Ipv4PrefixList;
import dev.podbgp.bgp.wire.Origin;
import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.bgp.wire.UpdateMessage;
import dev.podbgp.rib.decision.NextHopResolver;
import dev.podbgp.rib.policy.Policy;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random announce / withdraw / session-flap / graceful-restart /
 * End-of-RIB / import-policy-change / origination / IGP-change sequences from
 * several peers. After every step the RIB's incrementally maintained Loc-RIB,
 * the state implied by the FIB change stream it emitted, and what it sent a
 * listening route-reflector client must equal a from-scratch recomputation by
 * a separate, deliberately naive model of the RFC 4271 decision written for
 * this test.
 */
class RandomisedRibTest {
    /** 100 seeds by default; more with -Drib.random.seeds=N (and -Drib.random.first=S to start elsewhere). */
    private static final int SEEDS = Integer.getInteger("rib.random.seeds", 100);
    private static final int FIRST = Integer.getInteger("rib.random.first", 1);
    private static final int STEPS = 100;
    private static final long LOCAL_AS = 65000;
    private static final long UPSTREAM_AS = 65099;
    private static final dev.podbgp.rib.policy.PrefixRange PREFERRED =
            dev.podbgp.rib.policy.PrefixRange.parse("10.244.0.0/16 ge 24 le 24");
    private static final Policy PREFER = new Policy("prefer", List.of(new Policy.Term(
            dev.podbgp.rib.policy.Match.prefixes(PREFERRED), dev.podbgp.rib.policy.Action.ACCEPT.withLocalPref(150))),
            dev.podbgp.rib.policy.Action.ACCEPT);

    /**
     * One IPv4 prefix as a list, packed on every other step as the decoder packs three or more: the RIB reads
     * packed lists by their parts, and both ways must give the same result.
     */
    private static List<Prefix> ipv4List(Prefix x, int step) {
        return step % 2 == 0 ? Ipv4PrefixList.of((Ipv4Prefix) x) : List.of(x);
    }

    /** One simulated neighbour. */
    record Peer(PeerId id, String address, long asn, int routerId, boolean addPath, boolean gr) {
        boolean ebgp() {
            return asn != LOCAL_AS;
        }
    }

    /** A path as the model keeps it. */
    record ModelPath(Peer peer, int pathId, PathAttributes attrs, InetAddress nextHop, boolean stale) {
    }

    /** The naive model: every path ever received and not withdrawn, per prefix. */
    static final class Model {
        final Map<Prefix, Map<String, ModelPath>> paths = new TreeMap<>(Comparator.comparing(Prefix::toString));
        final Set<Prefix> local = new LinkedHashSet<>();
        /** Peers whose import policy currently sets LOCAL_PREF 150 on 10.244.0.0/16 ge 24 le 24. */
        final Set<PeerId> preferring = new java.util.HashSet<>();
        final Map<String, Long> igp;

        Model(Map<String, Long> igp) {
            this.igp = igp;
        }

        static String key(Peer p, int pathId) {
            return p.id().name() + "#" + pathId;
        }

        /** The selection from scratch: best first, then multipaths, as "peer#pathId". */
        List<String> select(Prefix prefix) {
            if (local.contains(prefix)) {
                return List.of("local#0");
            }
            List<ModelPath> c = new ArrayList<>();
            for (ModelPath p : paths.getOrDefault(prefix, Map.of()).values()) {
                PathAttributes a = effective(p);
                if (a != null && cost(p) >= 0) {
                    c.add(p);
                }
            }
            if (c.isEmpty()) {
                return List.of();
            }
            long lp = c.stream().mapToLong(p -> lp(p, prefix)).max().getAsLong();
            c.removeIf(p -> lp(p, prefix) != lp);
            int len = c.stream().mapToInt(p -> p.attrs().asPath().length()).min().getAsInt();
            c.removeIf(p -> p.attrs().asPath().length() != len);
            int origin = c.stream().mapToInt(p -> p.attrs().origin().code()).min().getAsInt();
            c.removeIf(p -> p.attrs().origin().code() != origin);
            List<ModelPath> beforeMed = List.copyOf(c);
            c.removeIf(p -> beforeMed.stream().anyMatch(q -> q.attrs().asPath().firstAs() == p.attrs().asPath().firstAs()
                    && med(q) < med(p)));
            if (c.stream().anyMatch(p -> p.peer().ebgp())) {
                c.removeIf(p -> !p.peer().ebgp());
            }
            long cost = c.stream().mapToLong(this::cost).min().getAsLong();
            c.removeIf(p -> cost(p) != cost);
            c.sort(Comparator.<ModelPath>comparingLong(p -> Integer.toUnsignedLong(routerId(p)))
                    .thenComparingInt(p -> p.attrs().clusterList().size())
                    .thenComparing(p -> p.peer().address(), RandomisedRibTest::compareAddresses)
                    .thenComparingLong(p -> Integer.toUnsignedLong(p.pathId())));
            AsPath best = c.get(0).attrs().asPath();
            List<String> out = new ArrayList<>();
            for (ModelPath p : c) {
                if (out.isEmpty() || p.attrs().asPath().equals(best)) {
                    out.add(key(p.peer(), p.pathId()));
                }
            }
            return out.subList(0, Math.min(out.size(), RibConfig.DEFAULT_MAX_PATHS));
        }

        PathAttributes effective(ModelPath p) {
            if (p.peer().ebgp() && p.attrs().asPath().contains((int) LOCAL_AS)) {
                return null;
            }
            return p.attrs();
        }

        long lp(ModelPath p, Prefix prefix) {
            if (preferring.contains(p.peer().id()) && PREFERRED.matches(prefix)) {
                return 150;
            }
            if (p.attrs().communities().contains(Communities.GRACEFUL_SHUTDOWN)) {
                return 0;
            }
            Long v = p.peer().ebgp() ? null : p.attrs().localPref();
            return v == null ? 100 : v;
        }

        static long med(ModelPath p) {
            return p.attrs().med() == null ? 0 : p.attrs().med();
        }

        long cost(ModelPath p) {
            return igp.getOrDefault(p.nextHop().getHostAddress(), -1L);
        }

        static int routerId(ModelPath p) {
            return p.attrs().originatorId() != null ? p.attrs().originatorId() : p.peer().routerId();
        }

        /** Distinct next hops of the selection, in order (what the FIB should hold). */
        List<String> nextHops(Prefix prefix) {
            List<String> sel = select(prefix);
            LinkedHashSet<String> hops = new LinkedHashSet<>();
            for (String k : sel) {
                if (k.startsWith("local#")) {
                    return List.of("local");
                }
                hops.add(paths.get(prefix).get(k).nextHop().getHostAddress());
            }
            return List.copyOf(hops);
        }

        Set<Prefix> allPrefixes() {
            Set<Prefix> s = new LinkedHashSet<>(paths.keySet());
            s.addAll(local);
            return s;
        }
    }

    static int compareAddresses(String a, String b) {
        byte[] x = Harness.ip(a).getAddress();
        byte[] y = Harness.ip(b).getAddress();
        return x.length != y.length ? Integer.compare(x.length, y.length) : Arrays.compareUnsigned(x, y);
    }

    @Test
    void incrementalLocRibEqualsRecomputationAfterEveryStep() {
        int steps = 0;
        for (int seed = FIRST; seed < FIRST + SEEDS; seed++) {
            steps += run(seed);
        }
        assertThat(steps).isEqualTo(SEEDS * STEPS);
    }

    private int run(long seed) {
        Random rnd = new Random(seed);
        Map<String, Long> igp = new HashMap<>(Map.of("192.0.2.101", 10L, "192.0.2.102", 10L, "192.0.2.103", 20L,
                "2001:db8::101", 10L, "2001:db8::102", 10L));
        // 192.0.2.104 starts unreachable.
        NextHopResolver resolver = nh -> igp.getOrDefault(nh.getHostAddress(), NextHopResolver.UNREACHABLE);
        Harness h = new Harness(RibConfig.of(LOCAL_AS, Ipv4.parse("10.0.0.1")).withUpdateDelayMillis(0), resolver);
        Model m = new Model(igp);

        List<Peer> peers = List.of(
                new Peer(new PeerId("192.0.2.11"), "192.0.2.11", 65000, Ipv4.parse("1.1.1.1"), false, true),
                new Peer(new PeerId("192.0.2.12"), "192.0.2.12", 65000, Ipv4.parse("2.2.2.2"), true, true),
                new Peer(new PeerId("192.0.2.13"), "192.0.2.13", 65000, Ipv4.parse("3.3.3.3"), false, false),
                new Peer(new PeerId("192.0.2.14"), "192.0.2.14", 65010, Ipv4.parse("3.3.3.3"), false, true),
                new Peer(new PeerId("192.0.2.5"), "192.0.2.5", 65020, Ipv4.parse("4.4.4.4"), false, false));
        Map<PeerId, Boolean> up = new HashMap<>();
        for (Peer p : peers) {
            if (p.ebgp()) {
                h.rib.configurePeer(p.id(), PeerConfig.DEFAULT.withImportPolicy(Policy.ACCEPT_ALL));
            }
            bringUp(h, p);
            up.put(p.id(), true);
        }
        List<Prefix> pool = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            pool.add(Prefix.parse("10.244." + i + ".0/24"));
        }
        pool.add(Prefix.parse("10.244.0.0/16"));
        pool.add(Prefix.parse("0.0.0.0/0"));
        pool.add(Prefix.parse("2001:db8:1::/64"));
        pool.add(Prefix.parse("2001:db8:2::/64"));

        // A route-reflector client that only listens: what it is sent must follow the Loc-RIB.
        PeerId observer = new PeerId("192.0.2.200");
        h.rib.configurePeer(observer, PeerConfig.DEFAULT.withRouteReflectorClient(true));
        h.rib.peerUp(observer, Harness.info("192.0.2.200", LOCAL_AS, "9.9.9.9"));
        Map<Prefix, InetAddress> observed = new HashMap<>();
        // An eBGP neighbour that takes everything: what it is sent must follow the Loc-RIB with eBGP rewriting.
        PeerId upstream = new PeerId("192.0.2.201");
        h.rib.configurePeer(upstream, PeerConfig.DEFAULT.withExportPolicy(Policy.ACCEPT_ALL));
        h.rib.peerUp(upstream, Harness.info("192.0.2.201", UPSTREAM_AS, "9.9.9.8"));
        Map<Prefix, String> observedUpstream = new HashMap<>();
        Map<Prefix, RouteChange> fibState = new HashMap<>();
        int done = 0;
        for (int step = 0; done < STEPS; step++) {
            int op = rnd.nextInt(100);
            Peer p = peers.get(rnd.nextInt(peers.size()));
            String what;
            if (op < 50) {
                if (!up.get(p.id())) {
                    bringUp(h, p);
                    up.put(p.id(), true);
                    what = "up " + p.id();
                } else {
                    Prefix x = pool.get(rnd.nextInt(pool.size()));
                    int pathId = p.addPath() ? 1 + rnd.nextInt(2) : 0;
                    boolean v6 = x.family().equals(AddressFamily.IPV6_UNICAST);
                    InetAddress nh = Harness.ip(v6 ? "2001:db8::10" + (1 + rnd.nextInt(2)) : "192.0.2.10" + (1 + rnd.nextInt(4)));
                    PathAttributes a = randomAttrs(rnd, p);
                    Prefix withId = x.withPathId(pathId);
                    if (v6) {
                        h.rib.updates(p.id(), List.of(new UpdateMessage(List.of(), a, List.of(),
                                new dev.podbgp.bgp.wire.MpReach(AddressFamily.IPV6_UNICAST, nh, List.of(withId)), null)));
                    } else {
                        h.rib.updates(p.id(), List.of(UpdateMessage.announce(a.toBuilder().nextHop((java.net.Inet4Address) nh).build(),
                                ipv4List(withId, step))));
                    }
                    m.paths.computeIfAbsent(x, k -> new LinkedHashMap<>())
                            .put(Model.key(p, pathId), new ModelPath(p, pathId, a, nh, false));
                    what = "announce " + withId + " from " + p.id() + " " + a;
                }
            } else if (op < 80) {
                if (!up.get(p.id())) {
                    continue;
                }
                Prefix x = pool.get(rnd.nextInt(pool.size()));
                int pathId = p.addPath() ? 1 + rnd.nextInt(2) : 0;
                Prefix withId = x.withPathId(pathId);
                if (x.family().equals(AddressFamily.IPV6_UNICAST)) {
                    h.rib.updates(p.id(), List.of(new UpdateMessage(List.of(), PathAttributes.NONE, List.of(), null,
                            new dev.podbgp.bgp.wire.MpUnreach(AddressFamily.IPV6_UNICAST, List.of(withId)))));
                } else {
                    h.rib.updates(p.id(), List.of(new UpdateMessage(ipv4List(withId, step), PathAttributes.NONE, List.of(),
                            null, null)));
                }
                Map<String, ModelPath> mp = m.paths.get(x);
                if (mp != null) {
                    mp.remove(Model.key(p, pathId));
                }
                what = "withdraw " + withId + " from " + p.id();
            } else if (op < 86) {
                if (!up.get(p.id())) {
                    continue;
                }
                boolean graceful = rnd.nextBoolean();
                h.rib.peerDown(p.id(), graceful);
                up.put(p.id(), false);
                for (Map<String, ModelPath> mp : m.paths.values()) {
                    if (graceful && p.gr()) {
                        // Still stale from an earlier restart: RFC 4724 drops them on the next one.
                        mp.values().removeIf(v -> v.peer().equals(p) && v.stale());
                    }
                    mp.replaceAll((k, v) -> v.peer().equals(p) ? new ModelPath(p, v.pathId(), v.attrs(), v.nextHop(), true) : v);
                    if (!(graceful && p.gr())) {
                        mp.values().removeIf(v -> v.peer().equals(p));
                    }
                }
                what = (graceful ? "graceful " : "") + "down " + p.id();
            } else if (op < 91) {
                if (!up.get(p.id())) {
                    continue;
                }
                AddressFamily f = rnd.nextBoolean() ? AddressFamily.IPV4_UNICAST : AddressFamily.IPV6_UNICAST;
                h.rib.endOfRib(p.id(), f);
                for (Map.Entry<Prefix, Map<String, ModelPath>> e : m.paths.entrySet()) {
                    if (e.getKey().family().equals(f)) {
                        e.getValue().values().removeIf(v -> v.peer().equals(p) && v.stale());
                    }
                }
                what = "end-of-rib " + f + " from " + p.id();
            } else if (op < 93) {
                // Soft reconfiguration: the import policy of a peer changes while its session stays up.
                boolean on = m.preferring.add(p.id());
                if (!on) {
                    m.preferring.remove(p.id());
                }
                h.rib.configurePeer(p.id(), PeerConfig.DEFAULT.withImportPolicy(on ? PREFER : p.ebgp() ? Policy.ACCEPT_ALL : null));
                what = "import policy of " + p.id() + (on ? " prefers 10.244/16 /24s" : " back to default");
            } else if (op < 96) {
                Prefix x = pool.get(rnd.nextInt(pool.size()));
                if (m.local.add(x)) {
                    h.rib.originate(x);
                    what = "originate " + x;
                } else {
                    m.local.remove(x);
                    h.rib.withdrawOrigin(x);
                    what = "withdraw origin " + x;
                }
            } else {
                String nh = "192.0.2.10" + (1 + rnd.nextInt(4));
                if (igp.containsKey(nh) && rnd.nextBoolean()) {
                    igp.remove(nh);
                } else {
                    igp.put(nh, (long) rnd.nextInt(3) * 10);
                }
                h.rib.nextHopsChanged(null);
                what = "igp " + igp;
            }
            for (RouteChange c : h.fib) {
                fibState.put(c.prefix(), c);
            }
            h.fib.clear();
            for (Harness.Sent sent : h.sent) {
                if (sent.peer().equals(observer)) {
                    sent.update().withdrawn().forEach(observed::remove);
                    sent.update().announced().forEach(a -> a.prefixes().forEach(x -> observed.put(x, a.nextHop())));
                }
                if (sent.peer().equals(upstream)) {
                    sent.update().withdrawn().forEach(observedUpstream::remove);
                    sent.update().announced().forEach(a -> a.prefixes().forEach(
                            x -> observedUpstream.put(x, render(a.attributes(), a.nextHop()))));
                }
            }
            h.sent.clear();
            String where = "seed " + seed + " step " + step + " (" + what + ")";
            check(h, m, fibState, where);
            checkExport(h, m, observer, observed, peers, where);
            checkEbgpExport(h, m, upstream, observedUpstream, where);
            done++;
        }
        for (Peer p : peers) {
            h.rib.peerDown(p.id(), false);
        }
        h.rib.peerDown(observer, false);
        h.rib.peerDown(upstream, false);
        for (Prefix x : List.copyOf(m.local)) {
            h.rib.withdrawOrigin(x);
        }
        h.rib.flush();
        assertThat(h.rib.stats().paths()).as("seed %d: paths left after every peer went", seed).isZero();
        assertThat(h.rib.stats().attributeSets()).as("seed %d: attribute sets leaked", seed).isZero();
        return done;
    }

    private static void bringUp(Harness h, Peer p) {
        PeerInfo i = Harness.info(p.address(), p.asn(), Ipv4.format(p.routerId()));
        PeerCapabilities caps = i.capabilities();
        if (p.gr()) {
            caps = caps.withGracefulRestart(new PeerCapabilities.GracefulRestart(120,
                    Set.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST),
                    Set.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST)));
        }
        h.rib.peerUp(p.id(), new PeerInfo(i.address(), i.localIpv4(), i.localIpv6(), p.asn(), p.routerId(), caps));
    }

    private static PathAttributes randomAttrs(Random rnd, Peer p) {
        int[][] paths = {{}, {65010}, {65020}, {65010, 65030}, {65020, 65030}, {65010, 65000}};
        int[] asPath = p.ebgp() ? prependPeer(p, paths[rnd.nextInt(paths.length)]) : paths[rnd.nextInt(paths.length)];
        PathAttributes.Builder b = PathAttributes.builder()
                .origin(Origin.valueOf(rnd.nextInt(3) == 0 ? 1 : 0))
                .asPath(AsPath.sequence(asPath));
        Long[] lps = {null, 100L, 200L};
        b.localPref(lps[rnd.nextInt(lps.length)]);
        Long[] meds = {null, 0L, 10L};
        b.med(meds[rnd.nextInt(meds.length)]);
        if (rnd.nextInt(8) == 0) {
            b.communities(Communities.of(Communities.GRACEFUL_SHUTDOWN));
        }
        if (!p.ebgp() && rnd.nextInt(5) == 0) {
            b.originatorId(Ipv4.parse(rnd.nextBoolean() ? "1.1.1.1" : "5.5.5.5"));
            b.clusterList(rnd.nextBoolean() ? ClusterList.of(7) : ClusterList.of(7, 8));
        }
        return b.build();
    }

    private static int[] prependPeer(Peer p, int[] path) {
        int[] out = new int[path.length + 1];
        out[0] = (int) p.asn();
        System.arraycopy(path, 0, out, 1, path.length);
        return out;
    }

    /**
     * The listening client must have been sent (and the Adj-RIB-Out must hold)
     * exactly the best path of every prefix whose best is our own or iBGP-learned
     * (reflected), with the reflected next hop or our own for local routes; never
     * eBGP-learned ones (safe default export).
     */
    private static void checkExport(Harness h, Model m, PeerId observer, Map<Prefix, InetAddress> observed,
                                    List<Peer> peers, String where) {
        Map<Prefix, InetAddress> want = new HashMap<>();
        for (Prefix x : m.allPrefixes()) {
            List<String> sel = m.select(x);
            if (sel.isEmpty()) {
                continue;
            }
            if (sel.get(0).startsWith("local#")) {
                want.put(x, Harness.ip(x.family().equals(AddressFamily.IPV4_UNICAST) ? "10.0.0.1" : "2001:db8::1"));
                continue;
            }
            ModelPath best = m.paths.get(x).get(sel.get(0));
            if (!best.peer().ebgp()) {
                want.put(x, best.nextHop());
            }
        }
        Map<Prefix, InetAddress> adjRibOut = new HashMap<>();
        for (AddressFamily f : List.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST)) {
            for (AdvertisedRoute r : h.rib.adjRibOut(observer, f)) {
                adjRibOut.put(r.prefix(), r.nextHop());
            }
        }
        assertThat(adjRibOut).as("%s: Adj-RIB-Out of the reflector client", where).isEqualTo(want);
        assertThat(observed).as("%s: routes the reflector client was sent", where).isEqualTo(want);
    }

    private static String render(PathAttributes a, InetAddress nextHop) {
        return a + " via " + nextHop.getHostAddress();
    }

    /**
     * The eBGP neighbour (export accept all) must have been sent, and the
     * Adj-RIB-Out must hold, every prefix's best path with our AS prepended,
     * next hop self, and LOCAL_PREF, MED (not ours), ORIGINATOR_ID and
     * CLUSTER_LIST gone. A change that leaves these alone sends nothing, so
     * what was sent last must still be right.
     */
    private static void checkEbgpExport(Harness h, Model m, PeerId upstream, Map<Prefix, String> observed,
                                        String where) {
        Map<Prefix, String> want = new HashMap<>();
        for (Prefix x : m.allPrefixes()) {
            List<String> sel = m.select(x);
            if (sel.isEmpty()) {
                continue;
            }
            InetAddress self = Harness.ip(x.family().equals(AddressFamily.IPV4_UNICAST) ? "10.0.0.1" : "2001:db8::1");
            PathAttributes a;
            if (sel.get(0).startsWith("local#")) {
                a = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence((int) LOCAL_AS)).build();
            } else {
                PathAttributes got = m.paths.get(x).get(sel.get(0)).attrs();
                a = PathAttributes.builder().origin(got.origin()).asPath(got.asPath().prepend((int) LOCAL_AS, 1))
                        .communities(got.communities()).build();
            }
            want.put(x, render(a, self));
        }
        Map<Prefix, String> adjRibOut = new HashMap<>();
        for (AddressFamily f : List.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST)) {
            for (AdvertisedRoute r : h.rib.adjRibOut(upstream, f)) {
                adjRibOut.put(r.prefix(), render(r.attributes(), r.nextHop()));
            }
        }
        assertThat(adjRibOut).as("%s: Adj-RIB-Out of the eBGP neighbour", where).isEqualTo(want);
        assertThat(observed).as("%s: routes the eBGP neighbour was sent", where).isEqualTo(want);
    }

    private static void check(Harness h, Model m, Map<Prefix, RouteChange> fibState, String where) {
        Map<Prefix, List<String>> actual = new HashMap<>();
        for (AddressFamily f : List.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST)) {
            for (RouteView v : h.rib.locRib(f)) {
                actual.put(v.prefix(), v.selected().stream().map(p -> p.peer().name() + "#" + p.pathId()).toList());
            }
        }
        for (Prefix x : m.allPrefixes()) {
            List<String> want = m.select(x);
            if (!actual.getOrDefault(x, List.of()).equals(want) && Boolean.getBoolean("debugRib")) {
                System.out.println(where + "\nRIB: " + h.rib.route(x) + "\nmodel: " + m.paths.get(x) + " preferring " + m.preferring);
            }
            assertThat(actual.getOrDefault(x, List.of())).as("%s: Loc-RIB selection of %s", where, x).isEqualTo(want);
            RouteChange c = fibState.get(x);
            List<String> fibHops = c == null ? List.of()
                    : c.local() ? List.of("local")
                    : c.nextHops().stream().map(n -> n.address().getHostAddress()).toList();
            assertThat(fibHops).as("%s: FIB stream state of %s", where, x).isEqualTo(m.nextHops(x));
        }
        for (Prefix x : actual.keySet()) {
            assertThat(m.allPrefixes()).as("%s: RIB selects %s the model does not know", where, x).contains(x);
        }
    }
}
