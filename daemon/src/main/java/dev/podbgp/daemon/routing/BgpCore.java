package dev.podbgp.daemon.routing;

import dev.podbgp.bgp.session.BgpSpeaker;
import dev.podbgp.bgp.session.DynamicRange;
import dev.podbgp.bgp.session.PeerConfig;
import dev.podbgp.bgp.session.PeerEvent;
import dev.podbgp.bgp.session.PeerSession;
import dev.podbgp.bgp.session.SpeakerConfig;
import dev.podbgp.bgp.wire.Ipv4;
import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.conf.ConfigDiff;
import dev.podbgp.conf.IpAddresses;
import dev.podbgp.conf.Node;
import dev.podbgp.conf.Peer;
import dev.podbgp.conf.PeerRange;
import dev.podbgp.conf.PodbgpConfig;
import dev.podbgp.daemon.DaemonException;
import dev.podbgp.daemon.Routing;
import dev.podbgp.daemon.RoutingContext;
import dev.podbgp.daemon.control.PeerControl;
import dev.podbgp.daemon.control.ReloadException;
import dev.podbgp.daemon.control.UnknownPeerException;
import dev.podbgp.daemon.memory.IdleCollector;
import dev.podbgp.daemon.snapshot.PublishedSnapshots;
import dev.podbgp.daemon.snapshot.SnapshotSource;
import dev.podbgp.daemon.snapshot.StatusSnapshot;
import dev.podbgp.fib.netlink.NetlinkException;
import dev.podbgp.fib.netlink.NetlinkSocket;
import dev.podbgp.fib.route.FibWriter;
import dev.podbgp.fib.route.IpPrefix;
import dev.podbgp.rib.FibListener;
import dev.podbgp.rib.PeerId;
import dev.podbgp.rib.RibConfig;
import dev.podbgp.rib.RibRunner;
import dev.podbgp.rib.decision.NextHopResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The BGP core of podbgpd: sessions (the speaker), the RIB and the FIB writer
 * wired together from the configuration.
 *
 * <pre>
 *   speaker --PeerEvents--> RibInbox --> RibRunner --Loc-RIB changes--> KernelRoutes --> FibWriter
 *      ^                                     |
 *      +------------- SessionOutbox <--------+ (per-peer UPDATEs)
 * </pre>
 *
 * Start order: the FIB writer first (it adopts our routes already in the kernel,
 * which tells us whether this is a restart), then the RIB with our pod CIDRs,
 * then the sessions. Stale kernel routes go once the RIB has End-of-RIB from
 * every configured peer, or after the graceful restart deferral time.
 */
public final class BgpCore implements Routing, PeerControl {
    private static final Logger LOG = LoggerFactory.getLogger(BgpCore.class);
    // Prefixes decoded and waiting for the RIB, over all sessions, before sessions stop reading (each
    // UPDATE counts at least one). A few milliseconds of RIB work keep it busy; more only keeps decoded
    // messages alive across young collections, which copy them and promote some to die in the old
    // generation. It was counted in UPDATEs (10,000 gave a 1M-prefix load 40 MB more peak RSS and a
    // quarter more collection pause than 1,000), which bounded nothing for a peer that packs hundreds
    // of prefixes per UPDATE: 1,000 of those are most of a full table, decoded at once.
    static final int RIB_QUEUE = 4_096;
    private static final int RIB_MAX_PATHS = 64;
    private static final Duration STOP_GRACE = Duration.ofSeconds(1);

    private final RoutingContext context;
    private final Object lock = new Object();
    /** This node as started: a reload does not change it (node, listen, ecmp and kernel need a restart). */
    private final Node node;
    /** How long a status request waits for counts read from the RIB before taking the last published ones. */
    private static final long STATUS_REFRESH_MILLIS = 3000;
    private PodbgpConfig config;
    private final PublishedSnapshots snapshots;
    /** Configured sessions by name, in configuration order; changed and copied under {@link #lock}. */
    private final Map<String, Peer> configured = new LinkedHashMap<>();
    /** Dynamic neighbours that reached Established, by session name. */
    private final Map<String, Long> dynamic = new ConcurrentHashMap<>();
    private final Map<String, InetAddress> addressOf = new ConcurrentHashMap<>();
    private final Set<String> disabled = ConcurrentHashMap.newKeySet();
    private final Map<String, Optional<String>> keys = new ConcurrentHashMap<>();

