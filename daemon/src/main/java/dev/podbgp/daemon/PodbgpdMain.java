package dev.podbgp.daemon;

import dev.podbgp.daemon.routing.BgpCoreFactory;

/** Entry point of {@code bin/podbgpd}. */
public final class PodbgpdMain {
    /** The BGP core this build runs: sessions, RIB and FIB wired together. */
    static final RoutingFactory BGP_CORE = new BgpCoreFactory();

    private PodbgpdMain() {
    }

    public static void main(String[] args) {
        System.exit(PodbgpdCommand.commandLine(BGP_CORE).execute(args));
    }
}
