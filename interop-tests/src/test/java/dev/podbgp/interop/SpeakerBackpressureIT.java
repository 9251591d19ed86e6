package dev.podbgp.interop;

import dev.podbgp.bgp.session.BgpSpeaker;
import dev.podbgp.bgp.session.BoundedEventQueue;
import dev.podbgp.bgp.session.PeerConfig;
import dev.podbgp.bgp.session.PeerEvent;
import dev.podbgp.bgp.session.PeerStatus;
import dev.podbgp.bgp.session.SessionState;
import dev.podbgp.bgp.session.SpeakerConfig;
import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.Ipv4Prefix;
import dev.podbgp.bgp.wire.MessageType;
import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.interop.netns.Attachment;
import dev.podbgp.interop.netns.Lan;
import dev.podbgp.interop.netns.Netns;
import dev.podbgp.interop.netns.NetnsLab;
import dev.podbgp.interop.netns.SetNs;
import dev.podbgp.interop.podbgp.PodbgpSpeaker;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Backpressure with real sockets: a receiving speaker whose route consumer
 * is stalled, one peer flooding it with 200,000 prefixes and one quiet peer.
 * The receiver stops reading the flooder's socket (its queue stays bounded),
 * both sessions outlive several hold times (keepalives go out from timers,
 * the quiet peer's keepalives are read), and once the consumer drains, every
 * prefix arrives.
 */
@Tag("netns")
class SpeakerBackpressureIT {
    private static final Logger log = LoggerFactory.getLogger(SpeakerBackpressureIT.class);
    /**
     * About 5 MB of packed UPDATEs: well beyond what one Netty read loop takes in (16 reads of up to
     * 64 KB) before the session can pause. 200,000 prefixes (1 MB) were sometimes read whole in the
     * first loops, leaving nothing to hold back.
     */
    static final int PREFIXES = 1_000_000;
    static final int QUEUE_CAPACITY = 20;
    static final int HOLD = 3;

    static PeerConfig.Builder peer(Attachment to, long localAs, long peerAs, int routerId) {
        return PeerConfig.builder(to.ipv4()).localAs(localAs).peerAs(peerAs).routerId(routerId).holdTime(HOLD)
                .keepaliveTime(1).families(Set.of(AddressFamily.IPV4_UNICAST))
                .connectRetry(Duration.ofMillis(300), Duration.ofSeconds(2));
    }

    @Test
    void aStalledConsumerPausesReadingWithoutLosingSessionsOrRoutes() {
        assumeTrue(NetnsLab.unavailableReason().isEmpty(), () -> "skipped: " + NetnsLab.unavailableReason().orElse(""));
        try (NetnsLab lab = NetnsLab.create()) {
            Netns rNs = lab.namespace();
            Netns fNs = lab.namespace();
            Netns qNs = lab.namespace();
            Lan lan = lab.lan(List.of(rNs, fNs, qNs));
            Attachment r = lan.members().get(0);
            Attachment f = lan.members().get(1);
            Attachment q = lan.members().get(2);

            BoundedEventQueue stalled = new BoundedEventQueue(QUEUE_CAPACITY);
            List<Prefix> flood = new ArrayList<>(PREFIXES);
            for (int i = 0; i < PREFIXES; i++) {
                flood.add(new Ipv4Prefix(0x0B000000 + i, 32));
            }
            SpeakerConfig rCfg = new SpeakerConfig(List.of(new InetSocketAddress(any(), 179)), 2,
                    SetNs.threadsIn(rNs.name(), new io.netty.util.concurrent.DefaultThreadFactory("recv", true)), null);
            try (BgpSpeaker receiver = BgpSpeaker.start(rCfg, stalled);
                 PodbgpSpeaker flooder = PodbgpSpeaker.start(fNs.name(), 65002, f.ipv4(), f.ipv6());
                 PodbgpSpeaker quiet = PodbgpSpeaker.start(qNs.name(), 65003, q.ipv4(), q.ipv6())) {
                // A limit far above the flood, so that the session counts the prefixes it took (it keeps no
                // count without one).
                receiver.addPeer(peer(f, 65001, 65002, 0x0A000001)
                        .maxPrefix(new PeerConfig.MaxPrefix(10L * PREFIXES, null)).build());
                receiver.addPeer(peer(q, 65001, 65003, 0x0A000001).build());
                flooder.originateBulk(flood);
                flooder.addPeer(peer(r, 65002, 65001, 0x0A000002).build());
                quiet.addPeer(peer(r, 65003, 65001, 0x0A000003).build());

                InetAddress fa = f.ipv4();
                InetAddress qa = q.ipv4();
                await("the receiver stops reading the flooder").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> receiver.peer(fa).status().readingPaused());
                PeerStatus f0 = receiver.peer(fa).status();
                PeerStatus q0 = receiver.peer(qa).status();
                log.info("paused with {} prefixes taken, queue weight {}", f0.prefixesReceived(), stalled.size());

                // Several hold times pass, measured by our own keepalives going out once a second.
                await("two hold times pass while paused").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> receiver.peer(fa).status().counters().sent(MessageType.KEEPALIVE)
                                >= f0.counters().sent(MessageType.KEEPALIVE) + 2L * HOLD);
                PeerStatus f1 = receiver.peer(fa).status();
                PeerStatus q1 = receiver.peer(qa).status();
                assertThat(f1.state()).isEqualTo(SessionState.ESTABLISHED);
                assertThat(f1.readingPaused()).isTrue();
                // What Netty had read before autoRead went off (one read loop) still arrives; then nothing.
                await("two more keepalives").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> receiver.peer(fa).status().counters().sent(MessageType.KEEPALIVE)
                                >= f1.counters().sent(MessageType.KEEPALIVE) + 2);
                assertThat(receiver.peer(fa).status().prefixesReceived()).as("nothing more read while paused")
                        .isEqualTo(f1.prefixesReceived());
                log.info("paused for good at {} prefixes, queue weight {}", f1.prefixesReceived(), stalled.size());
                assertThat(q1.state()).isEqualTo(SessionState.ESTABLISHED);
                assertThat(q1.counters().received(MessageType.KEEPALIVE))
                        .as("the quiet peer's keepalives are still read").isGreaterThan(q0.counters().received(MessageType.KEEPALIVE));
                assertThat(stalled.size()).as("queue weight, in UPDATEs").isLessThanOrEqualTo(QUEUE_CAPACITY + 1024);
                assertThat(f1.prefixesReceived()).isLessThan(PREFIXES);

                Thread drain = new Thread(() -> {
                    try {
                        while (!Thread.currentThread().isInterrupted()) {
                            PeerEvent e = stalled.poll(Duration.ofMillis(100));
                            if (e != null) {
                                log.debug("drained {}", e.getClass().getSimpleName());
                            }
                        }
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                }, "drain");
                drain.setDaemon(true);
                drain.start();
                try {
                    await("every prefix arrives once the consumer drains").atMost(Duration.ofSeconds(120))
                            .pollInterval(Duration.ofMillis(200))
                            .until(() -> receiver.peer(fa).status().prefixesReceived() == PREFIXES);
                    PeerStatus f2 = receiver.peer(fa).status();
                    assertThat(f2.state()).isEqualTo(SessionState.ESTABLISHED);
                    log.info("all {} prefixes received; flooder counters {}", PREFIXES, f2.counters());
                } finally {
                    drain.interrupt();
                }
            }
        }
    }

    private static InetAddress any() {
        try {
            return InetAddress.getByName("::");
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
