package dev.podbgp.daemon.routing;

import dev.podbgp.bgp.session.PeerCounters;
import dev.podbgp.bgp.session.PeerStatus;
import dev.podbgp.bgp.session.SessionState;
import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.Communities;
import dev.podbgp.bgp.wire.MessageType;
import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.daemon.metrics.Metrics;
import dev.podbgp.daemon.snapshot.PathSnapshot;
import dev.podbgp.daemon.snapshot.PeerState;
import dev.podbgp.daemon.snapshot.PublishedSnapshots;
import dev.podbgp.daemon.snapshot.RouteSnapshot;
import dev.podbgp.daemon.snapshot.RoutesUnavailable;
import dev.podbgp.daemon.snapshot.StatusSnapshot;
import dev.podbgp.fib.route.FibCounters;
import dev.podbgp.fib.route.FibWriter;
import dev.podbgp.fib.route.IpPrefix;
import dev.podbgp.rib.PeerId;
import dev.podbgp.rib.Rib;
import dev.podbgp.rib.RouteCounts;
import dev.podbgp.rib.RibRunner;
import dev.podbgp.rib.RibStats;
import dev.podbgp.rib.RouteView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Publishes what the control API and the metrics show: session states from
 * the speaker and per-peer route counts from the RIB thread. Runs on its own
 * thread every {@link #PERIOD_MILLIS}; the counts are read again only after the
 * RIB changed, at most every {@link #COUNTS_PERIOD_MILLIS}. Routes themselves
 * are never copied in the background: {@link #routes()} builds them when the
 * control API asks, so a full table costs no memory or CPU until someone looks.
 */
final class SnapshotPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPublisher.class);
    static final long PERIOD_MILLIS = 250;
    /**
     * In the background, route counts (for metrics) are re-read at most this often while the RIB
     * changes; a status request re-reads them at once ({@link #countsWanted()}). Each read walks the
     * whole table on the RIB thread: nothing is allocated, but on a 1M-prefix table it takes a few
     * hundred ms of cache misses, time a full load would otherwise spend on routes.
     */
    static final long COUNTS_PERIOD_MILLIS = 30_000;
    private static final long CALL_TIMEOUT_SECONDS = 10;
    private static final MessageType[] MESSAGE_TYPES = MessageType.values();
    /** The metrics' label for each of {@link #MESSAGE_TYPES}. */
    private static final Metrics.MessageType[] MESSAGE_LABELS = Arrays.stream(MESSAGE_TYPES)
            .map(t -> Metrics.MessageType.valueOf(t.name())).toArray(Metrics.MessageType[]::new);

    /** One session as the core knows it: configured name and AS, and whether an operator disabled it. */
    record Session(String name, long asn, boolean disabled, PeerStatus status) {
    }

    private record Host(InetAddress address, String text) {
    }

    private final PublishedSnapshots published;
    private final RibRunner rib;
    private final FibWriter writer;
    private final Metrics metrics;
    private final String routerId;
    private final long asn;
    private final Function<IpPrefix, InetAddress> ownNextHop;

    private volatile boolean ribDirty = true;
    private volatile boolean countsWanted;
    private volatile long lastRibAnswerNanos = System.nanoTime();
    private long lastCountsNanos = System.nanoTime() - TimeUnit.SECONDS.toNanos(60);
    private RouteCounts counts = new RouteCounts(Map.of(), new RibStats(0, 0, 0));
    private final Map<String, PeerState> lastState = new HashMap<>();
    private final Map<String, PeerCounters.Snapshot> lastCounters = new HashMap<>();
    /** Each peer's address as text, made again only when the address changes. */
    private final Map<String, Host> hosts = new HashMap<>();
    private FibCounters.Snapshot lastFib;

    SnapshotPublisher(PublishedSnapshots published, RibRunner rib, FibWriter writer, Metrics metrics, String routerId,
                      long asn, Function<IpPrefix, InetAddress> ownNextHop) {
        this.published = published;
        this.rib = rib;
        this.writer = writer;
        this.metrics = metrics;
        this.routerId = routerId;
        this.asn = asn;
        this.ownNextHop = ownNextHop;
    }

    /** The RIB or FIB changed: read them again at the next run. */
    void ribChanged() {
        ribDirty = true;
    }

    /** Someone is about to read status: the next run re-reads changed counts whatever their age. */
    void countsWanted() {
        countsWanted = true;
    }

    /** Whether the RIB thread answered within the last minute. */
    boolean ribResponsive() {
        return System.nanoTime() - lastRibAnswerNanos < TimeUnit.SECONDS.toNanos(60);
    }

    /** One run: called on the publisher thread only. */
    void publish(List<Session> sessions) {
        long now = System.nanoTime();
        boolean wanted = countsWanted;
        countsWanted = false;
        if (ribDirty && (wanted || now - lastCountsNanos >= TimeUnit.MILLISECONDS.toNanos(COUNTS_PERIOD_MILLIS))) {
            ribDirty = false;
            try {
                counts = rib.call(Rib::routeCounts).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                lastCountsNanos = System.nanoTime();
                lastRibAnswerNanos = lastCountsNanos;
                metrics.ribSize(counts.stats().prefixes(), counts.stats().paths());
            } catch (java.util.concurrent.TimeoutException e) {
                ribDirty = true;
                LOG.warn("RIB did not answer within {} s; route counts not refreshed", CALL_TIMEOUT_SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                ribDirty = true;
                LOG.warn("route counts failed: {}", e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        } else if (!ribDirty) {
            lastRibAnswerNanos = now;
        }
        List<dev.podbgp.daemon.snapshot.PeerStatus> peers = new ArrayList<>(sessions.size());
        for (Session s : sessions) {
            peers.add(peer(s));
        }
        published.publishStatus(new StatusSnapshot(routerId, asn, peers));
        fibMetrics();
    }

    private dev.podbgp.daemon.snapshot.PeerStatus peer(Session s) {
        PeerStatus st = s.status();
        PeerState state = st == null ? (s.disabled() ? PeerState.DISABLED : PeerState.IDLE) : state(st.state());
        if (s.disabled() && state == PeerState.IDLE) {
            state = PeerState.DISABLED;
        }
        PeerState before = lastState.put(s.name(), state);
        if (before != null && before != state) {
            metrics.sessionTransition(s.name(), before, state);
        } else if (before == null) {
            metrics.peerConfigured(s.name(), state);
        }
        RouteCounts.Peer c = counts.of(new PeerId(s.name()));
        // The session counts exactly only when a prefix limit needs it; otherwise the RIB's paths from the peer.
        long received = st != null && st.prefixesReceived() >= 0 ? st.prefixesReceived() : c.received();
        long accepted = c.accepted();
        long advertised = c.advertised();
        metrics.peerPrefixes(s.name(), Metrics.PrefixDirection.RECEIVED, received);
        metrics.peerPrefixes(s.name(), Metrics.PrefixDirection.ACCEPTED, accepted);
        metrics.peerPrefixes(s.name(), Metrics.PrefixDirection.ADVERTISED, advertised);
        if (st != null) {
            messageMetrics(s.name(), st.counters());
        }
        InetAddress address = st == null ? null : st.peer().address();
        return new dev.podbgp.daemon.snapshot.PeerStatus(s.name(), hostText(s.name(), address),
                s.asn(), state, st == null ? java.time.Instant.now() : st.since(), received, accepted, advertised,
                st == null ? null : st.lastError());
    }

    /** A peer left: forget what was last seen, so a peer of the same name starts afresh. */
    void forget(String name) {
        lastState.remove(name);
        lastCounters.remove(name);
        hosts.remove(name);
    }

    /** The address as text, "" for none; the string is kept while the address stays (this runs 4 times a second per peer). */
    private String hostText(String peer, InetAddress address) {
        if (address == null) {
            return "";
        }
        Host h = hosts.get(peer);
        if (h == null || !h.address().equals(address)) {
            h = new Host(address, address.getHostAddress());
            hosts.put(peer, h);
        }
        return h.text();
    }

    private void messageMetrics(String peer, PeerCounters.Snapshot now) {
        PeerCounters.Snapshot before = lastCounters.put(peer, now);
        for (int i = 0; i < MESSAGE_TYPES.length; i++) {
            MessageType t = MESSAGE_TYPES[i];
            Metrics.MessageType label = MESSAGE_LABELS[i];
            long in = now.received(t) - (before == null ? 0 : before.received(t));
            long out = now.sent(t) - (before == null ? 0 : before.sent(t));
            if (in > 0) {
                metrics.messagesReceived(peer, label, in);
            }
            if (out > 0) {
                metrics.messagesSent(peer, label, out);
            }
        }
    }

    private void fibMetrics() {
        if (writer == null) {
            return;
        }
        FibCounters.Snapshot now = writer.stats();
        FibCounters.Snapshot before = lastFib;
        lastFib = now;
        long b0 = before == null ? 0 : before.creates();
        long b1 = before == null ? 0 : before.replaces();
        long b2 = before == null ? 0 : before.deletes();
        long b3 = before == null ? 0 : before.failures();
        metrics.fibOperations(Metrics.FibOperation.ADD, now.creates() - b0);
        metrics.fibOperations(Metrics.FibOperation.REPLACE, now.replaces() - b1);
        metrics.fibOperations(Metrics.FibOperation.DELETE, now.deletes() - b2);
        // The writer counts refusals without the kind of change; most are installs (a gateway not reachable).
        metrics.fibErrors(Metrics.FibOperation.ADD, now.failures() - b3);
    }

    /**
     * The Loc-RIB now, with the FIB's installed flags, sorted by prefix. Called on a control thread;
     * the RIB and FIB writer threads copy out what they own.
     *
     * @throws RoutesUnavailable when either does not answer within {@link #CALL_TIMEOUT_SECONDS}
     */
    List<RouteSnapshot> routes() {
        try {
            Set<IpPrefix> installed = writer == null ? Set.of()
                    : writer.installedPrefixes().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<RouteView> views = rib.call(r -> {
                List<RouteView> all = new ArrayList<>(r.locRib(AddressFamily.IPV4_UNICAST));
                all.addAll(r.locRib(AddressFamily.IPV6_UNICAST));
                return all;
            }).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            lastRibAnswerNanos = System.nanoTime();
            return routes(views, installed);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new RoutesUnavailable("the RIB or the FIB writer did not hand over the routes within "
                    + CALL_TIMEOUT_SECONDS + " s; try again");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new RoutesUnavailable("reading the routes failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RoutesUnavailable("interrupted while reading the routes");
        }
    }

    private List<RouteSnapshot> routes(List<RouteView> views, Set<IpPrefix> installed) {
        // Sort on the prefixes already parsed (IPv4 before IPv6, then address, then length), with the address
        // bytes taken once per route: parsing the text back on every comparison dominated a 1M-route table.
        List<Keyed> keyed = new ArrayList<>(views.size());
        for (RouteView v : views) {
            IpPrefix prefix = KernelRoutes.fibPrefix(v.prefix());
            List<PathSnapshot> paths = new ArrayList<>(v.paths().size());
            for (RouteView.PathView p : v.paths()) {
                paths.add(path(prefix, p));
            }
            keyed.add(new Keyed(prefix.address().getAddress(), prefix.length(),
                    new RouteSnapshot(prefix.toString(), paths, installed.contains(prefix))));
        }
        keyed.sort(Keyed.ORDER);
        List<RouteSnapshot> out = new ArrayList<>(keyed.size());
        for (Keyed k : keyed) {
            out.add(k.route());
        }
        return out;
    }

    /** A route with its sort key. */
    private record Keyed(byte[] address, int length, RouteSnapshot route) {
        static final Comparator<Keyed> ORDER = Comparator.<Keyed>comparingInt(k -> k.address.length)
                .thenComparing(Keyed::address, Arrays::compareUnsigned)
                .thenComparingInt(Keyed::length);
    }

    private PathSnapshot path(IpPrefix prefix, RouteView.PathView p) {
        PathAttributes a = p.effective() != null ? p.effective() : p.received();
        boolean local = p.peer().equals(PeerId.LOCAL);
        InetAddress nh = p.nextHop() != null ? p.nextHop() : local ? ownNextHop.apply(prefix) : null;
        List<String> communities = new ArrayList<>();
        Communities c = a.communities();
        for (int i = 0; i < c.size(); i++) {
            communities.add(Communities.format(c.get(i)));
        }
        return new PathSnapshot(nh == null ? "" : nh.getHostAddress(), local ? "local" : p.peer().name(),
                a.asPath() == null ? "" : a.asPath().toString(), a.localPref(), a.med(),
                a.origin() == null ? "INCOMPLETE" : a.origin().name(), communities,
                p.selection() == RouteView.Selection.BEST, p.selection() == RouteView.Selection.MULTIPATH);
    }

    static PeerState state(SessionState s) {
        return switch (s) {
            case IDLE -> PeerState.IDLE;
            case CONNECT -> PeerState.CONNECT;
            case ACTIVE -> PeerState.ACTIVE;
            case OPEN_SENT -> PeerState.OPEN_SENT;
            case OPEN_CONFIRM -> PeerState.OPEN_CONFIRM;
            case ESTABLISHED -> PeerState.ESTABLISHED;
        };
    }
}
