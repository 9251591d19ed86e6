package dev.podbgp.daemon.metrics;

import dev.podbgp.daemon.snapshot.PeerState;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.datapoints.StateSetDataPoint;
import io.prometheus.metrics.core.metrics.StateSet;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Every podbgp metric family, and the calls the components make to update
 * them. Thread-safe: sessions call it from Netty event loops, the RIB and FIB
 * from their own threads. Label values come from closed sets (enums) or from
 * configured peer names, so cardinality stays bounded.
 */
public final class Metrics {
    /** BGP message types, as labels: {@code type="update"}. */
    public enum MessageType { OPEN, UPDATE, NOTIFICATION, KEEPALIVE, ROUTE_REFRESH }

    /** Prefix counts per peer, as labels: {@code direction="accepted"}. */
    public enum PrefixDirection { RECEIVED, ACCEPTED, ADVERTISED }

    /** What an UPDATE did to a prefix, as labels: {@code kind="withdraw"}. */
    public enum PrefixUpdate { ANNOUNCE, WITHDRAW }

    /** Kernel route changes the FIB writer makes. */
    public enum FibOperation { ADD, REPLACE, DELETE }

    private static final String[] STATES = Arrays.stream(PeerState.values()).map(PeerState::display)
            .toArray(String[]::new);

    private final PrometheusRegistry registry;
    private volatile Runnable beforeScrape = () -> { };
    private final java.util.concurrent.ConcurrentMap<String, CounterDataPoint[]> receivedPoints =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentMap<String, CounterDataPoint[]> sentPoints =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentMap<String, GaugeDataPoint[]> prefixPoints =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final StateSet sessionState;
    private final Counter sessionTransitions;
    private final Counter messagesReceived;
    private final Counter messagesSent;
    private final Gauge peerPrefixes;
    private final Counter prefixUpdatesReceived;
    private final Counter prefixUpdatesSent;
    private final Gauge ribPrefixes;
    private final Gauge ribPaths;
    private final Counter fibOperations;
    private final Counter fibErrors;
    private final Histogram reconcileDuration;
    private final Counter idleCollections;
    private final Counter idleCollectionSeconds;

    /** Registers the families in a registry of their own, so tests and daemons never share state. */
    public Metrics() {
        this(new PrometheusRegistry());
    }

    public Metrics(PrometheusRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        // No exemplars: they link a sample to a trace, and podbgpd traces nothing. With them on (the
        // client's default) every per-peer series kept an exemplar sampler and its buffers, about
        // 1.8 KB a peer (880 KiB of heap with 500 peers), and every increment asked for a span context.
        sessionState = StateSet.builder().name("podbgp_session_state")
                .help("BGP session state per peer (RFC 4271 FSM states, plus Disabled by the operator)")
                .labelNames("peer").states(STATES).withoutExemplars().register(registry);
        sessionTransitions = Counter.builder().name("podbgp_session_transitions_total")
                .help("BGP session state changes per peer").labelNames("peer", "from", "to")
                .withoutExemplars().register(registry);
        messagesReceived = Counter.builder().name("podbgp_messages_received_total")
                .help("BGP messages received per peer and type").labelNames("peer", "type")
                .withoutExemplars().register(registry);
        messagesSent = Counter.builder().name("podbgp_messages_sent_total")
                .help("BGP messages sent per peer and type").labelNames("peer", "type")
                .withoutExemplars().register(registry);
        peerPrefixes = Gauge.builder().name("podbgp_peer_prefixes")
                .help("Prefixes per peer: received (Adj-RIB-In), accepted by import policy, advertised (Adj-RIB-Out)")
                .labelNames("peer", "direction").withoutExemplars().register(registry);
        prefixUpdatesReceived = Counter.builder().name("podbgp_prefix_updates_received_total")
                .help("Prefixes announced or withdrawn by the peer, per UPDATE entry").labelNames("peer", "kind")
                .withoutExemplars().register(registry);
        prefixUpdatesSent = Counter.builder().name("podbgp_prefix_updates_sent_total")
                .help("Prefixes we announced or withdrew towards the peer, per UPDATE entry").labelNames("peer", "kind")
                .withoutExemplars().register(registry);
        ribPrefixes = Gauge.builder().name("podbgp_rib_prefixes")
                .help("Prefixes in the Loc-RIB").withoutExemplars().register(registry);
        ribPaths = Gauge.builder().name("podbgp_rib_paths")
                .help("Paths held for Loc-RIB prefixes, all peers").withoutExemplars().register(registry);
        fibOperations = Counter.builder().name("podbgp_fib_operations_total")
                .help("Kernel route changes sent over netlink").labelNames("operation")
                .withoutExemplars().register(registry);
        fibErrors = Counter.builder().name("podbgp_fib_errors_total")
                .help("Kernel route changes the kernel refused").labelNames("operation")
                .withoutExemplars().register(registry);
        reconcileDuration = Histogram.builder().name("podbgp_fib_reconcile_duration_seconds")
                .help("Time to reconcile desired routes against the kernel's").unit(Unit.SECONDS)
                .classicOnly().classicUpperBounds(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30)
                .withoutExemplars().register(registry);
        idleCollections = Counter.builder().name("podbgp_idle_collections_total")
                .help("Full garbage collections podbgpd asked for while idle, to reclaim old-generation garbage")
                .withoutExemplars().register(registry);
        idleCollectionSeconds = Counter.builder().name("podbgp_idle_collection_seconds_total")
                .help("Time the full collections asked for while idle took (the process pauses meanwhile)")
                .unit(Unit.SECONDS).withoutExemplars().register(registry);
    }

