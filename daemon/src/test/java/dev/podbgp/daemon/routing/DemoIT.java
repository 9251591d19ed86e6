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
        assumeTrue(PodbgpdFrrIT.isRoot(), "needs root: the demo creates network namespaces");
        assumeTrue(Cmd.executable("/usr/bin/ping") || Cmd.executable("/bin/ping"),
                "needs ping (Debian package iputils-ping)");
        assumeTrue(Files.isDirectory(ROOT.resolve("daemon/target/podbgp-dist/lib")),
                "needs the built distribution daemon/target/podbgp-dist (mvn package)");
        Cmd.Result r = Cmd.run(List.of(ROOT.resolve("bin/podbgp").toString(), "demo", "--nodes", "3"),
                Duration.ofMinutes(4));
        System.out.println(r.output());
        assertThat(r.status()).as(r.output()).isZero();
        assertThat(r.output()).contains("RESULT: all sessions Established, every pod reaches every other pod")
                .contains("pod1 (10.244.1.2) -> pod3 (10.244.3.2): ok")
                .contains("pod3 (10.244.3.2) -> pod2 (10.244.2.2): ok");
        String prefix = r.output().lines().filter(l -> l.contains("namespaces podbgp-demo-")).findFirst()
                .map(l -> l.substring(l.indexOf("podbgp-demo-"), l.lastIndexOf("-*"))).orElseThrow();
        assertThat(Cmd.run(List.of("ip", "netns", "list"), Duration.ofSeconds(10)).output()).doesNotContain(prefix);
    }
}
