package dev.podbgp.daemon;

import dev.podbgp.conf.ConfigDiff;
import dev.podbgp.conf.Peer;
import dev.podbgp.conf.PodbgpConfig;
import dev.podbgp.daemon.control.PeerControl;
import dev.podbgp.daemon.control.ReloadException;
import dev.podbgp.daemon.control.UnknownPeerException;
import dev.podbgp.daemon.metrics.Readiness;
import dev.podbgp.daemon.snapshot.PeerState;
import dev.podbgp.daemon.snapshot.PeerStatus;
import dev.podbgp.daemon.snapshot.PublishedSnapshots;
import dev.podbgp.daemon.snapshot.SnapshotSource;
import dev.podbgp.daemon.snapshot.StatusSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A routing core without BGP for the daemon tests: it publishes every
 * configured session as Established and applies reloads to that list.
 * Proves the daemon around it, not routing.
 */
final class TestRouting implements Routing {
    final List<String> events = new ArrayList<>();
    final List<ConfigDiff> applied = new ArrayList<>();
    private final PublishedSnapshots snapshots;
    private final Readiness readiness;
    private volatile boolean healthy = true;
    private List<Peer> sessions;
    private final String routerId;
    private final long asn;

    TestRouting(PodbgpConfig config, Readiness readiness) {
        this.readiness = readiness;
        this.sessions = config.sessions();
        this.routerId = config.node().routerId().getHostAddress();
        this.asn = config.node().asn();
        this.snapshots = new PublishedSnapshots(new StatusSnapshot(routerId, asn, List.of()));
    }

    @Override
    public String name() {
        return "test routing";
    }

    @Override
    public synchronized void start() {
        events.add("start");
        publish();
        sessions.forEach(p -> readiness.peerEstablished(p.name()));
        readiness.fibReconciled();
    }

    @Override
    public synchronized void stop() {
        events.add("stop");
    }

    private void publish() {
        snapshots.publishStatus(new StatusSnapshot(routerId, asn, sessions.stream()
                .map(p -> new PeerStatus(p.name(), p.address().getHostAddress(), p.settings().asn(),
                        PeerState.ESTABLISHED, Instant.parse("2026-11-21T10:00:00Z"), 0, 0, 0, null))
                .toList()));
    }

    @Override
    public SnapshotSource snapshots() {
        return snapshots;
    }

    @Override
    public PeerControl peers() {
        return new PeerControl() {
            @Override
            public void enable(String peer) throws UnknownPeerException {
                known(peer);
                events.add("enable " + peer);
            }

            @Override
            public void disable(String peer, Optional<String> message) throws UnknownPeerException {
                known(peer);
                events.add("disable " + peer);
            }

            @Override
            public void reset(String peer, Optional<String> message) throws UnknownPeerException {
                known(peer);
                events.add("reset " + peer);
            }
        };
    }

    private synchronized void known(String peer) throws UnknownPeerException {
        if (sessions.stream().noneMatch(p -> p.name().equals(peer))) {
            throw new UnknownPeerException(peer, sessions.stream().map(Peer::name).toList());
        }
    }

    @Override
    public synchronized void apply(PodbgpConfig config, ConfigDiff diff) throws ReloadException {
        applied.add(diff);
        sessions = config.sessions();
        publish();
    }

    @Override
    public boolean healthy() {
        return healthy;
    }

    void die() {
        healthy = false;
    }
}
