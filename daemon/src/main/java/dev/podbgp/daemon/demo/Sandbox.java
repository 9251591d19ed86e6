package dev.podbgp.daemon.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Network namespaces and the processes inside them, all named
 * {@code podbgp-demo-PID-ROLE}, listed in {@code /run/podbgp-demo/PREFIX/namespaces}
 * as they are made so that {@link #down} finds them even after this process
 * is gone. Nothing is ever added to the caller's own namespace: interfaces are
 * created directly inside the sandbox's namespaces.
 */
public final class Sandbox implements AutoCloseable {
    public static final Path STATE_ROOT = Path.of("/run/podbgp-demo");
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final String prefix;
    private final Path dir;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private boolean closed;

    private Sandbox(String prefix, Path dir) {
        this.prefix = prefix;
        this.dir = dir;
    }

    public static Sandbox create() {
        String prefix = "podbgp-demo-" + ProcessHandle.current().pid();
        Path dir = STATE_ROOT.resolve(prefix);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("namespaces"), "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        return new Sandbox(prefix, dir);
    }

    public String prefix() {
        return prefix;
    }

    /** Where configurations, sockets and logs go. */
    public Path dir() {
        return dir;
    }

    /** A new namespace with its loopback up. */
    public synchronized String netns(String role) {
        requireOpen();
        String name = prefix + "-" + role;
        Cmd.must(List.of("ip", "netns", "add", name));
        namespaces.add(name);
        try {
            Files.writeString(dir.resolve("namespaces"), name + "\n", java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record namespace " + name, e);
        }
        ip(name, "link", "set", "lo", "up");
        return name;
    }

    public List<String> namespaces() {
        return List.copyOf(namespaces);
    }

    /** {@code ip -n NS ARGS...}; fails with what ip said. */
    public String ip(String ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns));
        cmd.addAll(List.of(args));
        return Cmd.must(cmd);
    }

    /** {@code ip netns exec NS COMMAND...} with a time limit. */
    public Cmd.Result exec(String ns, Duration limit, String... command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(List.of(command));
        return Cmd.run(cmd, limit);
    }

    /** Starts a long-running process inside {@code ns}; its output goes to {@code log}. */
    public Process spawn(String ns, List<String> command, Path log) {
        return spawn(ns, command, log, java.util.Map.of());
    }

    /** Likewise, with these environment variables added (e.g. NOTIFY_SOCKET). */
    public synchronized Process spawn(String ns, List<String> command, Path log, java.util.Map<String, String> env) {
        requireOpen();
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(command);
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            processes.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0) + " in " + ns, e);
        }
    }

    /** A stop (Ctrl-C) removed the sandbox while it was being built: build nothing more. */
    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the sandbox " + prefix + " was removed (stopped)");
        }
    }

    /** Stops every process (SIGTERM, then SIGKILL), deletes the namespaces and the state directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Process> running = new ArrayList<>(processes);
        java.util.Collections.reverse(running);
        running.forEach(Process::destroy);
        for (Process p : running) {
            try {
                if (!p.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        removeNamespaces(namespaces);
        deleteTree(dir);
    }

    /**
     * Tears down every sandbox left running with {@code --keep} (or by a demo that
     * was killed): the processes inside its namespaces, the namespaces, its state.
     * Returns how many sandboxes were found.
     */
    public static int down(PrintWriter out) {
        if (!Files.isDirectory(STATE_ROOT)) {
            return 0;
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(STATE_ROOT)) {
            dirs = s.filter(p -> p.getFileName().toString().startsWith("podbgp-demo-")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + STATE_ROOT, e);
        }
        for (Path d : dirs) {
            List<String> names;
            try {
                names = Files.readAllLines(d.resolve("namespaces")).stream().filter(n -> !n.isBlank()).toList();
            } catch (IOException e) {
                names = List.of();
            }
            out.println("removing " + d.getFileName() + ": " + names.size() + " namespaces");
            out.flush();
            removeNamespaces(names);
            deleteTree(d);
        }
        return dirs.size();
    }

    /** Kills what still runs inside the namespaces (only there), then deletes them. */
    private static void removeNamespaces(List<String> names) {
        for (int round = 0; round < 2; round++) {
            String signal = round == 0 ? "-TERM" : "-KILL";
            boolean any = false;
            for (String ns : names) {
                Cmd.Result pids = Cmd.run(List.of("ip", "netns", "pids", ns), Duration.ofSeconds(5));
                for (String pid : pids.ok() ? pids.output().strip().split("\\s+") : new String[0]) {
                    if (pid.matches("[0-9]+")) {
                        any = true;
                        Cmd.run(List.of("kill", signal, pid), Duration.ofSeconds(5));
                    }
                }
            }
            if (!any) {
                break;
            }
            waitForEmpty(names);
        }
        for (String ns : names) {
            Cmd.run(List.of("ip", "netns", "del", ns), Duration.ofSeconds(10));
        }
    }

    private static void waitForEmpty(List<String> names) {
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            boolean empty = true;
            for (String ns : names) {
                Cmd.Result pids = Cmd.run(List.of("ip", "netns", "pids", ns), Duration.ofSeconds(5));
                empty &= !pids.ok() || pids.output().isBlank();
            }
            if (empty) {
                return;
            }
            try {
                Thread.sleep(100); // polling the kernel's process list, bounded by the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void deleteTree(Path d) {
        if (!Files.exists(d)) {
            return;
        }
        try (Stream<Path> s = Files.walk(d)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Leaves only files under /run (a tmpfs); the namespaces are what matters.
        }
    }
}
