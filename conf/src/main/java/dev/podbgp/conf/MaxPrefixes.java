package dev.podbgp.conf;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Upper bound on prefixes accepted from one peer: exceeding it closes the
 * session with a Cease (RFC 4486 subcode 1).
 *
 * @param restartAfter when empty the session stays down until {@code podbgp peer reset} or a reload
 */
public record MaxPrefixes(long limit, Optional<Duration> restartAfter) {
    public MaxPrefixes {
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit);
        }
        Objects.requireNonNull(restartAfter, "restartAfter");
    }
}
