package dev.podbgp.rib;

/**
 * Time for the RIB: graceful-restart timers and the UPDATE coalescing window.
 * Tasks run on the RIB thread. Injected so tests drive time by hand
 * ({@link ManualScheduler}) instead of sleeping.
 */
public interface RibScheduler {
    /** Milliseconds on a monotonic clock. */
    long nowMillis();

    /** Runs {@code task} on the RIB thread after {@code delayMillis}. */
    Cancellable schedule(long delayMillis, Runnable task);

    /** A scheduled task that may still be called off. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
