package dev.podbgp.daemon.cli;

import ch.qos.logback.classic.Level;
import dev.podbgp.daemon.logging.LogFormat;
import dev.podbgp.daemon.logging.Logging;

/** Entry point of {@code bin/podbgp}. */
public final class PodbgpMain {
    private PodbgpMain() {
    }

    public static void main(String[] args) {
        // The client's output is its answer; only real problems go to standard error.
        Logging.configure(LogFormat.TEXT, Level.WARN);
        System.exit(PodbgpCommand.commandLine().execute(args));
    }
}
