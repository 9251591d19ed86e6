package dev.podbgp.rib;

import java.util.PriorityQueue;

/**
 * A scheduler whose clock moves only when told: {@link #advance(long)} runs
 * every task that falls due, in time order, on the calling thread. For tests
 * and simulations of the RIB (single-threaded, like the RIB itself).
 */
public final class ManualScheduler implements RibScheduler {
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long now;
    private long seq;

    private static final class Task implements Comparable<Task>, Cancellable {
        final long due;
        final long order;
        final Runnable run;
        boolean cancelled;

        Task(long due, long order, Runnable run) {
            this.due = due;
            this.order = order;
            this.run = run;
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(order, o.order);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        Task t = new Task(now + Math.max(0, delayMillis), seq++, task);
        tasks.add(t);
        return t;
    }

    /** Moves the clock forward, running what falls due (including tasks those tasks schedule). */
    public void advance(long millis) {
        long until = now + millis;
        while (!tasks.isEmpty() && tasks.peek().due <= until) {
            Task t = tasks.poll();
            now = Math.max(now, t.due);
            if (!t.cancelled) {
                t.run.run();
            }
        }
        now = until;
    }

    /** Tasks waiting, cancelled ones excluded. */
    public int pending() {
        int n = 0;
        for (Task t : tasks) {
            if (!t.cancelled) {
                n++;
            }
        }
        return n;
    }
}
