package dev.podbgp.daemon.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Decides {@code /readyz}: ready once the FIB has reconciled and every
 * configured peer has been Established at least once or its grace time has
 * passed. Fed by events from the FIB writer and the sessions.
 *
 * <p>Readiness latches: once ready, the daemon stays ready. A peer added by a
 * reload or a session that drops later does not make a running node unready;
 * the session state metrics show that instead.
 */
public final class Readiness {
    /** Whether the daemon is ready, and if not, what it still waits for (one line each). */
    public record Status(boolean ready, List<String> waitingFor) {
        public Status {
            waitingFor = List.copyOf(waitingFor);
        }
    }

    private record Pending(long graceEndsNanos) {
    }

    private final LongSupplier nanoTime;
    private final Map<String, Pending> pendingPeers = new LinkedHashMap<>();
    private boolean fibReconciled;
    private boolean ready;

    public Readiness() {
        this(System::nanoTime);
    }

    /** @param nanoTime a monotonic clock in nanoseconds, like {@link System#nanoTime()} */
    public Readiness(LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** A configured peer; its grace time starts now. */
    public synchronized void peerConfigured(String peer, Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("negative grace time " + grace + " for peer " + peer);
        }
        if (!ready) {
            pendingPeers.putIfAbsent(peer, new Pending(nanoTime.getAsLong() + grace.toNanos()));
        }
    }

    public synchronized void peerRemoved(String peer) {
        pendingPeers.remove(peer);
    }

    public synchronized void peerEstablished(String peer) {
        pendingPeers.remove(peer);
    }

    public synchronized void fibReconciled() {
        fibReconciled = true;
    }

    public synchronized Status status() {
        if (ready) {
            return new Status(true, List.of());
        }
        long now = nanoTime.getAsLong();
        pendingPeers.values().removeIf(p -> now - p.graceEndsNanos() >= 0);
        List<String> waiting = new ArrayList<>();
        if (!fibReconciled) {
            waiting.add("the FIB has not reconciled with the kernel yet");
        }
        pendingPeers.forEach((peer, p) -> waiting.add("peer " + peer + " has not been Established yet (grace ends in "
                + seconds(p.graceEndsNanos() - now) + ")"));
        ready = waiting.isEmpty();
        return new Status(ready, waiting);
    }

    private static String seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L) + "s";
    }
}
