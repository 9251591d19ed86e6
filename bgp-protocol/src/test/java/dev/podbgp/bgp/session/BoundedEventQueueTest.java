package dev.podbgp.bgp.session;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.UpdateMessage;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedEventQueueTest {
    final PeerId peer = new PeerId("p", InetAddress.getLoopbackAddress());

    PeerEvent.Routes routes(int updates) {
        return new PeerEvent.Routes(peer, null,
                Collections.nCopies(updates, UpdateMessage.endOfRib(AddressFamily.IPV4_UNICAST)));
    }

    @Test
    void overTheBoundTheProducerIsToldToPauseAndResumedAtHalf() throws InterruptedException {
        BoundedEventQueue q = new BoundedEventQueue(10);
        AtomicInteger resumed = new AtomicInteger();
        assertThat(q.accept(routes(6), resumed::incrementAndGet)).isTrue();
        assertThat(q.accept(routes(6), resumed::incrementAndGet)).isFalse();
        assertThat(q.size()).isEqualTo(12);
        q.poll(Duration.ZERO);
        assertThat(resumed).hasValue(0);
        assertThat(q.size()).isEqualTo(6);
        assertThat(q.accept(new PeerEvent.EndOfRib(peer, AddressFamily.IPV4_UNICAST), resumed::incrementAndGet)).isTrue();
        q.poll(Duration.ZERO);
        assertThat(resumed).hasValue(1);
        assertThat(q.size()).isEqualTo(1);
    }

    @Test
    void eventsComeOutInOrderAndPollWaitsBounded() throws InterruptedException {
        BoundedEventQueue q = new BoundedEventQueue(100);
        PeerEvent a = new PeerEvent.EndOfRib(peer, AddressFamily.IPV4_UNICAST);
        PeerEvent b = new PeerEvent.Down(peer, "x", false);
        q.accept(a, () -> { });
        q.accept(b, () -> { });
        assertThat(List.of(q.poll(Duration.ZERO), q.poll(Duration.ZERO))).containsExactly(a, b);
        assertThat(q.poll(Duration.ofMillis(1))).isNull();
    }
}
