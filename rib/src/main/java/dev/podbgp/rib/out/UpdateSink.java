package dev.podbgp.rib.out;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.rib.PeerId;

/**
 * Where the RIB hands what must go out to peers. Called on the RIB thread:
 * implementations hand the work to the peer's session (its event loop) and
 * return at once.
 */
public interface UpdateSink {
    /** Send this to the peer (withdrawals, then announcements, then End-of-RIB). */
    void send(PeerId peer, PeerUpdate update);

    /**
     * Send a ROUTE-REFRESH request for {@code family} to the peer: its import
     * policy changed and routes it rejected before were not kept.
     */
    void requestRouteRefresh(PeerId peer, AddressFamily family);

    /** A sink that drops everything (a RIB that only feeds the FIB). */
    UpdateSink NONE = new UpdateSink() {
        @Override
        public void send(PeerId peer, PeerUpdate update) {
        }

        @Override
        public void requestRouteRefresh(PeerId peer, AddressFamily family) {
        }
    };
}
