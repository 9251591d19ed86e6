package dev.podbgp.rib;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.UpdateMessage;
import dev.podbgp.rib.decision.NextHopResolver;
import dev.podbgp.rib.out.UpdateSink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The RIB's thread and the handoff sessions use to reach it.
 *
 * <p>Route batches are bounded: {@link #submitUpdates} always takes the batch
 * it is given (it is decoded already) but answers false once the queue holds
 * {@code capacity} prefixes or more (announced and withdrawn; an UPDATE with
 * neither, End-of-RIB say, counts as one), so the bound means the same memory
 * whether a peer packs one prefix per UPDATE or a thousand; the session then stops reading
 * its socket (Netty {@code autoRead(false)}) and the {@code onRoom} callback
 * it passed runs, on the RIB thread, when there is room again. So
 * each session overshoots by at most one batch and memory stays bounded
 * under a flood. Session-state events (up, down, End-of-RIB, ROUTE-REFRESH)
 * are rare and never refused; they keep their order with the updates.
 *
 * <p>Who reads again first: when the queue has drained to half, one waiting
 * session is let go, the first in the RIB's reading order ({@link Rib#readingRank}):
 * sessions past their initial table (their changes are live routing news), then
 * sessions still sending their initial table, in the order they came up. The
 * next is let go at half only after someone submitted again, and every session
 * waiting is let go once the queue is down to a quarter, so the RIB never
 * waits for one slow session. When many peers send their tables at once (a
 * restart), their tables are so taken mostly one after another instead of
 * interleaved: every prefix has a path, and is passed on, once the first table
 * is in, where interleaving would give the last prefixes their first path
 * only near the end; and a withdrawal from a settled peer does not queue
 * behind the dumps.
 */
public final class RibRunner implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RibRunner.class.getName());

    private final ScheduledThreadPoolExecutor executor;
    private final Rib rib;
    private final int capacity;
    private final AtomicInteger queued = new AtomicInteger();
    /** RIB events submitted and not yet run (timers not included). */
    private final AtomicInteger pending = new AtomicInteger();
    /** Routing work submitted so far, see {@link #routingWork()}. */
    private final AtomicLong routingWork = new AtomicLong();
    /** Sessions that were told to stop reading, in no order; guarded by itself. */
    private final List<Waiter> waiting = new ArrayList<>();
    /** One waiter was let go at half and has not submitted since: the next waits (see the class comment). */
    private volatile boolean granted;
    /** Waiters in the RIB's reading order; used on the RIB thread only, where the ranks hold still. */
    private final Comparator<Waiter> readingOrder;

    private record Waiter(PeerId peer, Runnable onRoom) {}

    public RibRunner(RibConfig config, NextHopResolver resolver, FibListener fib, UpdateSink sink, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("RIB queue capacity " + capacity + " must be at least 1 prefix");
        }
        this.capacity = capacity;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "podbgp-rib");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        // Timers still waiting at close (the selection deferral, stale-route timers: minutes) are dropped, not
        // awaited: otherwise the thread, and the whole RIB it holds, outlived close() by that long.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        RibScheduler scheduler = new RibScheduler() {
            @Override
            public long nowMillis() {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
            }

            @Override
            public Cancellable schedule(long delayMillis, Runnable task) {
                var f = executor.schedule(() -> runGuarded(task), delayMillis, TimeUnit.MILLISECONDS);
                return () -> f.cancel(false);
            }
        };
        this.rib = new Rib(config, scheduler, resolver, fib, sink);
        this.readingOrder = Comparator.comparingLong(w -> rib.readingRank(w.peer));
    }

    /**
     * Hands a batch of received UPDATEs to the RIB. Returns whether the caller
     * may keep reading; when false, {@code onRoom} runs once there is room again.
     */
    public boolean submitUpdates(PeerId peer, List<UpdateMessage> batch, Runnable onRoom) {
        Objects.requireNonNull(onRoom, "onRoom");
        int n = weight(batch);
        int now = queued.addAndGet(n);
        granted = false;
        routing(n, () -> {
            try {
                rib.updates(peer, batch);
            } finally {
                drained(queued.addAndGet(-n));
            }
        });
        if (now < capacity) {
            return true;
        }
        Waiter w = new Waiter(peer, onRoom);
        synchronized (waiting) {
            waiting.add(w);
        }
        // The RIB may have drained between our add and our registration: wake ourselves then.
        if (queued.get() <= capacity / 4 && unwait(w)) {
            executor.execute(onRoom);
        }
        return false;
    }

    /** On the RIB thread after a batch, with {@code left} prefixes still queued: lets waiting sessions read again. */
    private void drained(int left) {
        if (left <= capacity / 4) {
            List<Waiter> all;
            synchronized (waiting) {
                if (waiting.isEmpty()) {
                    return;
                }
                all = new ArrayList<>(waiting);
                waiting.clear();
            }
            all.sort(readingOrder);
            for (Waiter w : all) {
                w.onRoom.run();
            }
        } else if (left <= capacity / 2 && !granted) {
            Waiter first;
            synchronized (waiting) {
                if (waiting.isEmpty()) {
                    return;
                }
                first = Collections.min(waiting, readingOrder);
                waiting.remove(first);
            }
            granted = true;
            first.onRoom.run();
        }
    }

    private boolean unwait(Waiter w) {
        synchronized (waiting) {
            return waiting.remove(w);
        }
    }

    /** What a batch counts against the capacity: its prefixes, at least one per UPDATE and per batch. */
    static int weight(List<UpdateMessage> batch) {
        long n = 0;
        for (int i = 0, size = batch.size(); i < size; i++) {
            UpdateMessage u = batch.get(i);
            n += Math.max(1, u.announcedCount() + u.withdrawnCount());
        }
        return (int) Math.min(Math.max(n, 1), Integer.MAX_VALUE / 4);
    }

    /** Prefixes queued and not yet processed (see {@link #weight}). */
    public int queued() {
        return queued.get();
    }

    public void peerUp(PeerId peer, PeerInfo info) {
        routing(() -> rib.peerUp(peer, info));
    }

    public void peerDown(PeerId peer, boolean graceful) {
        routing(() -> rib.peerDown(peer, graceful));
    }

    public void endOfRib(PeerId peer, AddressFamily family) {
        routing(() -> rib.endOfRib(peer, family));
    }

    public void routeRefresh(PeerId peer, AddressFamily family) {
        routing(() -> rib.routeRefresh(peer, family));
    }

    public void refreshBegins(PeerId peer, AddressFamily family) {
        routing(() -> rib.refreshBegins(peer, family));
    }

    public void refreshEnds(PeerId peer, AddressFamily family) {
        routing(() -> rib.refreshEnds(peer, family));
    }

    /** Runs any operation on the RIB thread (configuration, origination, snapshots for the control API). */
    public <T> CompletableFuture<T> call(Function<Rib, T> op) {
        CompletableFuture<T> f = new CompletableFuture<>();
        submit(() -> {
            try {
                f.complete(op.apply(rib));
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /** Runs routing news (a session event) on the RIB thread, counted in {@link #routingWork}. */
    private void routing(Runnable event) {
        routing(1, event);
    }

    /** Runs routing news of this weight (a batch's prefixes) on the RIB thread, counted in {@link #routingWork}. */
    private void routing(int weight, Runnable event) {
        routingWork.addAndGet(weight);
        submit(event);
    }

    /**
     * Runs a RIB event on the RIB thread. When no other event is waiting once it is done, the RIB hears
     * that it is idle ({@link Rib#idle}): its coalescing window then holds UPDATEs only while input
     * keeps coming, and a lone change (a node's pod CIDR, a peer going down) goes out at once.
     */
    private void submit(Runnable event) {
        pending.incrementAndGet();
        executor.execute(() -> {
            try {
                runGuarded(event);
            } finally {
                if (pending.decrementAndGet() == 0) {
                    runGuarded(rib::idle);
                }
            }
        });
    }

    /**
     * Routing work submitted so far: the prefixes of each route batch ({@link #weight}) and one per
     * session event (queries such as {@link #call} and timers not included). Two readings tell how much
     * routing news came in between: a table load is hundreds of thousands of prefixes a second, an
     * Internet feed's background churn tens to hundreds.
     */
    public long routingWork() {
        return routingWork.get();
    }

    /** Whether events wait or run on the RIB thread. */
    public boolean busy() {
        return pending.get() > 0;
    }

    /** Stops the thread after the work already queued; timers not yet due are dropped. */
    @Override
    public void close() {
        executor.shutdown();
    }

    /** Waits for the thread to end after {@link #close}; false when it had not within the time. */
    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return executor.awaitTermination(timeout, unit);
    }

    private static void runGuarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // One bad event must not stop the RIB thread; the session layer sees its own errors.
            LOG.log(System.Logger.Level.ERROR, "RIB task failed: " + e.getMessage(), e);
        }
    }
}
