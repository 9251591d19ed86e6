package dev.podbgp.daemon.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final Readiness readiness = new Readiness(now::get);

    @Test
    void waitsForFibAndEveryPeer() {
        readiness.peerConfigured("node-b", Duration.ofSeconds(90));
        readiness.peerConfigured("tor1", Duration.ofSeconds(90));

        assertThat(readiness.status().ready()).isFalse();
        assertThat(readiness.status().waitingFor()).containsExactly(
                "the FIB has not reconciled with the kernel yet",
                "peer node-b has not been Established yet (grace ends in 90s)",
                "peer tor1 has not been Established yet (grace ends in 90s)");

        readiness.fibReconciled();
        readiness.peerEstablished("node-b");
        assertThat(readiness.status().waitingFor()).containsExactly(
                "peer tor1 has not been Established yet (grace ends in 90s)");

        readiness.peerEstablished("tor1");
        assertThat(readiness.status()).isEqualTo(new Readiness.Status(true, java.util.List.of()));
    }

    @Test
    void graceTimeReleasesASilentPeer() {
        readiness.fibReconciled();
        readiness.peerConfigured("tor1", Duration.ofSeconds(30));

        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(readiness.status().waitingFor()).containsExactly(
                "peer tor1 has not been Established yet (grace ends in 1s)");

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(readiness.status().ready()).isTrue();
    }

    @Test
    void fibAloneIsNotEnoughWhilePeersAreInGrace() {
        readiness.peerConfigured("node-b", Duration.ofSeconds(10));
        readiness.fibReconciled();
        assertThat(readiness.status().ready()).isFalse();
    }

    @Test
    void removedPeerIsNoLongerAwaited() {
        readiness.fibReconciled();
        readiness.peerConfigured("node-b", Duration.ofSeconds(90));
        readiness.peerRemoved("node-b");
        assertThat(readiness.status().ready()).isTrue();
    }

    @Test
    void noPeersMeansReadyOnceFibReconciled() {
        assertThat(readiness.status().ready()).isFalse();
        readiness.fibReconciled();
        assertThat(readiness.status().ready()).isTrue();
    }

    @Test
    void readinessLatchesAcrossLaterPeers() {
        readiness.fibReconciled();
        assertThat(readiness.status().ready()).isTrue();

        readiness.peerConfigured("node-d", Duration.ofSeconds(90));
        assertThat(readiness.status().ready()).isTrue();
    }

    @Test
    void reconfiguredPeerIsAwaitedAgain() {
        readiness.peerConfigured("node-b", Duration.ofSeconds(90));
        readiness.peerEstablished("node-b");
        readiness.peerConfigured("node-b", Duration.ofSeconds(90));
        readiness.fibReconciled();
        // Configured again (a reload touched it) after it was Established: it is awaited again until ready.
        assertThat(readiness.status().ready()).isFalse();
    }

    @Test
    void clockWrapDoesNotReleaseEarly() {
        now.set(Long.MAX_VALUE - Duration.ofSeconds(5).toNanos());
        readiness.fibReconciled();
        readiness.peerConfigured("tor1", Duration.ofSeconds(10));
        now.addAndGet(Duration.ofSeconds(6).toNanos());  // overflows past Long.MAX_VALUE
        assertThat(readiness.status().ready()).isFalse();
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(readiness.status().ready()).isTrue();
    }
}
