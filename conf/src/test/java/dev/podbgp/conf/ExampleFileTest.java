package dev.podbgp.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** conf/podbgpd.yaml is valid, means what its comments say, and every key it uses is documented. */
class ExampleFileTest {
    private static final Path EXAMPLE = Path.of("podbgpd.yaml");
    private static final Path REFERENCE = Path.of("..", "docs", "configuration.md");

    @TempDir
    Path dir;

    @Test
    void exampleLoadsStrictlyWithItsKeyFiles() throws IOException, ConfigException {
        Path config = dir.resolve("podbgpd.yaml");
        Files.copy(EXAMPLE, config);
        for (String key : List.of("cluster.key", "tor.key")) {
            Path p = dir.resolve(key);
            Files.writeString(p, "s3cret-" + key + "\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        }
        ConfigLoader.Result r = ConfigLoader.strict().check(config);
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        PodbgpConfig c = r.orThrow();

        assertThat(c.node().name()).isEqualTo("node-a");
        assertThat(c.gracefulRestart().enabled()).isTrue();
        assertThat(c.tunnel()).isEqualTo(new Tunnel(Tunnel.Mode.VXLAN, Tunnel.When.CROSS_SUBNET, 4096, 4789));
        assertThat(c.cluster().passwordFile()).contains(new PasswordFile(dir.resolve("cluster.key")));
        assertThat(c.sessions()).extracting(Peer::name).containsExactly("node-b", "node-c", "tor1", "rr-appliance");

        PeerSettings tor1 = c.peers().get(0).settings();
        assertThat(tor1.timers()).isEqualTo(new Timers(Duration.ofSeconds(9), Duration.ofSeconds(3), Duration.ofSeconds(2)));
        assertThat(tor1.gracefulRestart()).isEqualTo(new GracefulRestart(true, Duration.ofSeconds(60),
                Duration.ofSeconds(360), Duration.ofSeconds(360)));
        assertThat(tor1.ttl()).isEqualTo(new TtlMode.Gtsm(1));
        assertThat(tor1.ttl().minIncomingTtl()).isEqualTo(255);
        assertThat(tor1.maxPrefixes()).contains(new MaxPrefixes(10000, Optional.of(Duration.ofMinutes(5))));
        assertThat(tor1.importPolicy().set().localPref()).hasValue(200);
        assertThat(tor1.exportPolicy().set().asPathPrepend()).isEqualTo(1);
        assertThat(tor1.exportPolicy().set().addCommunities()).containsExactly(Community.parse("no-export"));

        PeerSettings rr = c.peers().get(1).settings();
        assertThat(rr.routeReflectorClient()).isTrue();
        assertThat(rr.ttl()).isEqualTo(new TtlMode.Multihop(2));
        assertThat(rr.importPolicy().defaultAction()).isEqualTo(PolicyAction.ACCEPT);

        PeerRange rack = c.peerRanges().get(0);
        assertThat(rack.settings().asn()).isEqualTo(65007);
        assertThat(rack.settings().timers().holdTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(rack.settings().importPolicy().reject()).containsExactly(PrefixFilter.parse("10.244.0.0/16 le 32"));
    }

    /** The snippet of issue 6, verbatim: the keys the issue fixed must mean what it says. */
    @Test
    void issueSixSnippetLoads() throws ConfigException {
        PodbgpConfig c = Yaml.config("""
                node:
                  name: node-a
                  asn: 64512
                  address: 192.0.2.1          # session source and next hop; routerId defaults to it
                  podCIDRs: [10.244.1.0/24]
                cluster:
                  mode: full-mesh             # full-mesh | route-reflector-client | none
                  nodes:
                    - {name: node-b, address: 192.0.2.2, podCIDRs: [10.244.2.0/24]}
                  routeReflector:             # when this node reflects: its cluster ID
                    clusterId: 192.0.2.1
                peers:                        # external peers, e.g. top-of-rack switches
                  - name: tor1
                    address: 192.0.2.254
                    asn: 65000
                    passwordFile: /etc/podbgp/tor1.key
                    import:                   # default for external peers: accept nothing
                      accept: ["0.0.0.0/0 le 32", "::/0 le 128"]
                    export:                   # default: this node's pod CIDRs
                      accept: ["10.244.0.0/16 le 26"]
                control:
                  socket: /run/podbgp/podbgpd.sock
                metrics:
                  listen: 127.0.0.1:9179
                """);
        assertThat(c.node().routerId()).isEqualTo(IpAddresses.parseV4("192.0.2.1"));
        assertThat(c.cluster().routeReflector()).contains(new RouteReflector(IpAddresses.parseV4("192.0.2.1")));
        Peer tor1 = c.peers().get(0);
        assertThat(tor1.settings().passwordFile()).contains(new PasswordFile(Path.of("/etc/podbgp/tor1.key")));
        assertThat(tor1.settings().importPolicy().permits(IpPrefix.parse("2001:db8::/32"), List.of())).isTrue();
        assertThat(tor1.settings().exportPolicy().permits(IpPrefix.parse("10.244.2.0/24"), List.of())).isTrue();
        assertThat(tor1.settings().exportPolicy().permits(IpPrefix.parse("10.244.2.0/27"), List.of())).isFalse();
        assertThat(c.sessions()).extracting(p -> p.name() + "/" + p.kind()).containsExactly("node-b/CLUSTER",
                "tor1/EXTERNAL");
    }

    @Test
    void everyKeyOfTheExampleIsInTheReference() throws IOException {
        String reference = Files.readString(REFERENCE, StandardCharsets.UTF_8);
        TreeSet<String> keys = new TreeSet<>();
        var root = new Compose(LoadSettings.builder().build()).composeString(Files.readString(EXAMPLE)).orElseThrow();
        collectKeys(root, keys);
        keys.remove("tor"); // a template's name, not a key
        List<String> missing = new ArrayList<>();
        for (String k : keys) {
            if (!reference.contains("`" + k + "`")) {
                missing.add(k);
            }
        }
        assertThat(missing).as("keys of conf/podbgpd.yaml missing from docs/configuration.md").isEmpty();
    }

    @Test
    void everyKeyOfTheReferenceIsInTheExample() throws IOException {
        TreeSet<String> used = new TreeSet<>();
        collectKeys(new Compose(LoadSettings.builder().build()).composeString(Files.readString(EXAMPLE)).orElseThrow(),
                used);
        List<String> documented = new ArrayList<>();
        boolean inKeyTable = false;
        for (String line : Files.readAllLines(REFERENCE, StandardCharsets.UTF_8)) {
            if (line.startsWith("| key | type | default | meaning |")) {
                inKeyTable = true;
            } else if (!line.startsWith("|")) {
                inKeyTable = false;
            } else if (inKeyTable && line.startsWith("| `")) {
                documented.add(line.substring(3, line.indexOf('`', 3)));
            }
        }
        assertThat(documented).hasSizeGreaterThan(60);
        // ipv4Address excludes ipv6Address (only the other family than node.address); the example names it in a comment.
        used.add("ipv4Address");
        assertThat(documented).as("keys of docs/configuration.md the example conf/podbgpd.yaml does not show")
                .allMatch(used::contains);
    }

    private static void collectKeys(org.snakeyaml.engine.v2.nodes.Node n, TreeSet<String> keys) {
        if (n instanceof MappingNode m) {
            for (var t : m.getValue()) {
                keys.add(((ScalarNode) t.getKeyNode()).getValue());
                collectKeys(t.getValueNode(), keys);
            }
        } else if (n instanceof SequenceNode s) {
            s.getValue().forEach(c -> collectKeys(c, keys));
        }
    }
}
