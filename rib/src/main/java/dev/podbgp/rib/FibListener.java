package dev.podbgp.rib;

import java.util.List;

/**
 * The stream of Loc-RIB changes the FIB writer consumes. Called on the RIB
 * thread after each input batch; implementations hand the list on to their
 * own thread and return at once.
 */
public interface FibListener {
    /** Each prefix whose forwarding state changed, with its whole new state. */
    void routesChanged(List<RouteChange> changes);

    /**
     * The RIB has converged after start (End-of-RIB from every configured
     * peer, or the deferral timeout): routes in the kernel that the RIB did
     * not report since start are stale and may go.
     */
    default void converged() {
    }

    /**
     * False when nothing installs routes (pass-through, {@code kernel: {install: false}}): the RIB
     * then builds no {@link RouteChange}s and calls {@link #routesChanged} with an empty list, once
     * per batch in which the Loc-RIB changed, so the listener still learns that it did. Asked once,
     * when the RIB is made.
     */
    default boolean wantsRoutes() {
        return true;
    }

    /** Hears nothing. */
    FibListener NONE = new FibListener() {
        @Override
        public void routesChanged(List<RouteChange> changes) {
        }

        @Override
        public boolean wantsRoutes() {
            return false;
        }
    };
}
