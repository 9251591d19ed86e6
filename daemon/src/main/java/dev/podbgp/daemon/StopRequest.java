package dev.podbgp.daemon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Why and when podbgpd should stop: a signal (exit 0) or a failed component
 * (exit 1, so systemd restarts it). Exists before anything starts, so a
 * component can fail even while the daemon is still being assembled.
 */
public final class StopRequest implements RoutingContext.FatalError {
    private static final Logger LOG = LoggerFactory.getLogger(StopRequest.class);

    private final CountDownLatch requested = new CountDownLatch(1);
    private final AtomicInteger exitCode = new AtomicInteger(0);

    /** Safe from a signal handler. */
    public void request() {
        requested.countDown();
    }

    @Override
    public void fail(String component, Throwable cause) {
        LOG.error("{} failed, stopping podbgpd", component, cause);
        exitCode.compareAndSet(0, 1);
        requested.countDown();
    }

    /** @return the exit status: 0 after {@link #request()}, 1 after {@link #fail} */
    public int await() throws InterruptedException {
        requested.await();
        return exitCode.get();
    }
}
