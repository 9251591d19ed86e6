package dev.podbgp.bgp.session;

/**
 * The consumer of {@link PeerEvent}s (the RIB's inbox), with backpressure.
 * Called on session threads.
 */
public interface PeerEventSink {

    /**
     * Takes {@code event}; never refuses one. Returns {@code false} when the
     * consumer is over its bound: the session then stops reading its socket
     * until {@code resume} runs (exactly once, from any thread). Returns
     * {@code true} (and never runs {@code resume}) when there is room.
     */
    boolean accept(PeerEvent event, Runnable resume);
}
