package dev.podbgp.daemon.systemd;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.Out;

/**
 * CLOCK_MONOTONIC in microseconds, the clock systemd expects in
 * {@code MONOTONIC_USEC} beside {@code RELOADING=1}. Java has no documented
 * way to read that clock ({@link System#nanoTime()} has an arbitrary origin).
 */
final class MonotonicClock {
    private static final int CLOCK_MONOTONIC = 1;

    public interface LibC {
        /** {@code struct timespec} on 64-bit Linux: two longs, seconds and nanoseconds. */
        int clock_gettime(int clockId, @Out long[] timespec);
    }

    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    }

    private MonotonicClock() {
    }

    static long microseconds() {
        long[] ts = new long[2];
        if (Holder.LIBC.clock_gettime(CLOCK_MONOTONIC, ts) != 0) {
            throw new IllegalStateException("clock_gettime(CLOCK_MONOTONIC) failed");
        }
        return ts[0] * 1_000_000L + ts[1] / 1_000L;
    }
}
