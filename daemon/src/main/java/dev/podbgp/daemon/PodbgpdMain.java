package dev.podbgp.daemon;

/** Entry point of {@code bin/podbgpd}. */
public final class PodbgpdMain {
    /**
     * The BGP core this build runs. Sessions, RIB and FIB are wired into this
     * module in a later change, which replaces this factory; until then the
     * daemon refuses to start rather than pretend to route.
     */
    static final RoutingFactory BGP_CORE = context -> {
        throw new DaemonException("this build has no BGP core yet (sessions, RIB and FIB are not wired into"
                + " the daemon); only `podbgpd check-config FILE` works");
    };

    private PodbgpdMain() {
    }

    public static void main(String[] args) {
        System.exit(PodbgpdCommand.commandLine(BGP_CORE).execute(args));
    }
}
