package dev.podbgp.interop.podbgp;

import dev.podbgp.bgp.session.BgpSpeaker;
import dev.podbgp.bgp.session.BoundedEventQueue;
import dev.podbgp.bgp.session.PeerConfig;
import dev.podbgp.bgp.session.PeerEvent;
import dev.podbgp.bgp.session.PeerSession;
import dev.podbgp.bgp.session.PeerStatus;
import dev.podbgp.bgp.session.SpeakerConfig;
import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.AsPath;
import dev.podbgp.bgp.wire.Communities;
import dev.podbgp.bgp.wire.LargeCommunity;
import dev.podbgp.bgp.wire.MpReach;
import dev.podbgp.bgp.wire.Origin;
import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.bgp.wire.UpdateMessage;
import dev.podbgp.bgp.wire.UpdatePacker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * podbgp's speaker under test: a {@link BgpSpeaker} whose event loop threads
 * live in a lab namespace, with a consumer thread standing in for the RIB
 * (it keeps what each peer announced) and an originator that sends our
 * routes when a session comes up.
 */
public final class PodbgpSpeaker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PodbgpSpeaker.class);

    /** A route we announce: prefix, MED, communities, large communities. */
    public record Route(Prefix prefix, long med, List<Integer> communities, List<LargeCommunity> largeCommunities) {
    }

    /** What a peer announced to us for one prefix. */
    public record Received(Prefix prefix, InetAddress nextHop, PathAttributes attributes) {
    }

    private final long localAs;
    private final InetAddress nextHopV4;
    private final InetAddress nextHopV6;
    private final BgpSpeaker speaker;
    private final BoundedEventQueue queue = new BoundedEventQueue(10_000);
    private final Thread consumer;
    private final List<Route> originated = new CopyOnWriteArrayList<>();
    private final List<Prefix> bulk = new CopyOnWriteArrayList<>();
    private final Map<InetAddress, Map<Prefix, Received>> ribIn = new ConcurrentHashMap<>();
    private final Map<InetAddress, Integer> establishedCount = new ConcurrentHashMap<>();
    private final Map<InetAddress, Integer> refreshes = new ConcurrentHashMap<>();
    private final long startNanos = System.nanoTime();
    private final Map<InetAddress, Long> firstEstablishedNanos = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    private PodbgpSpeaker(String netns, long localAs, InetAddress nextHopV4, InetAddress nextHopV6) {
        this.localAs = localAs;
        this.nextHopV4 = nextHopV4;
        this.nextHopV6 = nextHopV6;
        SpeakerConfig cfg = new SpeakerConfig(List.of(new InetSocketAddress(any(), PeerConfig.BGP_PORT)), 2,
                NamespaceThreads.factory(netns, "podbgp-" + netns), null);
        this.speaker = BgpSpeaker.start(cfg, queue);
        this.consumer = new Thread(this::consume, "podbgp-rib-" + netns);
        consumer.setDaemon(true);
        consumer.start();
    }

    /** Starts our speaker listening on port 179 inside {@code netns}; our next hops are our link addresses. */
    public static PodbgpSpeaker start(String netns, long localAs, Inet4Address nextHopV4, Inet6Address nextHopV6) {
        return new PodbgpSpeaker(netns, localAs, nextHopV4, nextHopV6);
    }

    private static InetAddress any() {
        try {
            return InetAddress.getByName("::");
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    public void originate(Route r) {
        originated.add(r);
    }

    /** Many IPv4 prefixes with plain attributes (ORIGIN IGP, our AS), packed into as few UPDATEs as fit. */
    public void originateBulk(List<Prefix> v4Prefixes) {
        bulk.addAll(v4Prefixes);
    }

    public PeerSession addPeer(PeerConfig c) {
        return speaker.addPeer(c);
    }

    public BgpSpeaker speaker() {
        return speaker;
    }

    public PeerStatus status(InetAddress peer) {
        return speaker.peer(peer).status();
    }

    /** What {@code peer} currently announces to us for {@code prefix}, or null. */
    public Received received(InetAddress peer, Prefix prefix) {
        Map<Prefix, Received> m = ribIn.get(peer);
        return m == null ? null : m.get(prefix);
    }

    /** How often the session with {@code peer} reached Established. */
    public int establishedCount(InetAddress peer) {
        return establishedCount.getOrDefault(peer, 0);
    }

    /** How often {@code peer} asked us for a route refresh. */
    public int refreshRequests(InetAddress peer) {
        return refreshes.getOrDefault(peer, 0);
    }

    /** Time from this speaker's start to the first Established with {@code peer}, or null. */
    public Duration timeToFirstEstablished(InetAddress peer) {
        Long t = firstEstablishedNanos.get(peer);
        return t == null ? null : Duration.ofNanos(t - startNanos);
    }

    private void consume() {
        while (running) {
            PeerEvent e;
            try {
                e = queue.poll(Duration.ofMillis(200));
            } catch (InterruptedException ie) {
                return;
            }
            if (e == null) {
                continue;
            }
            InetAddress peer = e.peer().address();
            if (e instanceof PeerEvent.Established est) {
                firstEstablishedNanos.putIfAbsent(peer, System.nanoTime());
                establishedCount.merge(peer, 1, Integer::sum);
                ribIn.put(peer, new ConcurrentHashMap<>());
                sendOurRoutes(peer, est);
            } else if (e instanceof PeerEvent.Routes routes) {
                Map<Prefix, Received> rib = ribIn.computeIfAbsent(peer, p -> new ConcurrentHashMap<>());
                for (UpdateMessage u : routes.updates()) {
                    apply(rib, u);
                }
            } else if (e instanceof PeerEvent.RefreshRequested rr) {
                refreshes.merge(peer, 1, Integer::sum);
                PeerStatus st = speaker.peer(peer).status();
                if (st.negotiated() != null) {
                    sendOurRoutes(peer, new PeerEvent.Established(e.peer(), st.negotiated()));
                }
            } else if (e instanceof PeerEvent.Down down) {
                ribIn.remove(peer);
            }
        }
    }

    private static void apply(Map<Prefix, Received> rib, UpdateMessage u) {
        u.withdrawn().forEach(rib::remove);
        if (u.mpUnreach() != null) {
            u.mpUnreach().withdrawn().forEach(rib::remove);
        }
        for (Prefix p : u.nlri()) {
            rib.put(p, new Received(p, u.attributes().nextHop(), u.attributes()));
        }
        if (u.mpReach() != null) {
            for (Prefix p : u.mpReach().nlri()) {
                rib.put(p, new Received(p, u.mpReach().nextHop(), u.attributes()));
            }
        }
    }

    private void sendOurRoutes(InetAddress peer, PeerEvent.Established est) {
        boolean ibgp = est.negotiated().ibgp();
        List<UpdateMessage> out = new ArrayList<>();
        for (AddressFamily family : est.negotiated().families()) {
            for (Route r : originated) {
                if (!r.prefix().family().equals(family)) {
                    continue;
                }
                PathAttributes.Builder a = PathAttributes.builder().origin(Origin.IGP)
                        .asPath(ibgp ? AsPath.EMPTY : AsPath.sequence((int) localAs))
                        .med(r.med())
                        .communities(Communities.of(r.communities().stream().mapToInt(Integer::intValue).toArray()))
                        .largeCommunities(r.largeCommunities());
                if (ibgp) {
                    a.localPref(100L);
                }
                if (family.equals(AddressFamily.IPV4_UNICAST)) {
                    out.add(UpdateMessage.announce(a.nextHop((Inet4Address) nextHopV4).build(), List.of(r.prefix())));
                } else {
                    out.add(new UpdateMessage(List.of(), a.build(), List.of(),
                            new MpReach(family, nextHopV6, List.of(r.prefix())), null));
                }
            }
            if (family.equals(AddressFamily.IPV4_UNICAST) && !bulk.isEmpty()) {
                PathAttributes a = PathAttributes.builder().origin(Origin.IGP)
                        .asPath(ibgp ? AsPath.EMPTY : AsPath.sequence((int) localAs))
                        .localPref(ibgp ? 100L : null).nextHop((Inet4Address) nextHopV4).build();
                out.addAll(UpdatePacker.announce(a, List.copyOf(bulk), est.negotiated().codecOptions()));
            }
            out.add(UpdateMessage.endOfRib(family));
        }
        speaker.peer(peer).send(out);
        log.info("sent {} UPDATEs (with End-of-RIB) to {}", out.size(), peer.getHostAddress());
    }

    @Override
    public void close() {
        running = false;
        speaker.close();
        consumer.interrupt();
    }
}
