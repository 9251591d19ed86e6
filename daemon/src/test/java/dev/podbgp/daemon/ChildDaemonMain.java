package dev.podbgp.daemon;

/**
 * podbgpd with {@link TestRouting} in place of the BGP core, for
 * {@link DaemonProcessTest}: the real main path (signals, sd_notify, exit
 * codes) in a process of its own.
 */
public final class ChildDaemonMain {
    private ChildDaemonMain() {
    }

    public static void main(String[] args) {
        System.exit(PodbgpdCommand.commandLine(context -> new TestRouting(context.config(), context.readiness()))
                .execute(args));
    }
}
