package dev.podbgp.daemon;

import dev.podbgp.daemon.systemd.SystemdNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * podbgpd's lifecycle: start the services in order, tell systemd READY=1,
 * wait for a stop request (SIGTERM, SIGINT), tell systemd STOPPING=1, stop
 * the started services in reverse order. A service that fails to start stops
 * the ones before it, so a failed start leaves nothing behind.
 */
public final class Daemon {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final List<Service> services;
    private final SystemdNotifier notifier;
    private final Deque<Service> started = new ArrayDeque<>();
    private final StopRequest stopRequest;

    /** @param services in start order: each may rely on the ones before it */
    public Daemon(List<Service> services, SystemdNotifier notifier) {
        this(services, notifier, new StopRequest());
    }

    public Daemon(List<Service> services, SystemdNotifier notifier, StopRequest stopRequest) {
        this.services = List.copyOf(services);
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.stopRequest = Objects.requireNonNull(stopRequest, "stopRequest");
    }

    /** Starts every service, then notifies systemd; on failure stops what started and rethrows. */
    public void start() throws DaemonException {
        start(() -> { });
    }

    /**
     * As {@link #start()}, running {@code beforeReady} once every service is up and before systemd
     * hears READY: what a supervisor may do once it sees READY (a reload, say) must work by then.
     */
    public synchronized void start(Runnable beforeReady) throws DaemonException {
        for (Service s : services) {
            LOG.debug("starting {}", s.name());
            try {
                s.start();
            } catch (Exception e) {
                LOG.error("{} failed to start: {}", s.name(), e.getMessage());
                stopStarted();
                throw new DaemonException(s.name() + " failed to start: " + e.getMessage(), e);
            }
            started.push(s);
        }
        LOG.info("podbgpd started: {}", services.stream().map(Service::name).toList());
        beforeReady.run();
        notifier.ready("running");
    }

    /** Asks {@link #awaitStopRequest()} to return; safe from a signal handler. */
    public void requestStop() {
        stopRequest.request();
    }

    /** Blocks until a signal or a failed component asks for a stop; returns the exit status. */
    public int awaitStopRequest() throws InterruptedException {
        return stopRequest.await();
    }

    /** Stops the started services in reverse order; a failing stop is logged and the others still stop. */
    public synchronized void stop() {
        notifier.stopping();
        LOG.info("podbgpd stopping");
        stopStarted();
        LOG.info("podbgpd stopped");
    }

    private void stopStarted() {
        while (!started.isEmpty()) {
            Service s = started.pop();
            try {
                s.stop();
                LOG.debug("stopped {}", s.name());
            } catch (Exception e) {
                LOG.error("{} failed to stop cleanly: {}", s.name(), e.toString());
            }
        }
    }
}
