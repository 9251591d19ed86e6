package dev.podbgp.bgp.session;

import java.util.ArrayList;
import java.util.List;

/** A transport whose connection attempts the test completes or fails by hand. */
final class FakeTransport implements Transport {
    final List<Pending> attempts = new ArrayList<>();

    final class Pending implements Attempt {
        final PeerConfig peer;
        final Callback callback;
        boolean cancelled;

        Pending(PeerConfig peer, Callback callback) {
            this.peer = peer;
            this.callback = callback;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        FakeConnection succeed() {
            FakeConnection c = new FakeConnection(true, peer.address());
            callback.connected(c);
            return c;
        }

        void fail(String reason) {
            callback.failed(reason);
        }
    }

    @Override
    public Attempt connect(PeerConfig peer, SessionScheduler thread, Callback callback) {
        Pending p = new Pending(peer, callback);
        attempts.add(p);
        return p;
    }

    Pending last() {
        return attempts.get(attempts.size() - 1);
    }
}