    private FibWriter writer;
    private RibRunner rib;
    private BgpSpeaker speaker;
    private SnapshotPublisher publisher;
    private ScheduledExecutorService timers;
    private boolean restarting;
    private volatile boolean stopped;

    public BgpCore(RoutingContext context) {
        this.context = context;
        this.config = context.config();
        this.node = config.node();
        this.snapshots = new PublishedSnapshots(new StatusSnapshot(IpAddresses.format(node.routerId()), node.asn(),
                List.of()));
    }

    @Override
    public String name() {
        return "BGP core";
    }

    @Override
    public void start() throws DaemonException {
        int routerId = Ipv4.fromInet(node.routerId());
        warmUp(config.kernel().install() ? kernelSide(null) : null);
        try {
            if (config.kernel().install()) {
                writer = startFib();
                restarting = config.gracefulRestart().enabled() && writer.stats().adopted() > 0;
            }
            rib = new RibRunner(ribConfig(routerId), NextHopResolver.DIRECT, fibListener(), new SessionOutbox(
                    this::session, context.metrics(), this::changed), RIB_QUEUE);
            publisher = new SnapshotPublisher(snapshots, rib, writer, context.metrics(),
                    IpAddresses.format(node.routerId()), node.asn(), p -> nextHop(node, p));
            snapshots.routesFrom(publisher::routes);
            List<Prefix> own = node.podCidrs().stream().map(c -> Prefix.parse(c.toString())).toList();
            rib.call(r -> {
                own.forEach(r::originate);
                return null;
            });
            List<PeerConfig> sessions = new ArrayList<>();
            for (Peer p : config.sessions()) {
                sessions.add(sessionConfig(p));
            }
            RibInbox inbox = new RibInbox(rib, node.ipv4Address().orElse(null), node.ipv6Address().orElse(null),
                    context.metrics(), context.readiness(), new SessionEvents());
            speaker = startSpeaker(inbox);
            for (PeerRange r : config.peerRanges()) {
                speaker.addDynamicRange(range(r, routerId));
            }
            List<Peer> peers = config.sessions();
            synchronized (lock) {
                for (int i = 0; i < peers.size(); i++) {
                    addSession(peers.get(i), sessions.get(i));
                }
            }
            if (peers.isEmpty() && writer != null) {
                // No peer will send End-of-RIB: our own routes are all there is.
                writer.desiredComplete();
            }
            if (writer != null) {
                writer.sync().get(30, TimeUnit.SECONDS);
            }
            context.readiness().fibReconciled();
            timers = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "podbgp-status");
                t.setDaemon(true);
                return t;
            });
            timers.scheduleWithFixedDelay(this::publish, 0, SnapshotPublisher.PERIOD_MILLIS, TimeUnit.MILLISECONDS);
            RibRunner r = rib;
            FibWriter w = writer;
            // Routing work: prefixes and session events into the RIB, route changes out to the kernel (which
            // may lag behind).
            LongSupplier activity = w == null ? r::routingWork : () -> r.routingWork() + w.messagesSent();
            IdleCollector.forThisJvm(activity, r::busy, context.metrics()::idleCollection)
                    .ifPresent(c -> timers.scheduleWithFixedDelay(c::check, IdleCollector.PERIOD_MILLIS,
                            IdleCollector.PERIOD_MILLIS, TimeUnit.MILLISECONDS));
            snapshots.beforeStatus(this::refreshStatus);
            context.metrics().beforeScrape(this::refreshStatus);
            scheduleReconcile();
            LOG.info("BGP core started: AS {}, router ID {}, {} sessions, {} peer ranges, originating {}{}",
                    node.asn(), IpAddresses.format(node.routerId()), peers.size(), config.peerRanges().size(),
                    node.podCidrs(), restarting ? "; restarting with our kernel routes kept (graceful restart)" : "");
        } catch (SessionSettings.Unusable e) {
            abandon();
            throw new DaemonException(e.getMessage(), e);
        } catch (NetlinkException e) {
            abandon();
            throw new DaemonException("cannot open the kernel routing table (rtnetlink): " + e.getMessage()
                    + "; podbgpd needs CAP_NET_ADMIN", e);
        } catch (ExecutionException | TimeoutException e) {
            abandon();
            throw new DaemonException("BGP core did not start: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon();
            throw new DaemonException("interrupted while starting the BGP core", e);
        } catch (RuntimeException e) {
            abandon();
            throw new DaemonException("BGP core did not start: " + e.getMessage(), e);
        }
    }

    /** See {@link RoutePathWarmup}; a failure there costs the first burst's speed, never the start. */
    private static void warmUp(KernelRoutes kernel) throws DaemonException {
        try {
            RoutePathWarmup.Result r = RoutePathWarmup.run(RoutePathWarmup.PREFIXES, kernel);
            LOG.info("route path warmed up in {} ms ({} made-up prefixes from two peers, {} bytes of UPDATEs and {} of"
                    + " netlink requests made, none sent)", TimeUnit.NANOSECONDS.toMillis(r.nanos()),
                    RoutePathWarmup.PREFIXES, r.exportedBytes(), r.fibBytes());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaemonException("interrupted while starting the BGP core", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("route path warm-up failed, going on without it: {}", e.toString());
        }
    }

    private FibWriter startFib() throws NetlinkException {
        var k = config.kernel();
        // The writer's own periodic resync is pushed out of the way: ours is timed for the metrics.
        FibWriter.Config c = FibWriter.Config.defaults().withTable((int) k.table()).withProtocol(k.protocol())
                .withResyncInterval(Duration.ofDays(3650))
                .withStaleTimeout(config.gracefulRestart().deferralTime().plusSeconds(30))
                .withSocket(NetlinkSocket.Options.requests());
        long t0 = System.nanoTime();
        FibWriter w = FibWriter.start(c, new FibWriter.Listener() {
            @Override
            public void nextHopDown(dev.podbgp.fib.netlink.LinkInfo link, List<dev.podbgp.fib.route.Route> affected) {
                if (!affected.isEmpty()) {
                    LOG.warn("interface {} is down: {} of our kernel routes use it", link.name(), affected.size());
                }
            }

            @Override
            public void routeFailed(dev.podbgp.fib.route.Route route, NetlinkException error) {
                changed();
            }
        });
        context.metrics().reconciled(Duration.ofNanos(System.nanoTime() - t0));
        return w;
    }

    private void scheduleReconcile() {
        Duration every = config.kernel().reconcileInterval();
        if (writer == null || every.isZero()) {
            return;
        }
        timers.scheduleWithFixedDelay(() -> {
            long t0 = System.nanoTime();
            try {
                int repairs = writer.resync().get(60, TimeUnit.SECONDS);
                context.metrics().reconciled(Duration.ofNanos(System.nanoTime() - t0));
                if (repairs > 0) {
                    changed();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("kernel route reconcile failed: {}", e.toString());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private RibConfig ribConfig(int routerId) {
        int maxPaths = config.ecmp().maxPaths();
        if (maxPaths > RIB_MAX_PATHS) {
            LOG.warn("ecmp.maxPaths {} is above the {} next hops the RIB keeps per prefix; using {}", maxPaths,
                    RIB_MAX_PATHS, RIB_MAX_PATHS);
            maxPaths = RIB_MAX_PATHS;
        }
        int clusterId = config.cluster().routeReflector().map(r -> Ipv4.fromInet(r.clusterId())).orElse(routerId);
        var gr = config.gracefulRestart();
        return RibConfig.of(node.asn(), routerId).withMaxPaths(maxPaths)
                .withMultipathRelax(config.ecmp().asPathRelax()).withClusterId(clusterId)
                .withRestarting(restarting, gr.deferralTime().toMillis())
                .withStaleRoutesMillis(gr.staleRoutesTime().toMillis());
    }

    private FibListener fibListener() {
        if (writer == null) {
            // Pass-through: nothing installs, so the RIB builds no route changes; it only says that it changed.
            return new FibListener() {
                @Override
                public void routesChanged(List<dev.podbgp.rib.RouteChange> changes) {
                    changed();
                }

                @Override
                public boolean wantsRoutes() {
                    return false;
                }
            };
        }
        return kernelSide(writer);
    }

    /** The daemon's kernel side over this writer; without one (the start-up warm-up) it only converts. */
    private KernelRoutes kernelSide(FibWriter w) {
        Set<InetAddress> ours = new HashSet<>();
        ours.add(node.address());
        node.ipv4Address().ifPresent(ours::add);
        node.ipv6Address().ifPresent(ours::add);
        List<IpPrefix> own = node.podCidrs().stream().map(c -> IpPrefix.parse(c.toString())).toList();
        var k = config.kernel();
        return new KernelRoutes(w, (int) k.table(), k.protocol(), own, ours, this::changed);
    }

    private static InetAddress nextHop(Node node, IpPrefix prefix) {
        return prefix.isIpv6() ? node.ipv6Address().orElse(null) : node.ipv4Address().orElse(null);
    }

    /**
     * Listens where configured; without an address on {@code [::]} (IPv4 and IPv6), falling
     * back to {@code 0.0.0.0} where IPv6 is switched off (some containers).
     */
    private BgpSpeaker startSpeaker(RibInbox inbox) {
        var l = config.listen();
        if (!l.enabled()) {
            return BgpSpeaker.start(new SpeakerConfig(List.of(), 2, null, null), inbox);
        }
        if (l.address().isPresent()) {
            return BgpSpeaker.start(new SpeakerConfig(List.of(new InetSocketAddress(l.address().get(), l.port())), 2,
                    null, null), inbox);
        }
        try {
            return BgpSpeaker.start(new SpeakerConfig(List.of(new InetSocketAddress(IpAddresses.parse("::"),
                    l.port())), 2, null, null), inbox);
        } catch (IllegalStateException e) {
            LOG.warn("{}; listening on 0.0.0.0 (IPv4 only) instead", e.getMessage());
            return BgpSpeaker.start(new SpeakerConfig(List.of(new InetSocketAddress(IpAddresses.parse("0.0.0.0"),
                    l.port())), 2, null, null), inbox);
        }
    }

    private PeerConfig sessionConfig(Peer p) throws SessionSettings.Unusable {
        PeerConfig c = SessionSettings.of(p, node.asn(), routerId(), restarting);
        keys.put(p.name(), Optional.ofNullable(c.md5Password()));
        return c;
    }

    private DynamicRange range(PeerRange r, int routerId) throws SessionSettings.Unusable {
        Peer template = r.peerFor(r.prefix().address());
        PeerConfig c = SessionSettings.of(template, node.asn(), routerId, restarting);
        try {
            return new DynamicRange(r.name(), r.prefix().address(), r.prefix().length(), c.toBuilder().passive(true)
                    .build(), r.limit());
        } catch (IllegalArgumentException e) {
            throw new SessionSettings.Unusable("peer range " + r.name() + ": " + e.getMessage(), e);
        }
    }

    /** Adds one configured session: the RIB learns its policies first, then the speaker starts it. */
    private void addSession(Peer p, PeerConfig c) {
        configured.put(p.name(), p);
        addressOf.put(p.name(), p.address());
        boolean enabled = p.settings().enabled();
        if (enabled) {
            configureRib(p);
        }
        speaker.addPeer(c);
        if (!enabled) {
            disabled.add(p.name());
            speaker.peer(p.address()).shutdown("disabled in the configuration");
        }
    }

    private void configureRib(Peer p) {
        dev.podbgp.rib.PeerConfig rc = Policies.ribPeer(p);
        rib.call(r -> {
            r.configurePeer(new PeerId(p.name()), rc);
            return null;
        });
    }

    private void removeSession(Peer p) {
        speaker.removePeer(p.address());
        rib.call(r -> {
            r.removePeer(new PeerId(p.name()));
            return null;
        });
        configured.remove(p.name());
        addressOf.remove(p.name());
        disabled.remove(p.name());
        keys.remove(p.name());
        synchronized (lock) {
            if (publisher != null) {
                timers.execute(() -> publisher.forget(p.name()));
            }
        }
    }

    private PeerSession session(String name) {
        InetAddress a = addressOf.get(name);
        return a == null || speaker == null ? null : speaker.peer(a);
    }

    private void changed() {
        SnapshotPublisher p = publisher;
        if (p != null) {
            p.ribChanged();
        }
    }

    /** Session events the core itself cares about: dynamic neighbours appearing and going. */
    private final class SessionEvents implements RibInbox.Sessions {
        @Override
        public void established(PeerEvent.Established e) {
            String name = e.peer().name();
            if (!addressOf.containsKey(name) || dynamic.containsKey(name)) {
                PeerRange range = rangeOf(e.peer().address());
                addressOf.put(name, e.peer().address());
                dynamic.put(name, e.negotiated().peerAs());
                if (range != null) {
                    // Runs on the RIB thread before the peerUp the inbox sends next.
                    dev.podbgp.rib.PeerConfig rc = Policies.ribPeer(range.peerFor(e.peer().address()));
                    rib.call(r -> {
                        r.configurePeer(new PeerId(name), rc);
                        return null;
                    });
                }
            }
            changed();
        }

        @Override
        public void down(PeerEvent.Down e) {
            changed();
        }
    }

    private PeerRange rangeOf(InetAddress a) {
        for (PeerRange r : config.peerRanges()) {
            if (r.prefix().contains(a)) {
                return r;
            }
        }
        return null;
    }

    /**
     * A status request: republish on the status thread with route counts read now, waiting at most
     * {@link #STATUS_REFRESH_MILLIS}; past that the caller gets the last published status.
     */
    private void refreshStatus() {
        ScheduledExecutorService t = timers;
        SnapshotPublisher p = publisher;
        if (t == null || p == null || stopped) {
            return;
        }
        try {
            t.submit(() -> {
                p.countsWanted();
                publish();
            }).get(STATUS_REFRESH_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("status not refreshed for a request ({}); serving the last published one", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publish() {
        try {
            List<SnapshotPublisher.Session> list = new ArrayList<>();
            List<Peer> peers;
            synchronized (lock) {
                peers = List.copyOf(configured.values());
            }
            for (Peer p : peers) {
                PeerSession s = speaker.peer(p.address());
                list.add(new SnapshotPublisher.Session(p.name(), p.settings().asn(), disabled.contains(p.name()),
                        s == null ? null : s.status()));
            }
            for (Map.Entry<String, Long> d : dynamic.entrySet()) {
                PeerSession s = session(d.getKey());
                if (s != null) {
                    list.add(new SnapshotPublisher.Session(d.getKey(), d.getValue(), disabled.contains(d.getKey()),
                            s.status()));
                }
            }
            publisher.publish(list);
        } catch (RuntimeException e) {
            LOG.error("publishing status failed", e);
        }
    }

    // ------------------------------------------------------------------ Routing

    @Override
    public SnapshotSource snapshots() {
        return snapshots;
    }

    @Override
    public PeerControl peers() {
        return this;
    }

    @Override
    public boolean healthy() {
        SnapshotPublisher p = publisher;
        return !stopped && (p == null || p.ribResponsive());
    }

    @Override
    public void stop() {
        stopped = true;
        closeAll(config.gracefulRestart().enabled());
    }

    /**
     * A start that failed part way: close what was opened and leave the kernel routes as they
     * were, so that a restart (systemd's) adopts them instead of the node losing its routes.
     */
    private void abandon() {
        if (timers != null) {
            timers.shutdownNow();
        }
        if (speaker != null) {
            speaker.closeForRestart(STOP_GRACE);
        }
        if (rib != null) {
            rib.close();
        }
        if (writer != null) {
            writer.close();
        }
    }

    /**
     * @param graceful keep kernel routes and close sessions without NOTIFICATION, so
     *                 peers keep our routes while we restart; else Cease and withdraw
     */
    private void closeAll(boolean graceful) {
        if (timers != null) {
            timers.shutdownNow();
        }
        if (speaker != null) {
            if (graceful) {
                LOG.info("graceful restart: closing sessions without NOTIFICATION, keeping kernel routes");
                speaker.closeForRestart(STOP_GRACE);
            } else {
                speaker.close("podbgpd is stopping", STOP_GRACE);
            }
        }
        if (rib != null) {
            rib.close();
        }
        if (writer != null) {
            if (!graceful) {
                writer.replaceAll(List.of());
                writer.desiredComplete();
                try {
                    writer.sync().get(10, TimeUnit.SECONDS);
                    LOG.info("withdrew our kernel routes");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException e) {
                    LOG.warn("could not withdraw our kernel routes: {}", e.toString());
                }
            }
            writer.close();
        }
    }

    // ------------------------------------------------------------------ PeerControl

    private InetAddress known(String peer) throws UnknownPeerException {
        InetAddress a = addressOf.get(peer);
        if (a == null || speaker.peer(a) == null) {
            List<String> names = new ArrayList<>(configured.keySet());
            names.addAll(dynamic.keySet());
            throw new UnknownPeerException(peer, names);
        }
        return a;
    }

    @Override
    public void enable(String peer) throws UnknownPeerException {
        synchronized (lock) {
            InetAddress a = known(peer);
            if (disabled.remove(peer)) {
                Peer p = configured.get(peer);
                if (p != null) {
                    configureRib(p);
                }
            }
            LOG.info("peer {}: enabled by the operator", peer);
            speaker.peer(a).start();
            changed();
        }
    }

    @Override
    public void disable(String peer, Optional<String> message) throws UnknownPeerException {
        synchronized (lock) {
            InetAddress a = known(peer);
            disabled.add(peer);
            LOG.info("peer {}: disabled by the operator{}", peer, message.map(m -> ": " + m).orElse(""));
            speaker.peer(a).shutdown(message.orElse(null));
            changed();
        }
    }

    @Override
    public void reset(String peer, Optional<String> message) throws UnknownPeerException {
        synchronized (lock) {
            InetAddress a = known(peer);
            LOG.info("peer {}: reset by the operator{}", peer, message.map(m -> ": " + m).orElse(""));
            speaker.peer(a).reset(message.orElse(null));
            changed();
        }
    }

    // ------------------------------------------------------------------ reload

    @Override
    public void apply(PodbgpConfig next, ConfigDiff diff) throws ReloadException {
        synchronized (lock) {
            // Everything that can fail is worked out first, so a refused reload changes nothing.
            Map<String, PeerConfig> fresh = new LinkedHashMap<>();
            Map<String, Optional<String>> newKeys = new LinkedHashMap<>();
            try {
                for (Peer p : diff.added()) {
                    fresh.put(p.name(), SessionSettings.of(p, node.asn(), routerId(), restarting));
                }
                for (ConfigDiff.PeerChange c : diff.changed()) {
                    fresh.put(c.name(), SessionSettings.of(c.after(), node.asn(), routerId(), restarting));
                }
                for (String name : diff.unchanged()) {
                    Peer p = next.session(name).orElseThrow();
                    newKeys.put(name, SessionSettings.password(name, p.settings().passwordFile()));
                }
            } catch (SessionSettings.Unusable e) {
                throw new ReloadException("reload refused, nothing changed: " + e.getMessage(), e);
            }
            if (diff.changedSections().contains("peerRanges")) {
                LOG.warn("reload: peerRanges changed; dynamic neighbour ranges take effect when podbgpd restarts");
            }
            List<String> done = new ArrayList<>();
            try {
                for (Peer p : diff.removed()) {
                    removeSession(p);
                    done.add("removed " + p.name());
                }
                for (ConfigDiff.PeerChange c : diff.changed()) {
                    Set<String> fields = c.changedFields();
                    if (c.resetRequired() || fields.contains("maxPrefixes")) {
                        // The session's settings are fixed when it is created: a new one takes them.
                        LOG.info("reload: peer {} changed ({}); its session starts again", c.name(), fields);
                        removeSession(c.before());
                        keys.put(c.name(), Optional.ofNullable(fresh.get(c.name()).md5Password()));
                        addSession(c.after(), fresh.get(c.name()));
                    } else {
                        LOG.info("reload: peer {} changed ({}); applied without a session reset", c.name(), fields);
                        configured.put(c.name(), c.after());
                        boolean was = c.before().settings().enabled();
                        boolean is = c.after().settings().enabled();
                        if (is) {
                            configureRib(c.after());
                        }
                        if (was && !is) {
                            disabled.add(c.name());
                            speaker.peer(c.after().address()).shutdown("disabled in the configuration");
                        } else if (!was && is) {
                            disabled.remove(c.name());
                            speaker.peer(c.after().address()).start();
                        }
                    }
                    done.add("changed " + c.name());
                }
                for (Peer p : diff.added()) {
                    keys.put(p.name(), Optional.ofNullable(fresh.get(p.name()).md5Password()));
                    addSession(p, fresh.get(p.name()));
                    done.add("added " + p.name());
                }
                for (Map.Entry<String, Optional<String>> k : newKeys.entrySet()) {
                    if (!k.getValue().equals(keys.get(k.getKey()))) {
                        LOG.info("reload: peer {}: TCP MD5 key changed in its password file; resetting that session",
                                k.getKey());
                        keys.put(k.getKey(), k.getValue());
                        speaker.setPassword(addressOf.get(k.getKey()), k.getValue().orElse(null));
                    }
                }
            } catch (RuntimeException e) {
                throw new ReloadException("reload failed part way (" + (done.isEmpty() ? "nothing applied"
                        : "applied: " + String.join(", ", done)) + "): " + e.getMessage(), e);
            }
            config = next;
            changed();
        }
    }

    private int routerId() {
        return Ipv4.fromInet(node.routerId());
    }
}
