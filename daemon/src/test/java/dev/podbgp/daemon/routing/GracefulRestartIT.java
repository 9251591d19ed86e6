package dev.podbgp.daemon.routing;

import dev.podbgp.daemon.demo.Cmd;
import dev.podbgp.daemon.demo.Frr;
import dev.podbgp.daemon.demo.Sandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.podbgp.daemon.routing.PodbgpdFrrIT.attach;
import static dev.podbgp.daemon.routing.PodbgpdFrrIT.curl;
import static dev.podbgp.daemon.routing.PodbgpdFrrIT.frrConf;
import static dev.podbgp.daemon.routing.PodbgpdFrrIT.peer;
import static dev.podbgp.daemon.routing.PodbgpdFrrIT.peerState;
import static dev.podbgp.daemon.routing.PodbgpdFrrIT.podbgpJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SIGTERM with graceful restart configured: podbgpd leaves its kernel routes and
 * closes the session without a NOTIFICATION, so FRR keeps our pod CIDR; the
 * restarted podbgpd adopts the kernel route it finds instead of removing and
 * adding it (no flap). Without graceful restart, SIGTERM sends Cease and
 * withdraws: FRR drops our pod CIDR and our kernel route goes.
 */
@Tag("interop")
class GracefulRestartIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private Sandbox sandbox;

    @BeforeEach
    void needs() {
        assumeTrue(PodbgpdFrrIT.isRoot(), "needs root: creates network namespaces");
        assumeTrue(Frr.available(), "needs FRR (Debian package frr): bgpd, zebra, vtysh and user frr");
        assumeTrue(Cmd.executable("/usr/bin/curl"), "needs curl for the metrics endpoint");
        assumeTrue(Files.isDirectory(ROOT.resolve("daemon/target/podbgp-dist/lib")),
                "needs the built distribution daemon/target/podbgp-dist (mvn package)");
        sandbox = Sandbox.create();
    }

    @AfterEach
    void tearDown() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private record Lab(String node, String frr, Path socket, Path config) {
    }

    private Lab lab(boolean gracefulRestart) throws Exception {
        Sandbox s = sandbox;
        String lan = s.netns("lan");
        s.ip(lan, "link", "add", "br0", "type", "bridge");
        s.ip(lan, "link", "set", "br0", "up");
        String node = attach(s, lan, "node", "192.0.2.1");
        String frr = attach(s, lan, "frr1", "192.0.2.254");
        Frr.start(s, frr, s.dir().resolve("frr1"), frrConf(s, "frr1", "192.0.2.254", 65000, "198.51.100.0/24")
                .replace(" timers bgp 3 9\n", " timers bgp 3 9\n bgp graceful-restart\n"));
        Path socket = s.dir().resolve("podbgpd.sock");
        Path config = s.dir().resolve("podbgpd.yaml");
        Files.writeString(config, "node:\n  name: node-a\n  asn: 64512\n  address: 192.0.2.1\n"
                + "  podCIDRs: [10.244.1.0/24]\n"
                + (gracefulRestart ? "gracefulRestart: {enabled: true, restartTime: 120s, deferralTime: 30s}\n" : "")
                + "cluster:\n  mode: none\npeers:\n" + peer("tor1", "192.0.2.254", 65000, "198.51.100.0/24")
                + "control:\n  socket: " + socket + "\nmetrics:\n  listen: 127.0.0.1:9179\n");
        return new Lab(node, frr, socket, config);
    }

    private Process start(Lab l, String log) {
        return sandbox.spawn(l.node(), List.of(ROOT.resolve("bin/podbgpd").toString(), "--config",
                l.config().toString()), sandbox.dir().resolve(log));
    }

    private void awaitRouteBothWays(Lab l) {
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(peerState(l.socket(), "tor1")).isEqualTo("Established");
            assertThat(sandbox.ip(l.node(), "route", "show", "proto", "bgp"))
                    .contains("198.51.100.0/24 via 192.0.2.254 dev eth0");
            assertThat(sandbox.ip(l.frr(), "route", "show", "10.244.1.0/24")).contains("via 192.0.2.1");
        });
    }

    private static void sigterm(Process daemon) throws InterruptedException {
        daemon.destroy();
        assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).as("podbgpd exits after SIGTERM").isTrue();
        assertThat(daemon.exitValue()).isZero();
    }

    @Test
    void withGracefulRestartRoutesStayAndTheRestartAdoptsThem() throws Exception {
        Lab l = lab(true);
        Process first = start(l, "podbgpd-1.log");
        awaitRouteBothWays(l);
        sigterm(first);

        assertThat(Files.readString(sandbox.dir().resolve("podbgpd-1.log")))
                .contains("closing sessions without NOTIFICATION, keeping kernel routes");
        assertThat(sandbox.ip(l.node(), "route", "show", "proto", "bgp"))
                .as("our kernel route outlives podbgpd").contains("198.51.100.0/24 via 192.0.2.254 dev eth0");
        // FRR, the graceful restart helper, keeps our pod CIDR (stale) and its route to it.
        assertThat(Frr.vtysh(sandbox.dir().resolve("frr1"), "show bgp ipv4 unicast 10.244.1.0/24").output())
                .contains("192.0.2.1");
        assertThat(sandbox.ip(l.frr(), "route", "show", "10.244.1.0/24")).contains("via 192.0.2.1");

        Process second = start(l, "podbgpd-2.log");
        awaitRouteBothWays(l);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(podbgpJson(l.socket(), "routes").findValues("installed")).anyMatch(n -> n.asBoolean()));
        assertThat(Files.readString(sandbox.dir().resolve("podbgpd-2.log")))
                .contains("found 1 routes of ours in the kernel")
                .contains("restarting with our kernel routes kept (graceful restart)");
        // Adopted, not re-added: the second podbgpd never changed the kernel route.
        String metrics = curl(sandbox, l.node(), "http://127.0.0.1:9179/metrics");
        assertThat(metrics).doesNotContain("podbgp_fib_operations_total{operation=\"add\"}")
                .doesNotContain("podbgp_fib_operations_total{operation=\"delete\"}")
                .doesNotContain("podbgp_fib_operations_total{operation=\"replace\"}");
        sigterm(second);
    }

    @Test
    void withoutGracefulRestartSigtermSendsCeaseAndWithdraws() throws Exception {
        Lab l = lab(false);
        Process daemon = start(l, "podbgpd.log");
        awaitRouteBothWays(l);
        sigterm(daemon);
        assertThat(sandbox.ip(l.node(), "route", "show", "proto", "bgp")).doesNotContain("198.51.100.0/24");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(sandbox.ip(l.frr(), "route", "show", "10.244.1.0/24")).isBlank());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Files.readString(sandbox.dir().resolve("frr1/frr.log"))).contains("podbgpd is stopping"));
    }
}
