package dev.podbgp.daemon.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The collector against a real JVM's old generation, in a child JVM with the collector chosen: with the
 * parallel collector it finds the old generation, and once garbage has been promoted there, a quiet check
 * collects it; with G1 it stays out of the way.
 */
class IdleCollectorJvmTest {

    /** Promotes about 64 MiB, drops it, then checks as the daemon would; prints what happened. */
    public static final class Child {
        public static void main(String[] args) {
            List<long[]> kept = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                kept.add(new long[128 * 1024]);
            }
            // Survivors of young collections go straight to the old generation (threshold 0).
            for (int i = 0; i < 40; i++) {
                byte[] churn = new byte[1 << 20];
                churn[i] = 1;
            }
            kept.clear();
            long[] gcs = {0};
            var collector = IdleCollector.forThisJvm(() -> 7, () -> false, nanos -> gcs[0]++);
            if (collector.isEmpty()) {
                System.out.println("RESULT none");
                return;
            }
            var pool = IdleCollector.oldPool(java.lang.management.ManagementFactory.getMemoryPoolMXBeans())
                    .orElseThrow();
            long before = pool.getUsage().getUsed();
            boolean first = collector.get().check();
            boolean second = collector.get().check();
            long after = pool.getUsage().getUsed();
            System.out.println("RESULT " + pool.getName() + " first=" + first + " second=" + second
                    + " collections=" + gcs[0] + " beforeMiB=" + (before >> 20) + " afterMiB=" + (after >> 20));
        }
    }

    private static String run(String... jvmOptions) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Child.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM ends").isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
            return out.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow(
                    () -> new AssertionError("no RESULT line in: " + out));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void withTheParallelCollectorGarbageInTheOldGenerationIsCollectedOnAQuietCheck() throws Exception {
        String r = run("-XX:+UseParallelGC", "-Xmx256m", "-Xms256m", "-Xmn8m", "-XX:MaxTenuringThreshold=0");
        assertThat(r).startsWith("RESULT PS Old Gen first=false second=true collections=1");
        long before = Long.parseLong(r.replaceAll(".*beforeMiB=(\\d+).*", "$1"));
        long after = Long.parseLong(r.replaceAll(".*afterMiB=(\\d+).*", "$1"));
        assertThat(before).as(r).isGreaterThanOrEqualTo(64);
        assertThat(after).as(r).isLessThan(16);
    }

    @Test
    void withTheSerialCollectorToo() throws Exception {
        assertThat(run("-XX:+UseSerialGC", "-Xmx256m", "-Xmn8m", "-XX:MaxTenuringThreshold=0"))
                .startsWith("RESULT Tenured Gen first=false second=true collections=1");
    }

    @Test
    void g1AndAnOperatorWhoTurnedItOffGetNone() throws Exception {
        assertThat(run("-XX:+UseG1GC")).isEqualTo("RESULT none");
        assertThat(run("-XX:+UseParallelGC", "-Dpodbgp.idleCollection=false")).isEqualTo("RESULT none");
    }
}
