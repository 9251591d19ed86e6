package dev.podbgp.interop.podbgp;

import dev.podbgp.bgp.session.BgpSpeaker;
import dev.podbgp.bgp.session.BoundedEventQueue;
import dev.podbgp.bgp.session.PeerConfig;
import dev.podbgp.bgp.session.PeerEvent;
import dev.podbgp.bgp.session.SpeakerConfig;
import dev.podbgp.bgp.wire.Ipv4;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Our speaker as its own process, for measuring the time from process start
 * to Established: run with {@code ip netns exec}; prints
 * {@code ESTABLISHED <peer> <ms since JVM start>} for each session that comes
 * up, and stops by itself after two minutes.
 * Arguments: local AS, router id, then peer address and peer AS pairs.
 */
public final class SpeakerMain {
    private SpeakerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || args.length % 2 != 0) {
            System.err.println("usage: SpeakerMain LOCAL_AS ROUTER_ID PEER PEER_AS [PEER PEER_AS]...");
            System.exit(2);
        }
        long localAs = Long.parseLong(args[0]);
        int routerId = Ipv4.parse(args[1]);
        BoundedEventQueue queue = new BoundedEventQueue(10_000);
        SpeakerConfig cfg = new SpeakerConfig(List.of(new InetSocketAddress(InetAddress.getByName("::"), 179)), 1,
                null, null);
        try (BgpSpeaker speaker = BgpSpeaker.start(cfg, queue)) {
            System.out.println("TRANSPORT " + (dev.podbgp.bgp.session.Transports.epoll() ? "epoll" : "nio"));
            for (int i = 2; i < args.length; i += 2) {
                speaker.addPeer(PeerConfig.builder(InetAddress.getByName(args[i])).localAs(localAs)
                        .peerAs(Long.parseLong(args[i + 1])).routerId(routerId).holdTime(9)
                        .connectRetry(Duration.ofMillis(200), Duration.ofSeconds(2)).build());
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < deadline) {
                PeerEvent e = queue.poll(Duration.ofMillis(200));
                if (e instanceof PeerEvent.Established est) {
                    long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                    System.out.println("ESTABLISHED " + est.peer().address().getHostAddress() + " " + ms);
                    System.out.flush();
                }
            }
        }
    }
}
