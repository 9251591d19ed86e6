package dev.podbgp.daemon.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podbgp.daemon.demo.Cmd;
import dev.podbgp.daemon.demo.Frr;
import dev.podbgp.daemon.demo.Sandbox;
import dev.podbgp.daemon.systemd.NotifyReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * podbgpd from the built distribution ({@code bin/podbgpd}) as a process in a
 * network namespace, against FRR in another, checked only through what an
 * operator sees: {@code bin/podbgp status --json} and {@code routes --json},
 * (the first session signed with TCP MD5 from a password file),
 * the kernel route ({@code ip route}), the metrics endpoint and {@code /readyz}
 * (curl), READY=1 on NOTIFY_SOCKET, and a reload that adds a second FRR peer
 * without resetting the first session.
 */
@Tag("interop")
class PodbgpdFrrIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SESSION_WAIT = Duration.ofSeconds(60);

    private Sandbox sandbox;

    @BeforeEach
    void needs() {
        assumeTrue(isRoot(), "needs root: creates network namespaces");
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

    @Test
    void daemonPeersWithFrrInstallsItsRouteAndReloadsWithoutResettingOthers() throws Exception {
        Sandbox s = sandbox;
        String lan = s.netns("lan");
        s.ip(lan, "link", "add", "br0", "type", "bridge");
        s.ip(lan, "link", "set", "br0", "up");
        String node = attach(s, lan, "node", "192.0.2.1");
        String frr1 = attach(s, lan, "frr1", "192.0.2.254");
        String frr2 = attach(s, lan, "frr2", "192.0.2.253");
        // tor1's session is signed with TCP MD5: the key comes from a password file.
        Frr.start(s, frr1, s.dir().resolve("frr1"), frrConf(s, "frr1", "192.0.2.254", 65000, "198.51.100.0/24")
                .replace(" neighbor 192.0.2.1 timers connect 1\n",
                        " neighbor 192.0.2.1 timers connect 1\n neighbor 192.0.2.1 password tor1-secret\n"));
        Path key = s.dir().resolve("tor1.key");
        Files.writeString(key, "tor1-secret\n");
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        // The second router also announces the first one's prefix: an ECMP pair once both are peers.
        Frr.start(s, frr2, s.dir().resolve("frr2"), frrConf(s, "frr2", "192.0.2.253", 65001, "203.0.113.0/24",
                "198.51.100.0/24"));

        Path socket = s.dir().resolve("podbgpd.sock");
        Path config = s.dir().resolve("podbgpd.yaml");
        String tor1 = peer("tor1", "192.0.2.254", 65000, "198.51.100.0/24") + "    passwordFile: " + key + "\n";
        String tor2 = peer("tor2", "192.0.2.253", 65001, "0.0.0.0/0 le 32");
        Files.writeString(config, config(socket, tor1));
        try (NotifyReceiver systemd = new NotifyReceiver(s.dir().resolve("notify").toString())) {
            long t0 = System.nanoTime();
            Process daemon = s.spawn(node, List.of(ROOT.resolve("bin/podbgpd").toString(), "--config",
                    config.toString()), s.dir().resolve("podbgpd.log"),
                    Map.of("NOTIFY_SOCKET", s.dir().resolve("notify").toString()));
            systemd.await("READY=1\nSTATUS=running");
            assertThat(daemon.isAlive()).isTrue();

            await().atMost(SESSION_WAIT).untilAsserted(() ->
                    assertThat(peerState(socket, "tor1")).as(log(s)).isEqualTo("Established"));
            System.out.printf("podbgpd start to Established with FRR: %.2f s%n", (System.nanoTime() - t0) / 1e9);
            JsonNode status = podbgpJson(socket, "status");
            assertThat(status.get("routerId").asText()).isEqualTo("192.0.2.1");
            assertThat(status.get("asn").asLong()).isEqualTo(64512);
            String since = peer(status, "tor1").get("since").asText();

            await().atMost(SESSION_WAIT).untilAsserted(() -> {
                JsonNode route = route(podbgpJson(socket, "routes"), "198.51.100.0/24");
                assertThat(route).as("FRR's prefix in podbgp routes").isNotNull();
                assertThat(route.get("installed").asBoolean()).isTrue();
                JsonNode path = route.get("paths").get(0);
                assertThat(path.get("peer").asText()).isEqualTo("tor1");
                assertThat(path.get("nextHop").asText()).isEqualTo("192.0.2.254");
                assertThat(path.get("asPath").asText()).isEqualTo("65000");
                assertThat(path.get("best").asBoolean()).isTrue();
            });
            assertThat(s.ip(node, "route", "show", "proto", "bgp"))
                    .contains("198.51.100.0/24 via 192.0.2.254 dev eth0");
            // FRR learned our pod CIDR (the default export: this node's pod CIDRs).
            await().atMost(SESSION_WAIT).untilAsserted(() -> assertThat(Frr.vtysh(s.dir().resolve("frr1"),
                    "show bgp ipv4 unicast 10.244.1.0/24").output()).contains("192.0.2.1"));

            String metrics = curl(s, node, "http://127.0.0.1:9179/metrics");
            assertThat(metrics).contains("podbgp_session_state{peer=\"tor1\",podbgp_session_state=\"Established\"} 1")
                    .contains("podbgp_peer_prefixes{direction=\"accepted\",peer=\"tor1\"} 1.0")
                    .contains("podbgp_fib_operations_total{operation=\"add\"} 1.0")
                    .contains("podbgp_rib_prefixes 2.0");
            assertThat(curl(s, node, "http://127.0.0.1:9179/readyz")).startsWith("ready");

            // Reload: add a second peer; the first session keeps running (its "since" does not move).
            Files.writeString(config, config(socket, tor1 + tor2));
            Cmd.Result reload = Cmd.run(List.of(ROOT.resolve("bin/podbgp").toString(), "--socket", socket.toString(),
                    "reload"), Duration.ofSeconds(30));
            assertThat(reload.ok()).as(reload.output()).isTrue();
            await().atMost(SESSION_WAIT).untilAsserted(() ->
                    assertThat(peerState(socket, "tor2")).as(log(s)).isEqualTo("Established"));
            JsonNode after = podbgpJson(socket, "status");
            assertThat(peer(after, "tor1").get("state").asText()).isEqualTo("Established");
            assertThat(peer(after, "tor1").get("since").asText()).isEqualTo(since);
            // Both routers' paths to 198.51.100.0/24 (equal length AS paths, asPathRelax): one multipath route.
            await().atMost(SESSION_WAIT).untilAsserted(() -> {
                String kernel = s.ip(node, "route", "show", "proto", "bgp");
                assertThat(kernel).contains("203.0.113.0/24 via 192.0.2.253 dev eth0")
                        .containsPattern("198\\.51\\.100\\.0/24 metric 20 \\n\\s+nexthop via 192\\.0\\.2\\.253 dev eth0"
                                + " weight 1 \\n\\s+nexthop via 192\\.0\\.2\\.254 dev eth0 weight 1");
                JsonNode paths = route(podbgpJson(socket, "routes"), "198.51.100.0/24").get("paths");
                assertThat(paths).hasSize(2);
                assertThat(paths.get(0).get("best").asBoolean()).isTrue();
                assertThat(paths.get(1).get("multipath").asBoolean()).isTrue();
            });

            // Operator shutdown with an RFC 9003 message: FRR logs it, the session stays down, routes go.
            Cmd.Result disable = Cmd.run(List.of(ROOT.resolve("bin/podbgp").toString(), "--socket", socket.toString(),
                    "peer", "disable", "tor2", "--message", "podbgp maintenance window"), Duration.ofSeconds(30));
            assertThat(disable.ok()).as(disable.output()).isTrue();
            await().atMost(SESSION_WAIT).untilAsserted(() -> {
                assertThat(peerState(socket, "tor2")).isEqualTo("Disabled");
                assertThat(Files.readString(s.dir().resolve("frr2/frr.log"))).contains("podbgp maintenance window");
                assertThat(s.ip(node, "route", "show", "proto", "bgp")).doesNotContain("203.0.113.0/24")
                        .contains("198.51.100.0/24 via 192.0.2.254 dev eth0");
            });
            Cmd.Result enable = Cmd.run(List.of(ROOT.resolve("bin/podbgp").toString(), "--socket", socket.toString(),
                    "peer", "enable", "tor2"), Duration.ofSeconds(30));
            assertThat(enable.ok()).as(enable.output()).isTrue();
            await().atMost(SESSION_WAIT).untilAsserted(() ->
                    assertThat(peerState(socket, "tor2")).isEqualTo("Established"));
            assertThat(peer(podbgpJson(socket, "status"), "tor1").get("since").asText()).isEqualTo(since);

            // Reload removing tor2: its session and routes go, tor1's session stays.
            Files.writeString(config, config(socket, tor1));
            Cmd.Result shrink = Cmd.run(List.of(ROOT.resolve("bin/podbgp").toString(), "--socket", socket.toString(),
                    "reload"), Duration.ofSeconds(30));
            assertThat(shrink.ok()).as(shrink.output()).isTrue();
            await().atMost(SESSION_WAIT).untilAsserted(() -> {
                JsonNode now = podbgpJson(socket, "status");
                assertThat(now.get("peers").findValuesAsText("name")).containsExactly("tor1");
                assertThat(peer(now, "tor1").get("since").asText()).isEqualTo(since);
                assertThat(s.ip(node, "route", "show", "proto", "bgp")).doesNotContain("203.0.113.0/24")
                        .contains("198.51.100.0/24 via 192.0.2.254 dev eth0");
            });
        }
    }

    static String attach(Sandbox s, String lan, String role, String address) {
        String ns = s.netns(role);
        s.ip(ns, "link", "add", "eth0", "type", "veth", "peer", "name", role, "netns", lan);
        s.ip(lan, "link", "set", role, "master", "br0", "up");
        s.ip(ns, "addr", "add", address + "/24", "dev", "eth0");
        s.ip(ns, "link", "set", "eth0", "up");
        return ns;
    }

    static String frrConf(Sandbox s, String name, String id, long asn, String... networks) {
        StringBuilder c = new StringBuilder("frr defaults traditional\nhostname " + name + "\nlog file "
                + s.dir().resolve(name + "/frr.log") + " informational\ndebug bgp neighbor-events\n!\nrouter bgp " + asn + "\n bgp router-id " + id
                + "\n no bgp ebgp-requires-policy\n no bgp network import-check\n timers bgp 3 9\n"
                + " neighbor 192.0.2.1 remote-as 64512\n neighbor 192.0.2.1 timers connect 1\n"
                + " address-family ipv4 unicast\n");
        for (String n : networks) {
            c.append("  network ").append(n).append('\n');
        }
        return c.append(" exit-address-family\n!\n").toString();
    }

    static String peer(String name, String address, long asn, String accept) {
        return "  - name: " + name + "\n    address: " + address + "\n    asn: " + asn
                + "\n    timers: {holdTime: 9s, connectRetry: 1s}\n    import: {accept: [\"" + accept + "\"]}\n";
    }

    private static String config(Path socket, String peers) {
        return "node:\n  name: node-a\n  asn: 64512\n  address: 192.0.2.1\n  podCIDRs: [10.244.1.0/24]\n"
                + "cluster:\n  mode: none\n"
                + "ecmp: {asPathRelax: true}\n"
                + "peers:\n" + peers
                + "control:\n  socket: " + socket + "\nmetrics:\n  listen: 127.0.0.1:9179\n";
    }

    static JsonNode podbgpJson(Path socket, String command) throws Exception {
        Cmd.Result r = Cmd.run(List.of(ROOT.resolve("bin/podbgp").toString(), "--socket", socket.toString(), "--json",
                command), Duration.ofSeconds(30));
        assertThat(r.ok()).as(r.output()).isTrue();
        return JSON.readTree(r.output());
    }

    static String peerState(Path socket, String name) throws Exception {
        JsonNode p = peer(podbgpJson(socket, "status"), name);
        return p == null ? null : p.get("state").asText();
    }

    private static JsonNode peer(JsonNode status, String name) {
        for (JsonNode p : status.get("peers")) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        return null;
    }

    private static JsonNode route(JsonNode routes, String prefix) {
        for (JsonNode r : routes) {
            if (r.get("prefix").asText().equals(prefix)) {
                return r;
            }
        }
        return null;
    }

    static String curl(Sandbox s, String ns, String url) {
        Cmd.Result r = s.exec(ns, Duration.ofSeconds(10), "curl", "-s", "--max-time", "5", url);
        assertThat(r.ok()).as(url + ": " + r.output()).isTrue();
        return r.output();
    }

    private static String log(Sandbox s) {
        try {
            return Files.readString(s.dir().resolve("podbgpd.log"));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (java.io.IOException e) {
            return false;
        }
        return false;
    }
}
