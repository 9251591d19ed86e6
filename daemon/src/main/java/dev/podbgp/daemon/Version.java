package dev.podbgp.daemon;

import picocli.CommandLine;

/** The version in the jar manifest (Implementation-Version); "development" when run from classes. */
public final class Version implements CommandLine.IVersionProvider {

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"podbgp " + current()};
    }
}
