package dev.podbgp.fib.route;

import java.util.concurrent.atomic.LongAdder;

/** Counters the FIB writer keeps; written by its thread, read from anywhere. */
public final class FibCounters {

    final LongAdder messagesSent = new LongAdder();
    final LongAdder creates = new LongAdder();
    final LongAdder replaces = new LongAdder();
    final LongAdder deletes = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder dumps = new LongAdder();
    final LongAdder adopted = new LongAdder();
    final LongAdder staleRemoved = new LongAdder();
    final LongAdder resyncs = new LongAdder();
    final LongAdder resyncRepairs = new LongAdder();

    /**
     * @param messagesSent change requests sent to the kernel (creates + replaces + deletes)
     * @param adopted routes found in the kernel at start that already matched
     * @param resyncRepairs routes a resync found missing, changed or unexpected and fixed
     */
    public record Snapshot(long messagesSent, long creates, long replaces, long deletes, long failures, long retries,
            long dumps, long adopted, long staleRemoved, long resyncs, long resyncRepairs) {}

    public Snapshot snapshot() {
        return new Snapshot(messagesSent.sum(), creates.sum(), replaces.sum(), deletes.sum(), failures.sum(),
                retries.sum(), dumps.sum(), adopted.sum(), staleRemoved.sum(), resyncs.sum(), resyncRepairs.sum());
    }
}
