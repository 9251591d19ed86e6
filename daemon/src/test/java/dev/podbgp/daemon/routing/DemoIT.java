package dev.podbgp.daemon.routing;

import dev.podbgp.daemon.demo.Cmd;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The README's first command, {@code bin/podbgp demo}, passes and leaves nothing behind. */
@Tag("interop")
class DemoIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void demoWithThreeNodesPasses() {
        String out = demo("--nodes", "3");
        assertThat(out).contains("pod1 (10.244.1.2) -> pod3 (10.244.3.2): ok")
                .contains("pod3 (10.244.3.2) -> pod2 (10.244.2.2): ok");
    }

    /** Clients learn each other's pod CIDRs only through node1, with the originator's next hop kept. */
    @Test
    void routeReflectorDemoPasses() {
        String out = demo("--nodes", "3", "--route-reflector");
        String node2 = out.substring(out.indexOf("=== node2"), out.indexOf("=== node3"));
        assertThat(node2).contains("node1  192.0.2.11").doesNotContain("node3  192.0.2.13")
                .contains("10.244.3.0/24 via 192.0.2.13 dev eth0");
    }

    private static String demo(String... args) {
        assumeTrue(PodbgpdFrrIT.isRoot(), "needs root: the demo creates network namespaces");
        assumeTrue(Cmd.executable("/usr/bin/ping") || Cmd.executable("/bin/ping"),
                "needs ping (Debian package iputils-ping)");
        assumeTrue(Files.isDirectory(ROOT.resolve("daemon/target/podbgp-dist/lib")),
                "needs the built distribution daemon/target/podbgp-dist (mvn package)");
        List<String> cmd = new java.util.ArrayList<>(List.of(ROOT.resolve("bin/podbgp").toString(), "demo"));
        cmd.addAll(List.of(args));
        Cmd.Result r = Cmd.run(cmd, Duration.ofMinutes(4));
        System.out.println(r.output());
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.output()).contains("RESULT: all sessions Established, every pod reaches every other pod");
        String prefix = r.output().lines().filter(l -> l.contains("namespaces podbgp-demo-")).findFirst()
                .map(l -> l.substring(l.indexOf("podbgp-demo-"), l.lastIndexOf("-*"))).orElseThrow();
        assertThat(Cmd.run(List.of("ip", "netns", "list"), Duration.ofSeconds(10)).output()).doesNotContain(prefix);
        return r.output();
    }
}
