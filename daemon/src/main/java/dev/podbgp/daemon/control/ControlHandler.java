package dev.podbgp.daemon.control;

/**
 * Answers control requests. Called on the control server's threads, so it
 * must only read published snapshots and hand commands to their owners.
 * Never throws for a bad request: that is a {@link ControlResponse#failure}.
 */
@FunctionalInterface
public interface ControlHandler {
    ControlResponse handle(ControlRequest request);
}
