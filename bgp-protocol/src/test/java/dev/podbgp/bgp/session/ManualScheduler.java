package dev.podbgp.bgp.session;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/** A session thread for tests: the test thread itself, with a clock that moves only in {@link #advance}. */
final class ManualScheduler implements SessionScheduler {
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private final Instant epoch = Instant.parse("2026-01-01T00:00:00Z");
    private long nowNanos;
    private long seq;
    private long scheduled;

    private final class Task implements Timer, Comparable<Task> {
        final long due;
        final long order = seq++;
        final Runnable run;
        boolean cancelled;

        Task(long due, Runnable run) {
            this.due = due;
            this.run = run;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Task o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(order, o.order);
        }
    }

    @Override
    public Instant now() {
        return epoch.plusNanos(nowNanos);
    }

    @Override
    public long nanoTime() {
        return nowNanos;
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        scheduled++;
        Task t = new Task(nowNanos + delay.toNanos(), task);
        tasks.add(t);
        return t;
    }

    @Override
    public boolean inThread() {
        return true;
    }

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    /** Moves the clock forward, running every timer that falls due, in order. */
    void advance(Duration d) {
        long end = nowNanos + d.toNanos();
        while (!tasks.isEmpty() && tasks.peek().due <= end) {
            Task t = tasks.poll();
            nowNanos = t.due;
            if (!t.cancelled) {
                t.run.run();
            }
        }
        nowNanos = end;
    }

    /** How many timers were scheduled so far. */
    long scheduled() {
        return scheduled;
    }

    /** Time until the next live timer, or null. */
    Duration nextDue() {
        tasks.removeIf(t -> t.cancelled);
        return tasks.isEmpty() ? null : Duration.ofNanos(tasks.peek().due - nowNanos);
    }
}
