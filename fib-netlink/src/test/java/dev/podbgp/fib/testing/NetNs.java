package dev.podbgp.fib.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.podbgp.fib.netlink.NetlinkSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace a test creates and removes, with a veth pair v0/v1 (both up) and
 * documentation addresses on v0: 192.0.2.1/24 and 2001:db8::1/64. Everything the test does
 * to the kernel happens in here.
 */
public final class NetNs implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String name;
    private final List<Process> processes = new ArrayList<>();

    private NetNs(String name) {
        this.name = name;
    }

    /** Skips the calling test unless we are root with iproute2 available. */
    public static void assumeAvailable() {
        assumeTrue(effectiveUid() == 0, "netns tests need root (effective uid 0)");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"))
                || Files.isExecutable(Path.of("/usr/bin/ip")), "netns tests need iproute2's ip");
    }

    /** From /proc/self/status ("Uid: real effective saved fs"); -1 if unreadable. */
    static int effectiveUid() {
        String override = System.getProperty("podbgp.test.uid");
        if (override != null) {
            return Integer.parseInt(override); // lets the skip path itself be tested as root
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    public static NetNs create() throws IOException {
        assumeAvailable();
        String name = "podbgp-t-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        run(List.of("ip", "netns", "add", name));
        NetNs ns = new NetNs(name);
        try {
            ns.ip("link set lo up");
            ns.ip("link add v0 type veth peer name v1");
            ns.ip("link set v0 up");
            ns.ip("link set v1 up");
            ns.ip("addr add 192.0.2.1/24 dev v0");
            ns.ip("addr add 2001:db8::1/64 dev v0 nodad");
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    public String name() {
        return name;
    }

    public Path path() {
        return Path.of("/var/run/netns", name);
    }

    public NetlinkSocket.Options socketOptions() {
        return NetlinkSocket.Options.requests().inNamespace(path());
    }

    /** Runs "ip -n NAME ARGS" (args split on spaces) and returns stdout; fails on non-zero exit. */
    public String ip(String args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args.trim().split("\\s+")));
        return run(cmd);
    }

    /** Like {@link #ip} but returns the exit status and stderr instead of failing. */
    public Result ipTry(String args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args.trim().split("\\s+")));
        return exec(cmd);
    }

    public int ifindex(String dev) throws IOException {
        List<Map<String, Object>> links = MiniJson.parseArrayOfObjects(ip("-j link show dev " + dev));
        return ((Long) links.get(0).get("ifindex")).intValue();
    }

    /** `ip -j route show` for a family and table, every protocol. */
    public List<Map<String, Object>> routes(boolean ipv6, String table) throws IOException {
        return MiniJson.parseArrayOfObjects(ip((ipv6 ? "-6" : "-4") + " -j -d route show table " + table));
    }

    /** Any `ip -j ...` listing in the namespace, parsed. */
    public List<Map<String, Object>> routesLike(String args) throws IOException {
        return MiniJson.parseArrayOfObjects(ip(args));
    }

    /** Starts a process inside the namespace; it is killed on close(). */
    public Process start(List<String> command, Path stdout) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(stdout.toFile()).start();
        processes.add(p);
        return p;
    }

    public record Result(int exit, String stdout, String stderr) {}

    private static String run(List<String> cmd) throws IOException {
        Result r = exec(cmd);
        if (r.exit != 0) {
            throw new IOException(String.join(" ", cmd) + " exited " + r.exit + ": " + r.stderr.strip());
        }
        return r.stdout;
    }

    private static Result exec(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).start();
        try {
            // Read both streams fully; ip's output for 10,000 routes exceeds a pipe buffer.
            var err = p.getErrorStream();
            var errText = new java.util.concurrent.CompletableFuture<String>();
            Thread t = new Thread(() -> {
                try {
                    errText.complete(new String(err.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    errText.complete("");
                }
            });
            t.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish in 60 s");
            }
            return new Result(p.exitValue(), out, errText.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted running " + String.join(" ", cmd), e);
        }
    }

    @Override
    public void close() throws IOException {
        for (Process p : processes) {
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exec(List.of("ip", "netns", "del", name));
    }
}
