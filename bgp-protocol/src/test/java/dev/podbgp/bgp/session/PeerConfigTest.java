package dev.podbgp.bgp.session;

import dev.podbgp.bgp.wire.AddressFamily;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeerConfigTest {

    @Test
    void badValuesAreRefusedNamingThePeerAndTheValue() {
        assertThatThrownBy(() -> PeerSessionTest.config().peerAs(0).build())
                .hasMessage("peer 192.0.2.2: peer AS 0 is outside 1..4294967295");
        assertThatThrownBy(() -> PeerSessionTest.config().routerId(0).build())
                .hasMessageContaining("router id 0.0.0.0");
        assertThatThrownBy(() -> PeerSessionTest.config().keepaliveTime(90).build())
                .hasMessageContaining("keepalive time 90 must be below the hold time 90");
        assertThatThrownBy(() -> PeerSessionTest.config().gtsm(true).ttl(2).build())
                .hasMessageContaining("GTSM").hasMessageContaining("TTL 2");
        assertThatThrownBy(() -> PeerSessionTest.config().requiredFamilies(Set.of(new AddressFamily(25, 70)))
                .build()).hasMessageContaining("required family afi25/safi70");
        assertThatThrownBy(() -> PeerSessionTest.config().md5Password("x".repeat(81)).build())
                .hasMessageContaining("MD5 password");
        assertThatThrownBy(() -> PeerSessionTest.config().sourceAddress(PeerSessionTest.addr("2001:db8::1")).build())
                .hasMessageContaining("source address 2001:db8:0:0:0:0:0:1");
        assertThatThrownBy(() -> new PeerConfig.MaxPrefix(0, null)).hasMessageContaining("limit 0");
    }

    @Test
    void ttlDefaultsFollowTheSessionKind() {
        assertThat(PeerSessionTest.config().build().effectiveTtl()).isEqualTo(1);
        assertThat(PeerSessionTest.config().peerAs(65001).build().effectiveTtl()).isEqualTo(64);
        assertThat(PeerSessionTest.config().ttl(3).build().effectiveTtl()).isEqualTo(3);
        assertThat(PeerSessionTest.config().gtsm(true).build().effectiveTtl()).isEqualTo(255);
        assertThat(PeerSessionTest.config().holdTime(9).build().keepaliveTime()).isEqualTo(3);
    }

    @Test
    void backoffDoublesToTheCapWithAtMostAQuarterOfJitter() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), new Random(1));
        long[] max = {100, 200, 400, 800, 1000, 1000};
        for (long m : max) {
            assertThat(b.next().toMillis()).isBetween(m * 3 / 4, m);
        }
        b.reset();
        assertThat(b.next().toMillis()).isBetween(75L, 100L);
    }
}
