package dev.podbgp.daemon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT ask for an orderly stop, SIGHUP for a reload. The JVM
 * would otherwise exit on SIGTERM through shutdown hooks, racing our own
 * stop order; and it would die on SIGHUP.
 */
final class Signals {
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    static void install(Runnable stop, Runnable reload) {
        Signal.handle(new Signal("TERM"), s -> {
            LOG.info("SIGTERM: stopping");
            stop.run();
        });
        Signal.handle(new Signal("INT"), s -> {
            LOG.info("SIGINT: stopping");
            stop.run();
        });
        Signal.handle(new Signal("HUP"), s -> {
            LOG.info("SIGHUP: reloading the configuration");
            reload.run();
        });
    }
}
