package dev.podbgp.daemon.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * FRR's zebra and bgpd from the Debian package inside a sandbox namespace, with
 * every file (configuration, sockets, pid files, log) in a private directory so
 * that instances never meet. Both drop to user {@code frr}, as packaged.
 */
public final class Frr {
    public static final String BGPD = "/usr/lib/frr/bgpd";
    public static final String ZEBRA = "/usr/lib/frr/zebra";
    private static final Duration STARTUP = Duration.ofSeconds(20);

    private Frr() {
    }

    /** Whether FRR can run here: its binaries and its user. */
    public static boolean available() {
        return Cmd.executable(BGPD) && Cmd.executable(ZEBRA) && Cmd.executable("/usr/bin/vtysh")
                && Cmd.run(List.of("id", "frr"), Duration.ofSeconds(5)).ok();
    }

    /** Starts zebra, then bgpd with {@code bgpConf}, in {@code ns}; files go to {@code dir}. */
    public static void start(Sandbox s, String ns, Path dir, String bgpConf) throws IOException {
        Files.createDirectories(dir);
        Cmd.must(List.of("chown", "frr:frr", dir.toString()));
        Files.writeString(dir.resolve("frr.conf"), bgpConf);
        Files.writeString(dir.resolve("zebra.conf"), "hostname zebra\n");
        Path zserv = dir.resolve("zserv.api");
        Process zebra = s.spawn(ns, List.of(ZEBRA, "-f", dir.resolve("zebra.conf").toString(), "-z", zserv.toString(),
                "--vty_socket", dir.toString(), "-i", dir.resolve("zebra.pid").toString(), "-A", "127.0.0.1",
                "-P", "0", "-u", "frr", "-g", "frr"), dir.resolve("zebra.out"));
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!Files.exists(zserv)) {
            if (!zebra.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("FRR zebra did not start in " + ns + ": "
                        + Files.readString(dir.resolve("zebra.out")).strip());
            }
            pause();
        }
        Process bgpd = s.spawn(ns, List.of(BGPD, "-z", zserv.toString(), "-f", dir.resolve("frr.conf").toString(),
                "--vty_socket", dir.toString(), "-i", dir.resolve("bgpd.pid").toString(), "-A", "127.0.0.1",
                "-P", "0", "-u", "frr", "-g", "frr"), dir.resolve("bgpd.out"));
        while (!Files.exists(dir.resolve("bgpd.vty"))) {
            if (!bgpd.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("FRR bgpd did not start in " + ns + ": "
                        + Files.readString(dir.resolve("bgpd.out")).strip());
            }
            pause();
        }
    }

    /** {@code vtysh -c COMMAND} against the bgpd in {@code dir}. */
    public static Cmd.Result vtysh(Path dir, String command) {
        return Cmd.run(List.of("vtysh", "--vty_socket", dir.toString(), "-d", "bgpd", "-c", command),
                Duration.ofSeconds(10));
    }

    private static void pause() {
        try {
            Thread.sleep(50); // waiting for a daemon's socket file, bounded by the startup deadline
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting FRR", e);
        }
    }
}
