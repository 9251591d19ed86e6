package dev.podbgp.bgp.session;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * ConnectRetry delays: {@code min * 2^failures}, capped at {@code max}, each
 * reduced by a random 0..25% (RFC 4271 §10 jitter) so that many nodes
 * restarted together do not retry in lockstep.
 */
final class Backoff {
    private final Duration min;
    private final Duration max;
    private final RandomGenerator random;
    private int failures;

    Backoff(Duration min, Duration max, RandomGenerator random) {
        this.min = min;
        this.max = max;
        this.random = random;
    }

    /** The delay before the next attempt; each call counts one more failure. */
    Duration next() {
        long base = min.toMillis();
        long cap = max.toMillis();
        long d = failures >= 30 ? cap : Math.min(cap, base << failures);
        failures++;
        double jitter = 0.75 + 0.25 * random.nextDouble();
        return Duration.ofMillis(Math.max(1, (long) (d * jitter)));
    }

    /** Back to the shortest delay (after a session was Established). */
    void reset() {
        failures = 0;
    }
}
