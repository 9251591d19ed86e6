package dev.podbgp.bgp.session;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;

/**
 * The single thread a session lives on, with its clock and timers. In the
 * daemon this is a Netty event loop; in tests a manual clock that advances
 * only when told, so timer behaviour is deterministic.
 */
public interface SessionScheduler extends Executor {

    /** Wall-clock time, for the "since" of states and errors. */
    Instant now();

    /**
     * A monotonic clock in nanoseconds (like {@link System#nanoTime}), on the
     * timers' time line: a timer scheduled for {@code d} runs no earlier than
     * {@code d} after the value read when it was scheduled. For time since an
     * event without a timer per event.
     */
    long nanoTime();

    /** Runs {@code task} on the session thread after {@code delay}. */
    Timer schedule(Duration delay, Runnable task);

    /** Whether the caller is on the session thread. */
    boolean inThread();

    /** A scheduled task that can be cancelled; cancelling twice or after it ran does nothing. */
    interface Timer {
        void cancel();
    }
}
