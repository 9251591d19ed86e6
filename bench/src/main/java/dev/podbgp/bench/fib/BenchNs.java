package dev.podbgp.bench.fib;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A namespace the benchmark creates and always removes: veth v0/v1 up, 192.0.2.1/24 on v0.
 * Nothing the benchmark does reaches the root namespace.
 */
final class BenchNs implements AutoCloseable {

    private final String name;

    private BenchNs(String name) {
        this.name = name;
    }

    static BenchNs create(String suffix) throws IOException {
        String name = "podbgp-b-" + ProcessHandle.current().pid() + "-" + suffix;
        run(List.of("ip", "netns", "add", name));
        BenchNs ns = new BenchNs(name);
        try {
            ns.ip("link", "set", "lo", "up");
            ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
            ns.ip("link", "set", "v0", "up");
            ns.ip("link", "set", "v1", "up");
            ns.ip("addr", "add", "192.0.2.1/24", "dev", "v0");
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    String name() {
        return name;
    }

    Path path() {
        return Path.of("/var/run/netns", name);
    }

    String ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    int ifindex(String dev) throws IOException {
        String line = ip("-o", "link", "show", "dev", dev);
        return Integer.parseInt(line.substring(0, line.indexOf(':')).strip());
    }

    static String run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish in 300 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": "
                    + out.substring(0, Math.min(out.length(), 2000)).strip());
        }
        return out;
    }

    @Override
    public void close() {
        try {
            run(List.of("ip", "netns", "del", name));
        } catch (IOException e) {
            System.err.println("could not remove namespace " + name + ": " + e.getMessage());
        }
    }
}
