package dev.podbgp.daemon;

import dev.podbgp.conf.ConfigDiff;
import dev.podbgp.conf.Peer;
import dev.podbgp.daemon.metrics.Metrics;
import dev.podbgp.daemon.metrics.Readiness;
import dev.podbgp.daemon.snapshot.PeerState;

import java.time.Duration;
import java.util.Objects;

/**
 * Tells metrics and readiness which sessions are configured, at start and
 * on every reload, so neither waits for nor reports a peer that is gone.
 */
public final class PeerRegistry {
    /** A peer that never answers must not keep a node unready for long; a silent one still gets this long. */
    static final Duration MIN_GRACE = Duration.ofSeconds(10);

    private final Metrics metrics;
    private final Readiness readiness;

    public PeerRegistry(Metrics metrics, Readiness readiness) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.readiness = Objects.requireNonNull(readiness, "readiness");
    }

    /**
     * A session appears or changes. Its readiness grace is its hold time (at
     * least {@link #MIN_GRACE}): about as long as a reachable peer needs to
     * connect and exchange OPENs. A disabled peer is not waited for.
     */
    public void configured(Peer peer) {
        boolean enabled = peer.settings().enabled();
        metrics.peerConfigured(peer.name(), enabled ? PeerState.IDLE : PeerState.DISABLED);
        if (enabled) {
            readiness.peerConfigured(peer.name(), grace(peer));
        } else {
            readiness.peerRemoved(peer.name());
        }
    }

    /** Only an enabled flag that flips matters here; the session owner reports every state change itself. */
    public void changed(ConfigDiff.PeerChange change) {
        boolean was = change.before().settings().enabled();
        boolean is = change.after().settings().enabled();
        if (was && !is) {
            readiness.peerRemoved(change.name());
        } else if (!was && is) {
            readiness.peerConfigured(change.name(), grace(change.after()));
        }
    }

    public void removed(String peer) {
        metrics.peerRemoved(peer);
        readiness.peerRemoved(peer);
    }

    static Duration grace(Peer peer) {
        Duration hold = peer.settings().timers().holdTime();
        return hold.compareTo(MIN_GRACE) < 0 ? MIN_GRACE : hold;
    }
}
