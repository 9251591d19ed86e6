package dev.podbgp.conf;

import java.time.Duration;
import java.util.Objects;

/**
 * Graceful restart (RFC 4724).
 *
 * @param enabled         advertise the capability; on SIGTERM keep kernel routes and let peers keep ours
 * @param restartTime     how long peers should keep our routes while we restart (1s..4095s, whole seconds)
 * @param staleRoutesTime how long we keep a restarting peer's routes after it reconnects, waiting for End-of-RIB
 * @param deferralTime    after our own restart: how long we wait for End-of-RIB from every peer before
 *                        choosing best paths and removing stale kernel routes
 */
public record GracefulRestart(boolean enabled, Duration restartTime, Duration staleRoutesTime, Duration deferralTime) {
    public static final GracefulRestart DEFAULT = new GracefulRestart(false, Duration.ofSeconds(120),
            Duration.ofSeconds(360), Duration.ofSeconds(360));

    public GracefulRestart {
        Objects.requireNonNull(restartTime, "restartTime");
        Objects.requireNonNull(staleRoutesTime, "staleRoutesTime");
        Objects.requireNonNull(deferralTime, "deferralTime");
    }
}
