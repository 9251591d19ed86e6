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
