package dev.podbgp.daemon.snapshot;

/** The routes could not be read right now (the RIB is busy or stopping); the message says why. */
public final class RoutesUnavailable extends RuntimeException {
    public RoutesUnavailable(String message) {
        super(message);
    }
}
