package dev.podbgp.daemon.routing;

import dev.podbgp.bgp.session.PeerConfig;
import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.conf.ConfigLoader;
import dev.podbgp.conf.Peer;
import dev.podbgp.conf.PodbgpConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configured sessions as the session layer gets them, from real configuration files. */
class SessionSettingsTest {
    @TempDir
    Path dir;

    private PodbgpConfig load(String peers) throws Exception {
        Path f = dir.resolve("podbgpd.yaml");
        Files.writeString(f, """
                node: {name: node-a, asn: 64512, address: 192.0.2.1, podCIDRs: [10.244.1.0/24]}
                cluster:
                  nodes: [{name: node-b, address: 192.0.2.2}]
                peers:
                """ + peers);
        return ConfigLoader.strict().load(f);
    }

    private static PeerConfig session(PodbgpConfig c, String name) throws Exception {
        Peer p = c.session(name).orElseThrow();
        return SessionSettings.of(p, c.node().asn(), 0xC0000201, false);
    }

    @Test
    void clusterSessionIsIbgpFromOurAddressWithBothFamilies() throws Exception {
        PeerConfig s = session(load("  []\n"), "node-b");
        assertThat(s.ibgp()).isTrue();
        assertThat(s.sourceAddress().getHostAddress()).isEqualTo("192.0.2.1");
        assertThat(s.families()).containsExactlyInAnyOrder(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST);
        assertThat(s.holdTime()).isEqualTo(90);
        assertThat(s.keepaliveTime()).isEqualTo(30);
        assertThat(s.gracefulRestart()).isNull();
    }

    @Test
    void externalPeerTimersTtlPasswordAndGracefulRestart() throws Exception {
        Files.writeString(dir.resolve("tor.key"), "s3cret\n");
        Files.setPosixFilePermissions(dir.resolve("tor.key"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        PeerConfig s = session(load("""
                  - name: tor1
                    address: 192.0.2.254
                    asn: 65000
                    passwordFile: tor.key
                    timers: {holdTime: 9s, keepalive: 3s, connectRetry: 2s}
                    gracefulRestart: {enabled: true, restartTime: 60s}
                    ttlSecurity: 1
                    maxPrefixes: {limit: 100, restartAfter: 5m}
                    families: [ipv4]
                """), "tor1");
        assertThat(s.peerAs()).isEqualTo(65000);
        assertThat(s.md5Password()).isEqualTo("s3cret");
        assertThat(s.holdTime()).isEqualTo(9);
        assertThat(s.keepaliveTime()).isEqualTo(3);
        assertThat(s.connectRetryMin()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.gtsm()).isTrue();
        assertThat(s.gracefulRestart().restartTime()).isEqualTo(60);
        assertThat(s.maxPrefix().limit()).isEqualTo(100);
        assertThat(s.maxPrefix().restartAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.families()).containsExactly(AddressFamily.IPV4_UNICAST);
    }

    @Test
    void multihopSetsTheOutgoingTtl() throws Exception {
        PeerConfig s = session(load("  - {name: rr, address: 198.51.100.9, asn: 65000, multihop: 3}\n"), "rr");
        assertThat(s.ttl()).isEqualTo(3);
        assertThat(s.gtsm()).isFalse();
    }

    @Test
    void gtsmBeyondOneHopIsRefusedWithTheValue() throws Exception {
        PodbgpConfig c = load("  - {name: far, address: 198.51.100.9, asn: 65000, ttlSecurity: 3}\n");
        assertThatThrownBy(() -> session(c, "far")).isInstanceOf(SessionSettings.Unusable.class)
                .hasMessageContaining("peer far: ttlSecurity 3");
    }

    @Test
    void passwordFileGoneAfterLoadingNamesThePeerAndTheFile() throws Exception {
        Files.writeString(dir.resolve("tor.key"), "k");
        PodbgpConfig c = load("  - {name: tor1, address: 192.0.2.254, asn: 65000, passwordFile: tor.key}\n");
        Files.deleteIfExists(dir.resolve("tor.key"));
        assertThatThrownBy(() -> session(c, "tor1")).isInstanceOf(SessionSettings.Unusable.class)
                .hasMessageContaining("peer tor1: cannot read passwordFile").hasMessageContaining("tor.key");
    }
}
