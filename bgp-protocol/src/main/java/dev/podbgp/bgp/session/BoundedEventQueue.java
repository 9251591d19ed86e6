package dev.podbgp.bgp.session;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link PeerEventSink} the consumer's single thread drains. Counts UPDATEs
 * (a routes batch weighs its size, any other event one); above
 * {@code capacity} producers are told to pause and are resumed once the
 * consumer has brought the weight down to half. Every session has at most one
 * batch in flight past the bound, so memory stays bounded.
 */
public final class BoundedEventQueue implements PeerEventSink {
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<PeerEvent> events = new ArrayDeque<>();
    private final List<Runnable> paused = new ArrayList<>();
    private long weight;

    public BoundedEventQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity " + capacity + " must be positive");
        }
        this.capacity = capacity;
    }

    @Override
    public boolean accept(PeerEvent event, Runnable resume) {
        lock.lock();
        try {
            events.addLast(event);
            weight += weight(event);
            notEmpty.signal();
            if (weight > capacity) {
                paused.add(resume);
                return false;
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Takes the next event, waiting up to {@code timeout}; null when none came. */
    public PeerEvent poll(Duration timeout) throws InterruptedException {
        List<Runnable> wake;
        PeerEvent e;
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (events.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            e = events.removeFirst();
            weight -= weight(e);
            if (paused.isEmpty() || weight > capacity / 2) {
                return e;
            }
            wake = new ArrayList<>(paused);
            paused.clear();
        } finally {
            lock.unlock();
        }
        wake.forEach(Runnable::run);
        return e;
    }

    /** Takes the next event, waiting as long as needed. */
    public PeerEvent take() throws InterruptedException {
        PeerEvent e;
        do {
            e = poll(Duration.ofSeconds(TimeUnit.HOURS.toSeconds(1)));
        } while (e == null);
        return e;
    }

    /** Current weight (UPDATEs plus other events waiting). */
    public long size() {
        lock.lock();
        try {
            return weight;
        } finally {
            lock.unlock();
        }
    }

    private static long weight(PeerEvent e) {
        return e instanceof PeerEvent.Routes r ? Math.max(1, r.updates().size()) : 1;
    }
}
