package dev.podbgp.fib.route;

import dev.podbgp.fib.link.LinkMonitor;
import dev.podbgp.fib.netlink.AddressInfo;
import dev.podbgp.fib.netlink.LinkInfo;
import dev.podbgp.fib.netlink.NetlinkException;
import dev.podbgp.fib.netlink.NetlinkSocket;
import dev.podbgp.fib.netlink.Rtnl;
import dev.podbgp.fib.netlink.RtnlConnection;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FIB writer: one thread owns the netlink socket and the {@link Reconciler}. Callers on
 * any thread hand it desired-state changes; changes arriving close together are coalesced
 * (the last one per key wins) and sent as one batch. A change handed in alone waits the
 * coalesce time for more; a batch handed in whole ({@link #update}) goes at once unless a
 * batch went within the coalesce time. It also resyncs periodically, retries
 * refused routes with back-off, removes stale routes once told the desired set is complete
 * (or after a timeout), and reports next hops whose interface goes down.
 */
public final class FibWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FibWriter.class);

    /**
     * @param coalesce how long a first change waits for more before a batch is sent, and the least
     *                 time between two batches handed in whole
     * @param staleTimeout remove stale routes after this even if never told the set is complete
     */
    public record Config(int table, int protocol, Duration resyncInterval, Duration staleTimeout, Duration retryBase,
            Duration retryMax, Duration coalesce, NetlinkSocket.Options socket) {

        public Config {
            positive("resyncInterval", resyncInterval);
            positive("staleTimeout", staleTimeout);
            positive("retryBase", retryBase);
            positive("retryMax", retryMax);
            if (coalesce.isNegative()) {
                throw new IllegalArgumentException("FIB writer coalesce delay must not be negative, got " + coalesce);
            }
            if (retryMax.compareTo(retryBase) < 0) {
                throw new IllegalArgumentException("FIB writer retryMax " + retryMax + " is below retryBase " + retryBase);
            }
        }

        private static void positive(String name, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("FIB writer " + name + " must be positive, got " + d);
            }
        }

        public static Config defaults() {
            return new Config(Rtnl.RT_TABLE_MAIN, Rtnl.RTPROT_BGP, Duration.ofMinutes(5), Duration.ofMinutes(5),
                    Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMillis(20), NetlinkSocket.Options.requests());
        }

        public Config withTable(int t) {
            return new Config(t, protocol, resyncInterval, staleTimeout, retryBase, retryMax, coalesce, socket);
        }

        public Config withResyncInterval(Duration d) {
            return new Config(table, protocol, d, staleTimeout, retryBase, retryMax, coalesce, socket);
        }

        public Config withStaleTimeout(Duration d) {
            return new Config(table, protocol, resyncInterval, d, retryBase, retryMax, coalesce, socket);
        }

        public Config withRetry(Duration base, Duration max) {
            return new Config(table, protocol, resyncInterval, staleTimeout, base, max, coalesce, socket);
        }

        public Config withProtocol(int p) {
            return new Config(table, p, resyncInterval, staleTimeout, retryBase, retryMax, coalesce, socket);
        }

        public Config withCoalesce(Duration d) {
            return new Config(table, protocol, resyncInterval, staleTimeout, retryBase, retryMax, d, socket);
        }

        public Config withSocket(NetlinkSocket.Options s) {
            return new Config(table, protocol, resyncInterval, staleTimeout, retryBase, retryMax, coalesce, s);
        }
    }

    /** What the writer reports upward. Called on the writer thread; do not block. */
    public interface Listener {
        /** The interface went down or vanished; these desired routes use it. */
        void nextHopDown(LinkInfo link, List<Route> affected);

        /** The interface came back; the writer resyncs, these desired routes use it. */
        default void nextHopUp(LinkInfo link, List<Route> affected) {}

        /** The kernel refused a route; the writer retries it with back-off. */
        default void routeFailed(Route route, NetlinkException error) {}
    }

    private final Config config;
    private final Listener listener;
    private final RtnlConnection conn;
    private final Reconciler reconciler;
    private final FibCounters counters = new FibCounters();
    private final ScheduledExecutorService thread;
    private final LinkMonitor monitor;

    private final Object lock = new Object();
    /** Pending per-key changes; an empty Optional is a removal. */
    private LinkedHashMap<RouteKey, Optional<Route>> pending = new LinkedHashMap<>();
    private Collection<Route> pendingAll;
    private boolean pendingComplete;
    private boolean drainScheduled;
    /** The scheduled drain and when it is due (System.nanoTime); meaningful while drainScheduled. */
    private ScheduledFuture<?> drainTask;
    private long drainDue;
    /** When the last drain took its changes (System.nanoTime). */
    private long lastDrain;

    private FibWriter(Config config, Listener listener, RtnlConnection conn)
            throws NetlinkException {
        this.config = config;
        this.listener = listener;
        this.conn = conn;
        this.reconciler = new Reconciler(conn, config.table(), config.protocol(), counters, config.retryBase(),
                config.retryMax(), listener::routeFailed);
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "fib-writer");
            t.setDaemon(true);
            return t;
        });
        ex.setRemoveOnCancelPolicy(true);
        this.thread = ex;
        this.lastDrain = System.nanoTime() - config.coalesce().toNanos();
        this.monitor = LinkMonitor.start(config.socket(), new LinkMonitor.Listener() {
            @Override
            public void linkChanged(LinkInfo before, LinkInfo now) {
                submit(() -> onLink(before, now));
            }

            @Override
            public void addressChanged(AddressInfo address) {
                submit(() -> onAddress(address));
            }

            @Override
            public void eventsLost() {
                submit(() -> guarded("resync after lost link events", reconciler::resync));
            }
        });
    }

    /** Opens the socket, adopts the kernel's routes of our protocol and starts the thread. */
    public static FibWriter start(Config config, Listener listener) throws NetlinkException {
        RtnlConnection conn = RtnlConnection.open(config.socket());
        FibWriter w;
        try {
            w = new FibWriter(config, listener, conn);
        } catch (NetlinkException | RuntimeException e) {
            conn.close();
            throw e;
        }
        try {
            w.call(() -> {
                w.reconciler.start();
                return null;
            }).join();
        } catch (RuntimeException e) {
            w.close();
            if (e.getCause() instanceof NetlinkException ne) {
                throw ne;
            }
            throw e;
        }
        long resync = config.resyncInterval().toMillis();
        w.thread.scheduleWithFixedDelay(() -> w.guarded("periodic resync", w.reconciler::resync), resync, resync,
                TimeUnit.MILLISECONDS);
        long tick = Math.max(10, Math.min(1000, config.retryBase().toMillis() / 2));
        w.thread.scheduleWithFixedDelay(() -> w.guarded("retry", w.reconciler::retryDue), tick, tick,
                TimeUnit.MILLISECONDS);
        w.thread.schedule(w::staleTimeout, config.staleTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return w;
    }

    /** Desire a route. Refuses, on the caller's thread, a route of another table or protocol. */
    public void put(Route r) {
        owned(r);
        enqueue(r.key(), Optional.of(r));
    }

    private void owned(Route r) {
        if (r.table() != config.table() || r.protocol() != config.protocol()) {
            throw new IllegalArgumentException("route " + r + " is not for table "
                    + Integer.toUnsignedString(config.table()) + " protocol " + config.protocol()
                    + " that this FIB writer owns");
        }
    }

    /** No longer desire a route. */
    public void remove(RouteKey k) {
        enqueue(k, Optional.empty());
    }

    /**
     * Changes that belong together, such as one round of the RIB's decisions, applied as one batch:
     * at once when no batch was taken within the coalesce time, otherwise when that time is up. A
     * caller that batches its own changes so loses nothing to the window that gathers changes handed
     * in one by one ({@link #put}, {@link #remove}). Removals count after the routes put. Refuses, on
     * the caller's thread and before anything is queued, a route of another table or protocol.
     */
    public void update(Collection<Route> put, Collection<RouteKey> remove) {
        put.forEach(this::owned);
        if (put.isEmpty() && remove.isEmpty()) {
            return;
        }
        synchronized (lock) {
            for (Route r : put) {
                pending.put(r.key(), Optional.of(r));
            }
            for (RouteKey k : remove) {
                pending.put(k, Optional.empty());
            }
            scheduleDrain(Math.max(0, lastDrain + config.coalesce().toNanos() - System.nanoTime()));
        }
    }

    /** Replace the whole desired set. */
    public void replaceAll(Collection<Route> routes) {
        routes.forEach(this::owned);
        synchronized (lock) {
            pendingAll = List.copyOf(routes);
            pending.clear();
            scheduleDrain();
        }
    }

    /** The desired set is complete (RIB converged): stale routes go now. */
    public void desiredComplete() {
        synchronized (lock) {
            pendingComplete = true;
            scheduleDrain();
        }
    }

    /** Applies everything handed in so far; completes when the kernel has acked it. */
    public CompletableFuture<Void> sync() {
        return call(() -> {
            drain();
            return null;
        });
    }

    /** Resyncs now; completes with the number of repairs. */
    public CompletableFuture<Integer> resync() {
        return call(() -> {
            drain();
            return reconciler.resync();
        });
    }

    /**
     * Prefixes whose desired route is in the kernel as desired, after what was handed in so
     * far has been sent: the "installed" flag of {@code podbgp routes}.
     */
    public CompletableFuture<Set<IpPrefix>> installedPrefixes() {
        return call(() -> {
            drain();
            return reconciler.installedPrefixes();
        });
    }

    public FibCounters.Snapshot stats() {
        return counters.snapshot();
    }

    /** Change requests the connection sent (same as stats().messagesSent()). */
    public long messagesSent() {
        return counters.snapshot().messagesSent();
    }

    private void enqueue(RouteKey k, Optional<Route> change) {
        synchronized (lock) {
            pending.put(k, change);
            scheduleDrain();
        }
    }

    /** Under the lock: a drain after the coalesce time, unless one is scheduled already. */
    private void scheduleDrain() {
        if (!drainScheduled) {
            scheduleDrain(config.coalesce().toNanos());
        }
    }

    /**
     * Under the lock: a drain within {@code delayNanos}. A drain scheduled for later is moved up; one
     * that cannot be cancelled is running and has not yet taken the pending changes (it takes them
     * under this lock), so it takes these too.
     */
    private void scheduleDrain(long delayNanos) {
        long due = System.nanoTime() + delayNanos;
        if (drainScheduled && (due - drainDue >= 0 || !drainTask.cancel(false))) {
            return;
        }
        ScheduledFuture<?> task = thread.schedule(() -> guarded("apply changes", () -> {
            drain();
            return null;
        }), delayNanos, TimeUnit.NANOSECONDS);
        drainScheduled = true;
        drainDue = due;
        drainTask = task;
    }

    /** Writer thread: take the coalesced changes and send them. */
    private void drain() throws NetlinkException {
        LinkedHashMap<RouteKey, Optional<Route>> changes;
        Collection<Route> all;
        boolean complete;
        synchronized (lock) {
            changes = pending;
            pending = new LinkedHashMap<>();
            all = pendingAll;
            pendingAll = null;
            complete = pendingComplete;
            pendingComplete = false;
            drainScheduled = false;
            lastDrain = System.nanoTime();
        }
        if (all != null) {
            reconciler.replaceAll(all);
        }
        for (Map.Entry<RouteKey, Optional<Route>> e : changes.entrySet()) {
            if (e.getValue().isPresent()) {
                reconciler.put(e.getValue().get());
            } else {
                reconciler.remove(e.getKey());
            }
        }
        if (complete) {
            reconciler.markComplete();
        }
        reconciler.flush();
    }

    private void staleTimeout() {
        if (!reconciler.isComplete()) {
            log.warn("desired set not declared complete within {}; removing stale routes now", config.staleTimeout());
            reconciler.markComplete();
            guarded("stale removal", reconciler::flush);
        }
    }

    private void onLink(LinkInfo before, LinkInfo now) {
        List<Route> affected = reconciler.routesUsing(now.index());
        boolean wasUp = before != null && before.isUp();
        if (!now.isUp() && (wasUp || now.deleted())) {
            if (!affected.isEmpty()) {
                log.warn("interface {} (ifindex {}) {}: {} next hops of ours use it", now.name(), now.index(),
                        now.deleted() ? "vanished" : "went down", affected.size());
            }
            listener.nextHopDown(now, affected);
        } else if (now.isUp() && !wasUp) {
            listener.nextHopUp(now, affected);
            // The kernel flushes IPv4 routes through an interface that was set down. Before
            // start() there is nothing of ours to restore; start() reads the kernel anyway.
            if (reconciler.isStarted()) {
                guarded("resync after interface up", reconciler::resync);
            }
        }
    }

    private void onAddress(AddressInfo a) {
        if (!a.deleted() && reconciler.isStarted()) {
            // A new connected subnet may make a refused gateway reachable: retry now.
            guarded("retry after address change", () -> {
                reconciler.retryNow();
                return reconciler.retryDue();
            });
        }
    }

    private void submit(Runnable r) {
        try {
            thread.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("FIB writer closed; dropping an interface event");
        }
    }

    private <T> CompletableFuture<T> call(Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                f.complete(task.call());
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /** Runs a task on the writer thread so that a failure is logged and never kills a schedule. */
    private void guarded(String what, Callable<?> task) {
        try {
            task.call();
        } catch (NetlinkException e) {
            log.error("FIB writer: {} failed: {}", what, e.getMessage());
        } catch (Exception e) {
            log.error("FIB writer: {} failed", what, e);
        }
    }

    @Override
    public void close() {
        monitor.close(); // first, so no event is handed to a stopped thread
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        conn.close();
    }
}
