package dev.podbgp.conf;

import java.time.Duration;
import java.util.Objects;

/**
 * Session timers (RFC 4271 section 10), already resolved: every value is the
 * effective one for the session that carries it.
 *
 * @param holdTime     proposed in OPEN; 0 or at least 3 seconds, whole seconds
 * @param keepalive    below holdTime; 0 when holdTime is 0
 * @param connectRetry wait between outgoing connection attempts
 */
public record Timers(Duration holdTime, Duration keepalive, Duration connectRetry) {
    public static final Timers DEFAULT = new Timers(Duration.ofSeconds(90), Duration.ofSeconds(30), Duration.ofSeconds(5));

    public Timers {
        Objects.requireNonNull(holdTime, "holdTime");
        Objects.requireNonNull(keepalive, "keepalive");
        Objects.requireNonNull(connectRetry, "connectRetry");
    }
}
