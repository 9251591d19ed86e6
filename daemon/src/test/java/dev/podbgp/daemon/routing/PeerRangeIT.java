package dev.podbgp.daemon.routing;

import com.fasterxml.jackson.databind.JsonNode;
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

import static dev.podbgp.daemon.routing.PodbgpdFrrIT.attach;
import static dev.podbgp.daemon.routing.PodbgpdFrrIT.frrConf;
import static dev.podbgp.daemon.routing.PodbgpdFrrIT.podbgpJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Dynamic neighbours: FRR connects from an address of a configured peer range
 * and gets a session with the range's settings (its import policy decides
 * what reaches the kernel), shown in {@code podbgp status}.
 */
@Tag("interop")
class PeerRangeIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    private Sandbox sandbox;

    @BeforeEach
    void needs() {
        assumeTrue(PodbgpdFrrIT.isRoot(), "needs root: creates network namespaces");
        assumeTrue(Frr.available(), "needs FRR (Debian package frr): bgpd, zebra, vtysh and user frr");
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

    @Test
    void neighbourFromARangeGetsTheRangeSettings() throws Exception {
        Sandbox s = sandbox;
        String lan = s.netns("lan");
        s.ip(lan, "link", "add", "br0", "type", "bridge");
        s.ip(lan, "link", "set", "br0", "up");
        String node = attach(s, lan, "node", "192.0.2.1");
        String frr = attach(s, lan, "frr1", "192.0.2.254");
        Frr.start(s, frr, s.dir().resolve("frr1"),
                frrConf(s, "frr1", "192.0.2.254", 65000, "198.51.100.0/24", "203.0.113.0/24"));
        Path socket = s.dir().resolve("podbgpd.sock");
        Path config = s.dir().resolve("podbgpd.yaml");
        Files.writeString(config, """
                node: {name: node-a, asn: 64512, address: 192.0.2.1, podCIDRs: [10.244.1.0/24]}
                cluster: {mode: none}
                peerRanges:
                  - name: rack
                    prefix: 192.0.2.128/25
                    asn: 65000
                    timers: {holdTime: 9s}
                    import: {accept: ["198.51.100.0/24"]}
                control: {socket: %s}
                metrics: {enabled: false}
                """.formatted(socket));
        s.spawn(node, List.of(ROOT.resolve("bin/podbgpd").toString(), "--config", config.toString()),
                s.dir().resolve("podbgpd.log"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode peers = podbgpJson(socket, "status").get("peers");
            assertThat(peers.findValuesAsText("name")).containsExactly("rack/192.0.2.254");
            assertThat(peers.get(0).get("state").asText()).isEqualTo("Established");
            assertThat(peers.get(0).get("asn").asLong()).isEqualTo(65000);
            assertThat(s.ip(node, "route", "show", "proto", "bgp"))
                    .contains("198.51.100.0/24 via 192.0.2.254 dev eth0");
        });
        // The range's import policy refused the other prefix.
        assertThat(s.ip(node, "route", "show", "proto", "bgp")).doesNotContain("203.0.113.0/24");
        // And FRR got our pod CIDR (the default export).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(s.ip(frr, "route", "show", "10.244.1.0/24")).contains("via 192.0.2.1"));
    }
}