    /** Run before every scrape: owners refresh figures they only read on demand (route counts). */
    public void beforeScrape(Runnable refresh) {
        beforeScrape = java.util.Objects.requireNonNull(refresh, "refresh");
    }

    /** Called by the metrics endpoint just before it reads the registry. */
    public void scraping() {
        beforeScrape.run();
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** A configured peer appears: its state shows before its first transition. */
    public void peerConfigured(String peer, PeerState initial) {
        setState(peer, initial);
        for (PrefixDirection d : PrefixDirection.values()) {
            peerPrefixes(peer, d, 0);
        }
    }

    /** A peer left the configuration: its series go, so dashboards do not show a ghost. */
    public void peerRemoved(String peer) {
        sessionState.removeIf(labels -> labels.get(0).equals(peer));
        sessionTransitions.removeIf(labels -> labels.get(0).equals(peer));
        messagesReceived.removeIf(labels -> labels.get(0).equals(peer));
        messagesSent.removeIf(labels -> labels.get(0).equals(peer));
        peerPrefixes.removeIf(labels -> labels.get(0).equals(peer));
        prefixUpdatesReceived.removeIf(labels -> labels.get(0).equals(peer));
        prefixUpdatesSent.removeIf(labels -> labels.get(0).equals(peer));
        receivedPoints.remove(peer);
        sentPoints.remove(peer);
        prefixPoints.remove(peer);
    }

    public void sessionTransition(String peer, PeerState from, PeerState to) {
        sessionTransitions.labelValues(peer, from.display(), to.display()).inc();
        setState(peer, to);
    }

    private void setState(String peer, PeerState state) {
        StateSetDataPoint point = sessionState.labelValues(peer);
        for (PeerState s : PeerState.values()) {
            if (s == state) {
                point.setTrue(s.display());
            } else {
                point.setFalse(s.display());
            }
        }
    }

    public void messageReceived(String peer, MessageType type) {
        messagesReceived.labelValues(peer, label(type)).inc();
    }

    public void messageSent(String peer, MessageType type) {
        messagesSent.labelValues(peer, label(type)).inc();
    }

    /** {@code count} messages at once (counters read from the session layer). */
    public void messagesReceived(String peer, MessageType type, long count) {
        messagesReceived.labelValues(peer, label(type)).inc(count);
    }

    public void messagesSent(String peer, MessageType type, long count) {
        messagesSent.labelValues(peer, label(type)).inc(count);
    }

    public void peerPrefixes(String peer, PrefixDirection direction, long count) {
        // Set for every peer several times a second by the status publisher: the data points are looked up
        // once per peer (each lookup made a label list, its iterator and a lambda).
        GaugeDataPoint[] points = prefixPoints.get(peer);
        if (points == null) {
            points = prefixPoints.computeIfAbsent(peer, p -> Arrays.stream(PrefixDirection.values())
                    .map(d -> peerPrefixes.labelValues(p, label(d))).toArray(GaugeDataPoint[]::new));
        }
        points[direction.ordinal()].set(count);
    }

    /** One received UPDATE's effect: how many prefixes it announced and withdrew. */
    public void prefixesReceived(String peer, long announced, long withdrawn) {
        add(prefixUpdatesReceived, receivedPoints, peer, announced, withdrawn);
    }

    /** One sent UPDATE's effect. */
    public void prefixesSent(String peer, long announced, long withdrawn) {
        add(prefixUpdatesSent, sentPoints, peer, announced, withdrawn);
    }

    private static void add(Counter counter, java.util.concurrent.ConcurrentMap<String, CounterDataPoint[]> cache,
                            String peer, long announced, long withdrawn) {
        // Called for every UPDATE: the data points are looked up once per peer, not per call, and the
        // lambda (it captures the counter, so each use is a new object) is made only on a miss.
        CounterDataPoint[] points = cache.get(peer);
        if (points == null) {
            points = cache.computeIfAbsent(peer, p -> new CounterDataPoint[] {
                    counter.labelValues(p, label(PrefixUpdate.ANNOUNCE)),
                    counter.labelValues(p, label(PrefixUpdate.WITHDRAW))});
        }
        if (announced > 0) {
            points[0].inc(announced);
        }
        if (withdrawn > 0) {
            points[1].inc(withdrawn);
        }
    }

    public void ribSize(long prefixes, long paths) {
        ribPrefixes.set(prefixes);
        ribPaths.set(paths);
    }

    public void fibOperation(FibOperation operation) {
        fibOperations.labelValues(label(operation)).inc();
    }

    /** {@code count} changes at once (counters read from the FIB writer); 0 changes nothing. */
    public void fibOperations(FibOperation operation, long count) {
        if (count > 0) {
            fibOperations.labelValues(label(operation)).inc(count);
        }
    }

    public void fibErrors(FibOperation operation, long count) {
        if (count > 0) {
            fibErrors.labelValues(label(operation)).inc(count);
        }
    }

    public void fibError(FibOperation operation) {
        fibErrors.labelValues(label(operation)).inc();
    }

    /** A full collection asked for while idle ({@code IdleCollector}) took this long. */
    public void idleCollection(long nanos) {
        idleCollections.inc();
        idleCollectionSeconds.inc(nanos / 1e9);
    }

    public void reconciled(Duration took) {
        reconcileDuration.observe(took.toNanos() / 1e9);
    }

    /** Each enum's constants in lower case, by ordinal: made once per enum, not per update. */
    private static final ClassValue<String[]> LABELS = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            return Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
                    .toArray(String[]::new);
        }
    };

    private static String label(Enum<?> e) {
        return LABELS.get(e.getDeclaringClass())[e.ordinal()];
    }
}
