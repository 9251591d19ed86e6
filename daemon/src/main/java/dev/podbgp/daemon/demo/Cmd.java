package dev.podbgp.daemon.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short command (ip, ping, vtysh) with a time limit and returns what it printed. */
public final class Cmd {
    /** Exit status and combined output; status -1 when it did not finish in time or could not start. */
    public record Result(int status, String output) {
        public boolean ok() {
            return status == 0;
        }
    }

    private Cmd() {
    }

    public static Result run(List<String> command, Duration limit) {
        java.nio.file.Path out;
        Process p;
        try {
            out = java.nio.file.Files.createTempFile("podbgp-cmd", ".out");
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            return new Result(-1, "cannot run " + command.get(0) + ": " + e.getMessage());
        }
        try {
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Result(-1, String.join(" ", command) + ": no answer within " + limit.toSeconds() + " s");
            }
            return new Result(p.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(-1, String.join(" ", command) + ": interrupted");
        } finally {
            try {
                java.nio.file.Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // a temporary file in /tmp; nothing to do
            }
        }
    }

    /** Runs a setup command; a failure is an exception naming the command and what it said. */
    public static String must(List<String> command) {
        Result r = run(command, Duration.ofSeconds(20));
        if (!r.ok()) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + r.status() + "): "
                    + r.output().strip());
        }
        return r.output();
    }

    public static boolean executable(String path) {
        return java.nio.file.Files.isExecutable(java.nio.file.Path.of(path));
    }
}
