package dev.podbgp.fib.route;

import dev.podbgp.fib.netlink.Errno;
import dev.podbgp.fib.netlink.NetlinkException;
import dev.podbgp.fib.netlink.Rtnl;
import dev.podbgp.fib.netlink.RtnlConnection.Request;
import dev.podbgp.fib.netlink.RtnlTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the routes of one protocol in one table equal a desired set, sending only
 * differences. Single-threaded: {@link FibWriter} owns it and the connection.
 *
 * <p>State: {@code desired} (what we want), {@code installed} (what we believe the kernel
 * has of our protocol and table, from the last dump plus acknowledged changes) and the keys
 * whose two sides may differ ({@code dirty}). A flush looks only at dirty keys, so a change
 * of one route among 100,000 sends one message.
 *
 * <p>Restart without flapping: {@link #start} adopts what the kernel has. Routes of ours that
 * nobody desires are "stale" and stay until {@link #markComplete} (the RIB has converged).
 * A route we believe absent is added with NLM_F_EXCL, so a route that appeared meanwhile,
 * ours or another protocol's, answers EEXIST instead of being overwritten.
 */
public final class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    private static final int MAX_LOGGED_PER_RUN = 20;

    private record Retry(long dueNanos, boolean conflict) {}

    /** Keys where a re-read after EEXIST found no route of ours: another protocol holds them. */
    private final Set<RouteKey> heldByOthers = new HashSet<>();

    private final RtnlTransport conn;
    private final int table;
    private final int protocol;
    private final FibCounters counters;
    private final Duration retryBase;
    private final Duration retryMax;
    private final FailureListener failureListener;

    private final Map<RouteKey, Route> desired = new HashMap<>();
    /**
     * One shared list per distinct next-hop set: 100,000 routes usually use a handful (BIRD
     * shares route attributes the same way). Cleared when it grows far past the desired set.
     */
    private final Map<List<NextHop>, List<NextHop>> hopSets = new HashMap<>();
    private final Map<RouteKey, Route> installed = new HashMap<>();
    private final Set<RouteKey> stale = new HashSet<>();
    private final Set<RouteKey> dirty = new LinkedHashSet<>();
    private final Map<RouteKey, Retry> retries = new HashMap<>();
    /** Consecutive failures per key, for the back-off; cleared by success or a new desire. */
    private final Map<RouteKey, Integer> attempts = new HashMap<>();
    private boolean complete;
    private boolean started;

    /** Told about every route the kernel refused (after logging), e.g. to report upward. */
    @FunctionalInterface
    public interface FailureListener {
        void routeFailed(Route route, NetlinkException error);
    }

    public Reconciler(RtnlTransport conn, int table, int protocol, FibCounters counters, Duration retryBase,
            Duration retryMax, FailureListener failureListener) {
        if (protocol < 1 || protocol > 255) {
            throw new IllegalArgumentException("route protocol " + protocol + " out of range 1..255");
        }
        if (table == Rtnl.RT_TABLE_UNSPEC || table == 255) {
            throw new IllegalArgumentException("routing table " + Integer.toUnsignedString(table)
                    + " cannot be owned (0 is unspecified, 255 is local)");
        }
        this.conn = conn;
        this.table = table;
        this.protocol = protocol;
        this.counters = counters;
        this.retryBase = retryBase;
        this.retryMax = retryMax;
        this.failureListener = failureListener;
    }

    public int table() {
        return table;
    }

    public int protocol() {
        return protocol;
    }

    public FibCounters counters() {
        return counters;
    }

    /** Dumps our routes once and adopts them; none is changed or removed by this. */
    public void start() throws NetlinkException {
        installed.clear();
        installed.putAll(dumpOurs());
        stale.addAll(installed.keySet());
        stale.removeAll(desired.keySet());
        for (RouteKey k : desired.keySet()) {
            dirty.add(k);
        }
        started = true;
        counters.adopted.add(installed.size());
        log.info("FIB table {} protocol {}: found {} routes of ours in the kernel; keeping them until the desired"
                + " set is complete", Integer.toUnsignedString(table), protocol, installed.size());
    }

    /** Desire this route (replacing any desired route with the same key). */
    public void put(Route r) {
        check(r);
        r = intern(r);
        RouteKey k = r.key();
        desired.put(k, r);
        stale.remove(k);
        forgetFailures(k);
        dirty.add(k);
    }

    private void forgetFailures(RouteKey k) {
        retries.remove(k);
        attempts.remove(k);
        heldByOthers.remove(k);
    }

    /** No longer desire the route with this key. */
    public void remove(RouteKey k) {
        if (desired.remove(k) != null) {
            forgetFailures(k);
            dirty.add(k);
        }
    }

    /** Makes {@code routes} the whole desired set; keys dropped from it are removed. */
    public void replaceAll(Collection<Route> routes) {
        Map<RouteKey, Route> next = new HashMap<>(routes.size() * 2);
        for (Route given : routes) {
            check(given);
            Route r = intern(given);
            if (next.put(r.key(), r) != null) {
                throw new IllegalArgumentException("desired set lists " + r.key() + " twice");
            }
        }
        for (RouteKey k : desired.keySet()) {
            if (!next.containsKey(k)) {
                dirty.add(k);
                forgetFailures(k);
            }
        }
        for (Map.Entry<RouteKey, Route> e : next.entrySet()) {
            Route old = desired.get(e.getKey());
            if (!e.getValue().equals(old)) {
                dirty.add(e.getKey());
                forgetFailures(e.getKey());
            }
            stale.remove(e.getKey());
        }
        desired.clear();
        desired.putAll(next);
    }

    private Route intern(Route r) {
        if (hopSets.size() > 1024 && hopSets.size() > desired.size()) {
            hopSets.clear(); // next hops churned; start over rather than keep dead sets
        }
        List<NextHop> shared = hopSets.putIfAbsent(r.nextHops(), r.nextHops());
        return shared == null || shared == r.nextHops() ? r : r.withNextHops(shared);
    }

    /** The desired set is complete (the RIB converged): stale routes of ours may go now. */
    public void markComplete() {
        if (!complete) {
            complete = true;
            log.info("FIB table {} protocol {}: desired set complete; removing {} stale routes",
                    Integer.toUnsignedString(table), protocol, stale.size());
            dirty.addAll(stale);
        }
    }

    public boolean isStarted() {
        return started;
    }

    public boolean isComplete() {
        return complete;
    }

    /** Prefixes whose desired route the kernel holds as desired (acked, or found so by the last resync). */
    public Set<IpPrefix> installedPrefixes() {
        Set<IpPrefix> out = new HashSet<>();
        for (Map.Entry<RouteKey, Route> e : desired.entrySet()) {
            if (e.getValue().satisfiedBy(installed.get(e.getKey()))) {
                out.add(e.getKey().prefix());
            }
        }
        return out;
    }

    public int desiredCount() {
        return desired.size();
    }

    public int pendingCount() {
        return dirty.size() + retries.size();
    }

    /** Sends the differences for every dirty key in batches; returns how many were sent. */
    public int flush() throws NetlinkException {
        requireStarted();
        if (dirty.isEmpty()) {
            return 0;
        }
        List<Request> requests = new ArrayList<>();
        List<Runnable> onSuccess = new ArrayList<>();
        List<Route> subjects = new ArrayList<>();
        List<Boolean> creates = new ArrayList<>();
        List<RouteKey> wereStale = new ArrayList<>();
        for (RouteKey k : dirty) {
            Route want = desired.get(k);
            Route have = installed.get(k);
            if (want != null) {
                if (want.satisfiedBy(have)) {
                    continue;
                }
                boolean create = have == null;
                requests.add(create ? RouteCodec.create(want) : RouteCodec.replace(want));
                subjects.add(want);
                creates.add(create);
                onSuccess.add(() -> {
                    installed.put(k, want);
                    (create ? counters.creates : counters.replaces).increment();
                });
            } else if (have != null && (complete || !stale.contains(k))) {
                requests.add(RouteCodec.delete(have));
                subjects.add(have);
                creates.add(false);
                boolean wasStale = stale.remove(k);
                if (wasStale) {
                    wereStale.add(k);
                }
                onSuccess.add(() -> {
                    installed.remove(k);
                    counters.deletes.increment();
                    if (wasStale) {
                        counters.staleRemoved.increment();
                    }
                });
            }
        }
        if (requests.isEmpty()) {
            dirty.clear();
            return 0;
        }
        List<RouteKey> keys = new ArrayList<>(dirty);
        dirty.clear();
        List<NetlinkException> results;
        try {
            results = conn.execute(requests);
        } catch (NetlinkException e) {
            // The socket failed, not one route: keep every key for the next attempt. Acks we
            // never read leave {@code installed} behind; EEXIST handling re-reads it.
            dirty.addAll(keys);
            stale.addAll(wereStale);
            throw e;
        }
        counters.messagesSent.add(requests.size());
        int logged = 0;
        for (int i = 0; i < results.size(); i++) {
            NetlinkException e = results.get(i);
            Route subject = subjects.get(i);
            if (e == null) {
                onSuccess.get(i).run();
                attempts.remove(subject.key());
                heldByOthers.remove(subject.key());
                continue;
            }
            if (requests.get(i).type() == Rtnl.RTM_DELROUTE && e.errno() == Errno.ESRCH) {
                onSuccess.get(i).run(); // already gone: what we wanted
                continue;
            }
            counters.failures.increment();
            boolean conflict = creates.get(i) && e.errno() == Errno.EEXIST;
            int n = attempts.merge(subject.key(), 1, Integer::sum);
            long delay = Math.min(retryMax.toNanos(), retryBase.toNanos() << Math.min(n - 1, 20));
            retries.put(subject.key(), new Retry(System.nanoTime() + delay, conflict));
            if (logged++ < MAX_LOGGED_PER_RUN) {
                String why = !conflict ? ""
                        : heldByOthers.contains(subject.key())
                                ? "; a route of another protocol holds this key and we never overwrite it"
                                : "; a route with this key appeared meanwhile";
                log.error("kernel refused {} (attempt {}, retry in {} ms){}: {}", subject, n, delay / 1_000_000, why,
                        e.getMessage());
            }
            if (failureListener != null) {
                failureListener.routeFailed(subject, e);
            }
        }
        if (logged > MAX_LOGGED_PER_RUN) {
            log.error("{} more routes refused by the kernel in this batch", logged - MAX_LOGGED_PER_RUN);
        }
        return requests.size();
    }

    /**
     * Retries routes whose back-off has passed. After EEXIST the kernel's view is re-read
     * first: if the route there is ours it is adopted or replaced, if it belongs to another
     * protocol it is left alone and retried later.
     */
    public int retryDue() throws NetlinkException {
        requireStarted();
        long now = System.nanoTime();
        boolean refresh = false;
        List<RouteKey> due = new ArrayList<>();
        for (Iterator<Map.Entry<RouteKey, Retry>> it = retries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<RouteKey, Retry> e = it.next();
            if (e.getValue().dueNanos - now <= 0) {
                due.add(e.getKey());
                refresh |= e.getValue().conflict;
                it.remove();
            }
        }
        if (due.isEmpty()) {
            return dirty.isEmpty() ? 0 : flush(); // left over from a failed send
        }
        counters.retries.add(due.size());
        dirty.addAll(due);
        if (refresh) {
            Map<RouteKey, Route> kernel = dumpOurs();
            for (RouteKey k : due) {
                Route r = kernel.get(k);
                if (r == null) {
                    installed.remove(k);
                    heldByOthers.add(k);
                } else {
                    installed.put(k, r);
                    heldByOthers.remove(k);
                }
            }
        }
        return flush();
    }

    /** Makes every pending retry due now, e.g. after an address appeared. */
    public void retryNow() {
        long now = System.nanoTime();
        retries.replaceAll((k, r) -> new Retry(now, r.conflict));
    }

    /** Earliest retry due time (System.nanoTime), or empty. */
    public OptionalLong nextRetryNanos() {
        OptionalLong best = OptionalLong.empty();
        for (Retry r : retries.values()) {
            if (best.isEmpty() || r.dueNanos - best.getAsLong() < 0) {
                best = OptionalLong.of(r.dueNanos);
            }
        }
        return best;
    }

    /**
     * Re-reads the kernel and repairs what changed behind our back: desired routes missing or
     * different, and (once complete) routes of our protocol that nobody desires.
     */
    public int resync() throws NetlinkException {
        requireStarted();
        counters.resyncs.increment();
        Map<RouteKey, Route> kernel = dumpOurs();
        int missing = 0;
        int changed = 0;
        int unexpected = 0;
        int logged = 0;
        for (Map.Entry<RouteKey, Route> e : desired.entrySet()) {
            Route have = kernel.get(e.getKey());
            if (e.getValue().satisfiedBy(have) || retries.containsKey(e.getKey())) {
                continue;
            }
            dirty.add(e.getKey());
            if (have == null) {
                missing++;
                if (logged++ < MAX_LOGGED_PER_RUN) {
                    log.warn("resync: route {} vanished from the kernel; restoring it", e.getValue());
                }
            } else {
                changed++;
                if (logged++ < MAX_LOGGED_PER_RUN) {
                    log.warn("resync: route {} was changed to {}; putting it back", e.getValue(), have);
                }
            }
        }
        for (Map.Entry<RouteKey, Route> e : kernel.entrySet()) {
            RouteKey k = e.getKey();
            if (desired.containsKey(k)) {
                continue;
            }
            if (!installed.containsKey(k) || stale.contains(k)) {
                stale.add(k); // someone added a route of our protocol: ours to remove once complete
            }
            if (complete || !stale.contains(k)) {
                dirty.add(k);
                unexpected++;
                if (logged++ < MAX_LOGGED_PER_RUN) {
                    log.warn("resync: route {} of our protocol is not desired; removing it", e.getValue());
                }
            }
        }
        installed.clear();
        for (Map.Entry<RouteKey, Route> e : kernel.entrySet()) {
            // Share the desired instance when equal: one Route object per prefix, not two.
            Route want = desired.get(e.getKey());
            installed.put(e.getKey(), want != null && want.equals(e.getValue()) ? want : e.getValue());
        }
        int repairs = missing + changed + unexpected;
        counters.resyncRepairs.add(repairs);
        if (repairs > 0) {
            log.warn("resync of table {} protocol {}: {} missing, {} changed, {} unexpected; repairing",
                    Integer.toUnsignedString(table), protocol, missing, changed, unexpected);
        } else {
            log.debug("resync of table {} protocol {}: kernel matches {} desired routes",
                    Integer.toUnsignedString(table), protocol, desired.size());
        }
        flush();
        return repairs;
    }

    /** Keys of desired routes whose next hops leave through this interface. */
    public List<Route> routesUsing(int ifindex) {
        List<Route> out = new ArrayList<>();
        for (Route r : desired.values()) {
            if (r.uses(ifindex)) {
                out.add(r);
            }
        }
        return out;
    }

    private Map<RouteKey, Route> dumpOurs() throws NetlinkException {
        Map<RouteKey, Route> out = new HashMap<>();
        for (int family : new int[] {Rtnl.AF_INET, Rtnl.AF_INET6}) {
            counters.dumps.increment();
            List<Route> routes;
            try {
                routes = conn.dump(Rtnl.RTM_GETROUTE, RouteCodec.dumpRequest(family, table, protocol),
                        RouteCodec::decode);
            } catch (NetlinkException e) {
                if (e.errno() == Errno.ENOENT) {
                    continue; // the table does not exist yet: it holds nothing of ours
                }
                throw e;
            }
            for (Route r : routes) {
                // The kernel filters with strict checking; filter again for kernels without it.
                if (r.protocol() == protocol && r.table() == table) {
                    out.put(r.key(), r);
                }
            }
        }
        return out;
    }

    private void check(Route r) {
        if (r.table() != table || r.protocol() != protocol) {
            throw new IllegalArgumentException("route " + r + " is not for table " + Integer.toUnsignedString(table)
                    + " protocol " + protocol + " that this reconciler owns");
        }
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("reconciler not started: call start() to adopt kernel routes first");
        }
    }
}
