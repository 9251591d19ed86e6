package dev.podbgp.bgp.session;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Dynamic ranges without sockets: a speaker that listens nowhere, sessions created as the listener would. */
class DynamicNeighbourTest {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void rangeMembersGetTheTemplateUpToTheLimitAndIdleOnesAreForgotten() throws Exception {
        SpeakerConfig cfg = new SpeakerConfig(List.of(), 1, null, clock);
        try (BgpSpeaker speaker = BgpSpeaker.start(cfg, new BoundedEventQueue(10))) {
            speaker.addDynamicRange(DynamicRange.of("nodes", "192.0.2.0/24", PeerSessionTest.config().build(), 2));
            InetAddress a = InetAddress.getByName("192.0.2.10");
            InetAddress b = InetAddress.getByName("192.0.2.11");
            PeerSession sa = speaker.dynamicSession(a);
            assertThat(sa.config().passive()).isTrue();
            assertThat(sa.config().name()).isEqualTo("nodes/192.0.2.10");
            assertThat(sa.config().peerAs()).isEqualTo(65002);
            assertThat(speaker.dynamicSession(a)).isSameAs(sa);
            assertThat(speaker.dynamicSession(b)).isNotNull();
            assertThat(speaker.dynamicSession(InetAddress.getByName("192.0.2.12"))).as("over the limit").isNull();
            assertThat(speaker.dynamicSession(InetAddress.getByName("198.51.100.1"))).as("outside").isNull();
            await().atMost(Duration.ofSeconds(5)).until(() -> sa.status().state() == SessionState.ACTIVE);

            speaker.forgetIdleDynamicNeighbours();
            assertThat(speaker.peer(a)).as("not idle long enough yet").isSameAs(sa);
            now.set(now.get().plus(BgpSpeaker.DYNAMIC_IDLE).plusSeconds(1));
            speaker.forgetIdleDynamicNeighbours();
            assertThat(speaker.peer(a)).isNull();
            assertThat(speaker.dynamicSession(InetAddress.getByName("192.0.2.12"))).as("room again").isNotNull();
        }
    }
}
