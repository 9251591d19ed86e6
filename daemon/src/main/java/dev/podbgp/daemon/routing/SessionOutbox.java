package dev.podbgp.daemon.routing;

import dev.podbgp.bgp.session.PeerSession;
import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.CodecOptions;
import dev.podbgp.bgp.wire.UpdateMessage;
import dev.podbgp.bgp.wire.UpdatePacker;
import dev.podbgp.daemon.metrics.Metrics;
import dev.podbgp.rib.PeerId;
import dev.podbgp.rib.out.PeerUpdate;
import dev.podbgp.rib.out.UpdateSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The RIB's output to sessions: each {@link PeerUpdate} handed to the session's
 * event loop, which packs it into UPDATEs of the size the session negotiated.
 * Called on the RIB thread. An update for a session that is not Established is dropped:
 * the RIB sends the whole table again when the session comes up.
 */
final class SessionOutbox implements UpdateSink {
    private static final Logger LOG = LoggerFactory.getLogger(SessionOutbox.class);

    private final Function<String, PeerSession> sessions;
    private final Metrics metrics;
    private final Runnable changed;

    SessionOutbox(Function<String, PeerSession> sessions, Metrics metrics, Runnable changed) {
        this.sessions = sessions;
        this.metrics = metrics;
        this.changed = changed;
    }

    @Override
    public void send(PeerId peer, PeerUpdate update) {
        PeerSession s = sessions.apply(peer.name());
        CodecOptions options = s == null ? null : s.codecOptions();
        if (options == null) {
            LOG.debug("peer {}: not Established, {} not sent", peer, update.family());
            return;
        }
        // Made and packed on the session's thread: sizing each group for the negotiated maximum encodes its
        // attributes, a sixth of the RIB thread's work in a table load, and the RIB thread is the one to spare.
        s.send(negotiated -> {
            List<UpdateMessage> out = new ArrayList<>();
            for (UpdateMessage m : update.toMessages()) {
                // One at a time: addAll copies each (usually one-message) list into an array first.
                List<UpdateMessage> packed = UpdatePacker.pack(m, negotiated);
                for (int i = 0; i < packed.size(); i++) {
                    out.add(packed.get(i));
                }
            }
            return out;
        });
        metrics.prefixesSent(peer.name(), update.announcedCount(), update.withdrawn().size());
        changed.run();
    }

    @Override
    public void requestRouteRefresh(PeerId peer, AddressFamily family) {
        PeerSession s = sessions.apply(peer.name());
        if (s != null) {
            s.requestRefresh(family);
        }
    }
}
