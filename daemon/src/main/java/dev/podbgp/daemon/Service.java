package dev.podbgp.daemon;

/**
 * A part of the daemon with a start and a stop: the metrics endpoint, the
 * routing core, the control socket. {@link Daemon} starts them in order and
 * stops them in reverse.
 */
public interface Service {

    /** For log lines: "control API", "metrics". */
    String name();

    void start() throws Exception;

    /** Called once, after a successful {@link #start()}; must not throw for an already broken service. */
    void stop() throws Exception;
}
