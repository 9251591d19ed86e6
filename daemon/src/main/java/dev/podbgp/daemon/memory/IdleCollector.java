package dev.podbgp.daemon.memory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Asks for a full collection while routing is quiet or light, once the old generation holds enough
 * garbage.
 *
 * <p>Why: with the parallel collector podbgpd runs with ({@code conf/podbgpd.env}) the old generation
 * is collected only when it is full, and churn leaves garbage there: every withdrawn route, every
 * attribute set no route uses any more, and whatever was in flight when a young collection promoted
 * it. Left alone, that garbage spreads the old generation to its full size (about 240 MB with
 * {@code -Xms256m}) before anything reclaims it, and the pages it touched stay resident: twenty rounds
 * of 10 % churn on a table of a million routes took podbgpd from 216 to 336 MiB, while BIRD stayed at
 * 164 (docs/benchmarks.md). Collected while the RIB has little to do, the garbage is reclaimed before
 * it spreads the old generation further, and the pause (a few tens of milliseconds per 10 MB live,
 * about 0.4 s for a million routes on two cores) falls where few UPDATEs wait for it.
 *
 * <p>Light means at most {@link #LIGHT_WORK} prefixes (and session events) in the last second, with
 * nothing in hand on the RIB thread. A feed of the Internet table never goes quiet for a second: its
 * background churn is tens to hundreds of prefixes a second, and under a rule of no news at all the
 * old generation would fill with that churn's garbage for hours until the collector's own full
 * collection. A table load (hundreds of thousands of prefixes a second) or a burst of churn is
 * never light.
 *
 * <p>Only for the collectors that leave old garbage until the generation is full (parallel and
 * serial); the concurrent ones (G1, ZGC, Shenandoah) reclaim it on their own. {@code
 * -Dpodbgp.idleCollection=false} turns it off.
 */
public final class IdleCollector {
    private static final Logger LOG = LoggerFactory.getLogger(IdleCollector.class);

    /** How often {@link #check} runs. */
    public static final long PERIOD_MILLIS = 1000;
    /** Routing work (prefixes, session events) between two checks that still counts as light. */
    static final long LIGHT_WORK = 10_000;
    /** Garbage worth a pause: at least this much, and at least a quarter of what was live. */
    static final long MIN_GARBAGE_BYTES = 32L << 20;
    /** At most one collection in this long, whatever the figures say. */
    static final long MIN_INTERVAL_NANOS = 5_000_000_000L;
    static final String PROPERTY = "podbgp.idleCollection";

    /** What the collector reads of the old generation, in bytes. */
    interface OldGeneration {
        long used();

        /** Live after the last full collection; 0 before the first. */
        long liveAfterLastFull();
    }

    /** Told of every collection it asked for. */
    public interface Listener {
        void collected(long nanos);
    }

    private final OldGeneration old;
    private final LongSupplier routingWork;
    private final BooleanSupplier busy;
    private final Runnable collect;
    private final LongSupplier nanoTime;
    private final Listener listener;

    private long lastWork = Long.MIN_VALUE;
    private long lastCollection;
    private boolean collectedOnce;

    IdleCollector(OldGeneration old, LongSupplier routingWork, BooleanSupplier busy, Runnable collect,
            LongSupplier nanoTime, Listener listener) {
        this.old = old;
        this.routingWork = routingWork;
        this.busy = busy;
        this.collect = collect;
        this.nanoTime = nanoTime;
        this.listener = listener;
    }

    /**
     * A collector for this JVM, or empty where it has nothing to do: a concurrent collector, or turned
     * off by the operator. {@code routingWork} counts routing work: prefixes and session events into
     * the RIB ({@code RibRunner#routingWork}) and route changes sent to the kernel; {@code busy} tells
     * whether the RIB has work in hand.
     */
    public static Optional<IdleCollector> forThisJvm(LongSupplier routingWork, BooleanSupplier busy,
            Listener listener) {
        String setting = System.getProperty(PROPERTY, "true").strip().toLowerCase(Locale.ROOT);
        if (setting.equals("false")) {
            LOG.info("idle collection off (-D{}=false)", PROPERTY);
            return Optional.empty();
        }
        if (!setting.equals("true")) {
            LOG.warn("-D{}={}: expected true or false; idle collection stays on", PROPERTY, setting);
        }
        Optional<MemoryPoolMXBean> pool = oldPool(ManagementFactory.getMemoryPoolMXBeans());
        if (pool.isEmpty()) {
            LOG.info("idle collection not needed: the collector ({}) reclaims the old generation on its own",
                    String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream()
                            .map(GarbageCollectorMXBean::getName).toList()));
            return Optional.empty();
        }
        MemoryPoolMXBean p = pool.get();
        LOG.info("idle collection on: a full collection once routing is light (at most {} prefixes in a second)"
                + " and the old generation ({}) holds garbage of {} MiB or a quarter of what lives, at most every"
                + " {} s", LIGHT_WORK, p.getName(), MIN_GARBAGE_BYTES >> 20, MIN_INTERVAL_NANOS / 1_000_000_000L);
        OldGeneration old = new OldGeneration() {
            @Override
            public long used() {
                return p.getUsage().getUsed();
            }

            @Override
            public long liveAfterLastFull() {
                // The old pool's collection usage changes only when its own (full) collector ran.
                var after = p.getCollectionUsage();
                return after == null ? 0 : after.getUsed();
            }
        };
        return Optional.of(new IdleCollector(old, routingWork, busy, System::gc, System::nanoTime, listener));
    }

    /** The old generation of the collectors that leave its garbage until it is full, if this JVM runs one. */
    static Optional<MemoryPoolMXBean> oldPool(List<MemoryPoolMXBean> pools) {
        return pools.stream().filter(p -> p.getType() == MemoryType.HEAP)
                .filter(p -> p.getName().equals("PS Old Gen") || p.getName().equals("Tenured Gen"))
                .findFirst();
    }

    /**
     * Looks once (every {@link #PERIOD_MILLIS}); collects when routing since the last look was light
     * and garbage is worth it. True when it did. One light period (a second or two) is enough: heavy
     * churn rarely pauses longer (a round of 10 % churn on a full table every 2.5 s left no gap of
     * three), and a collection that an UPDATE then waits for costs it the pause once.
     */
    public boolean check() {
        long total = routingWork.getAsLong();
        long work = lastWork == Long.MIN_VALUE ? Long.MAX_VALUE : total - lastWork;
        lastWork = total;
        if (work > LIGHT_WORK || busy.getAsBoolean()) {
            return false;
        }
        long now = nanoTime.getAsLong();
        if (collectedOnce && now - lastCollection < MIN_INTERVAL_NANOS) {
            return false;
        }
        long live = old.liveAfterLastFull();
        long used = old.used();
        long garbage = used - live;
        if (garbage < Math.max(MIN_GARBAGE_BYTES, live / 4)) {
            return false;
        }
        collect.run();
        long done = nanoTime.getAsLong();
        lastCollection = done;
        collectedOnce = true;
        long took = done - now;
        LOG.debug("idle: old generation held {} MiB, {} live after the last full collection; collected in {} ms,"
                + " {} MiB now", used >> 20, live >> 20, took / 1_000_000, old.used() >> 20);
        listener.collected(took);
        return true;
    }
}
