package dev.podbgp.daemon.routing;

import dev.podbgp.bgp.session.PeerEvent;
import dev.podbgp.bgp.session.PeerEventSink;
import dev.podbgp.bgp.wire.UpdateMessage;
import dev.podbgp.daemon.metrics.Metrics;
import dev.podbgp.daemon.metrics.Readiness;
import dev.podbgp.rib.PeerCapabilities;
import dev.podbgp.rib.PeerId;
import dev.podbgp.rib.PeerInfo;
import dev.podbgp.rib.RibRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.Objects;

/**
 * Session events into the RIB, in order per session, with the RIB runner's
 * bound as the sessions' backpressure: when it is full a session stops reading
 * its socket until the RIB lets it go again (in the order {@link RibRunner}
 * describes). Called on session threads.
 */
final class RibInbox implements PeerEventSink {
    private static final Logger LOG = LoggerFactory.getLogger(RibInbox.class);

    /** What the inbox needs from the core: where the RIB runs, and who else hears of a session. */
    interface Sessions {
        /** Before the RIB hears of the session: a dynamic neighbour gets its range's settings here. */
        void established(PeerEvent.Established e);

        void down(PeerEvent.Down e);
    }

    private final RibRunner rib;
    private final Inet4Address localV4;
    private final Inet6Address localV6;
    private final Metrics metrics;
    private final Readiness readiness;
    private final Sessions sessions;

    RibInbox(RibRunner rib, Inet4Address localV4, Inet6Address localV6, Metrics metrics, Readiness readiness,
             Sessions sessions) {
        this.rib = Objects.requireNonNull(rib, "rib");
        this.localV4 = localV4;
        this.localV6 = localV6;
        this.metrics = metrics;
        this.readiness = readiness;
        this.sessions = sessions;
    }

    static PeerId ribId(dev.podbgp.bgp.session.PeerId session) {
        return new PeerId(session.name());
    }

    @Override
    public boolean accept(PeerEvent event, Runnable resume) {
        PeerId id = ribId(event.peer());
        String name = event.peer().name();
        if (event instanceof PeerEvent.Established e) {
            sessions.established(e);
            PeerCapabilities caps;
            try {
                caps = PeerCapabilities.negotiated(e.negotiated().sent(), e.negotiated().received());
            } catch (IllegalArgumentException x) {
                LOG.warn("peer {}: Established without a common address family, no routes exchanged: {}", name,
                        x.getMessage());
                return true;
            }
            rib.peerUp(id, new PeerInfo(event.peer().address(), localV4, localV6, e.negotiated().peerAs(),
                    e.negotiated().peerRouterId(), caps));
            readiness.peerEstablished(name);
            return true;
        }
        if (event instanceof PeerEvent.Routes r) {
            long announced = 0;
            long withdrawn = 0;
            for (UpdateMessage u : r.updates()) {
                announced += u.announcedCount();
                withdrawn += u.withdrawnCount();
            }
            metrics.prefixesReceived(name, announced, withdrawn);
            return rib.submitUpdates(id, r.updates(), resume);
        }
        if (event instanceof PeerEvent.EndOfRib e) {
            LOG.debug("peer {}: End-of-RIB {}", name, e.family());
            rib.endOfRib(id, e.family());
            return true;
        }
        if (event instanceof PeerEvent.RefreshRequested e) {
            rib.routeRefresh(id, e.family());
            return true;
        }
        if (event instanceof PeerEvent.Down d) {
            rib.peerDown(id, d.gracefulRestart());
            sessions.down(d);
            return true;
        }
        throw new IllegalArgumentException("unknown session event " + event);
    }
}
