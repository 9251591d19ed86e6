package dev.podbgp.interop.podbgp;

import dev.podbgp.bgp.session.PeerStatus;
import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.AsPathSegment;
import dev.podbgp.bgp.wire.Communities;
import dev.podbgp.bgp.wire.Ipv4;
import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.interop.netns.Netns;
import dev.podbgp.interop.netns.SetNs;
import dev.podbgp.interop.peer.Addresses;
import dev.podbgp.interop.peer.BgpPeer;
import dev.podbgp.interop.peer.Community;
import dev.podbgp.interop.peer.Family;
import dev.podbgp.interop.peer.LargeCommunity;
import dev.podbgp.interop.peer.Neighbor;
import dev.podbgp.interop.peer.Origin;
import dev.podbgp.interop.peer.Origination;
import dev.podbgp.interop.peer.PeerConfig;
import dev.podbgp.interop.peer.PeerException;
import dev.podbgp.interop.peer.PeerFactory;
import dev.podbgp.interop.peer.Prefix;
import dev.podbgp.interop.peer.ReceivedRoute;
import dev.podbgp.interop.peer.SessionState;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * podbgp's own speaker ({@link PodbgpSpeaker}) behind {@link BgpPeer}, so the scenarios written
 * for real speakers run with podbgp on one side: inside a lab namespace, or in this JVM's own
 * namespace facing a container. Configured from the same {@link PeerConfig} as FRR, BIRD and
 * GoBGP; {@link #tweak} reaches options only podbgp has (maximum prefixes, expected peer AS).
 *
 * <p>Our next hop towards a neighbour is the address the kernel picks to reach it (what the TCP
 * connection uses), unless the neighbour names a local address.
 */
public final class PodbgpPeer implements BgpPeer {
    /** Our speaker in a lab namespace, as a {@link PeerFactory} beside FRR, BIRD and GoBGP. */
    public static final PeerFactory IN_NETNS = new PeerFactory() {
        @Override
        public BgpPeer create(Netns netns, PeerConfig config) {
            return new PodbgpPeer(config, netns.name(), anyAddress());
        }

        @Override
        public String toString() {
            return "PODBGP";
        }
    };

    private final String netns;
    private final InetAddress listen;
    private PeerConfig config;
    private UnaryOperator<dev.podbgp.bgp.session.PeerConfig.Builder> tweak = UnaryOperator.identity();
    private PodbgpSpeaker speaker;

    /**
     * @param netns the namespace our threads enter, or null for this JVM's own (the host's network)
     * @param listen the address we accept connections on, port 179
     */
    public PodbgpPeer(PeerConfig config, String netns, InetAddress listen) {
        this.config = config;
        this.netns = netns;
        this.listen = listen;
    }

    private static InetAddress anyAddress() {
        return Addresses.parse("::", "wildcard");
    }

    /** Adjusts each session's podbgp configuration before {@link #start()}. */
    public synchronized PodbgpPeer tweak(UnaryOperator<dev.podbgp.bgp.session.PeerConfig.Builder> t) {
        this.tweak = t;
        return this;
    }

    /** The running speaker, for checks only podbgp can answer (last error, counters). */
    public synchronized PodbgpSpeaker speaker() {
        if (speaker == null) {
            throw new PeerException("podbgp " + config.name() + " is not running");
        }
        return speaker;
    }

    public PeerStatus status(InetAddress neighbor) {
        return speaker().status(neighbor);
    }

    @Override
    public String kind() {
        return "podbgp";
    }

    @Override
    public synchronized PeerConfig config() {
        return config;
    }

    @Override
    public synchronized void start() {
        if (speaker != null) {
            return;
        }
        Inet4Address v4 = null;
        Inet6Address v6 = null;
        for (Neighbor n : config.neighbors()) {
            InetAddress local = n.localAddress().orElseGet(() -> sourceTowards(n.address()));
            if (local instanceof Inet4Address a && v4 == null) {
                v4 = a;
            } else if (local instanceof Inet6Address a && v6 == null) {
                v6 = a;
            }
        }
        PodbgpSpeaker s = PodbgpSpeaker.start(netns, listen, config.localAs(), v4, v6);
        try {
            for (Origination o : config.originations()) {
                s.originate(route(o));
            }
            for (Neighbor n : config.neighbors()) {
                s.addPeer(tweak.apply(session(n)).build());
            }
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        speaker = s;
    }

    /** The session configuration podbgp gets for {@code n}; features it has no switch for are refused. */
    private dev.podbgp.bgp.session.PeerConfig.Builder session(Neighbor n) {
        if (!n.features().isEmpty()) {
            throw new IllegalArgumentException("podbgp test speaker " + config.name() + ": neighbor "
                    + Addresses.format(n.address()) + " asks for " + n.features()
                    + ", which this driver does not configure");
        }
        Set<AddressFamily> families = new java.util.HashSet<>();
        for (Family f : n.families()) {
            families.add(f == Family.IPV4_UNICAST ? AddressFamily.IPV4_UNICAST : AddressFamily.IPV6_UNICAST);
        }
        dev.podbgp.bgp.session.PeerConfig.Builder b = dev.podbgp.bgp.session.PeerConfig.builder(n.address())
                .localAs(config.localAs()).peerAs(n.remoteAs())
                .routerId(Ipv4.fromInet(config.routerId()))
                .holdTime(n.holdTimeSeconds()).keepaliveTime(n.keepaliveSeconds())
                .families(families).passive(n.passive())
                .connectRetry(Duration.ofMillis(500), Duration.ofSeconds(4))
                .ttl(n.multihopTtl());
        n.md5Password().ifPresent(b::md5Password);
        n.localAddress().ifPresent(b::sourceAddress);
        return b;
    }

    private static PodbgpSpeaker.Route route(Origination o) {
        if (!o.routeTargets().isEmpty()) {
            throw new IllegalArgumentException("podbgp test speaker: route targets on " + o.prefix()
                    + " are not supported by this driver");
        }
        return new PodbgpSpeaker.Route(wirePrefix(o.prefix()), o.med().orElse(0),
                o.communities().stream().map(c -> Communities.community(c.asn(), c.value())).toList(),
                o.largeCommunities().stream().map(l -> new dev.podbgp.bgp.wire.LargeCommunity(
                        (int) l.global(), (int) l.local1(), (int) l.local2())).toList());
    }

    private static dev.podbgp.bgp.wire.Prefix wirePrefix(Prefix p) {
        return dev.podbgp.bgp.wire.Prefix.parse(p.toString());
    }

    /**
     * The source address the kernel chooses towards {@code neighbor} in our namespace: a UDP
     * socket's connect() does the route lookup and sends nothing.
     */
    private InetAddress sourceTowards(InetAddress neighbor) {
        CompletableFuture<InetAddress> chosen = new CompletableFuture<>();
        Runnable pick = () -> {
            try (DatagramSocket s = new DatagramSocket()) {
                s.connect(neighbor, dev.podbgp.bgp.session.PeerConfig.BGP_PORT);
                chosen.complete(s.getLocalAddress());
            } catch (IOException | RuntimeException e) {
                chosen.completeExceptionally(e);
            }
        };
        Thread t = netns == null ? new Thread(pick) : SetNs.threadsIn(netns, Thread::new).newThread(pick);
        t.setName("podbgp-route-lookup");
        t.setDaemon(true);
        t.start();
        try {
            return chosen.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new PeerException("podbgp " + config.name() + ": no route to neighbor "
                    + Addresses.format(neighbor) + (netns == null ? "" : " in " + netns) + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PeerException("route lookup towards " + Addresses.format(neighbor) + " hung", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted looking up the route to " + Addresses.format(neighbor), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (speaker != null) {
            speaker.close();
            speaker = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return speaker != null;
    }

    /** Refused: our speaker runs inside the test JVM, and SIGSTOP would stop the test with it. */
    @Override
    public void freeze() {
        throw new UnsupportedOperationException("podbgp runs inside the test JVM and cannot be frozen;"
                + " freeze the real peer on the other side instead");
    }

    @Override
    public void thaw() {
        throw new UnsupportedOperationException("podbgp runs inside the test JVM and is never frozen");
    }

    @Override
    public SessionState sessionState(InetAddress neighbor) {
        return SessionState.valueOf(status(neighbor).state().name());
    }

    @Override
    public List<ReceivedRoute> receivedRoutes(Family family) {
        List<ReceivedRoute> out = new ArrayList<>();
        for (Map.Entry<InetAddress, List<PodbgpSpeaker.Received>> e : speaker().receivedAll().entrySet()) {
            for (PodbgpSpeaker.Received r : e.getValue()) {
                boolean v6 = r.prefix().family().equals(AddressFamily.IPV6_UNICAST);
                if (v6 == (family == Family.IPV6_UNICAST)) {
                    out.add(toRoute(e.getKey(), r));
                }
            }
        }
        return out;
    }

    private static ReceivedRoute toRoute(InetAddress from, PodbgpSpeaker.Received r) {
        PathAttributes a = r.attributes();
        List<InetAddress> nextHops = new ArrayList<>();
        nextHops.add(r.nextHop());
        if (r.linkLocalNextHop() != null) {
            nextHops.add(r.linkLocalNextHop());
        }
        List<Long> asPath = new ArrayList<>();
        if (a.asPath() != null) {
            for (AsPathSegment seg : a.asPath().segments()) {
                for (int as : seg.asns()) {
                    asPath.add(Integer.toUnsignedLong(as));
                }
            }
        }
        List<Community> communities = new ArrayList<>();
        if (a.communities() != null) {
            for (int c : a.communities().toArray()) {
                communities.add(Community.ofWire(Integer.toUnsignedLong(c)));
            }
        }
        List<LargeCommunity> large = a.largeCommunities() == null ? List.of() : a.largeCommunities().stream()
                .map(l -> new LargeCommunity(Integer.toUnsignedLong(l.globalAdmin()),
                        Integer.toUnsignedLong(l.localData1()), Integer.toUnsignedLong(l.localData2())))
                .toList();
        return new ReceivedRoute(Prefix.parse(r.prefix().toString()), from, nextHops, asPath,
                a.origin() == null ? null : Origin.ofCode(a.origin().code()), communities, large,
                a.med() == null ? OptionalLong.empty() : OptionalLong.of(a.med()),
                a.localPref() == null ? OptionalLong.empty() : OptionalLong.of(a.localPref()), true);
    }

    @Override
    public synchronized void originate(Origination origination) {
        config = config.originating(origination);
        if (speaker != null) {
            speaker.originate(route(origination));
        }
    }

    @Override
    public synchronized void withdraw(Prefix prefix) {
        List<Origination> keep = config.originations().stream().filter(o -> !o.prefix().equals(prefix)).toList();
        config = new PeerConfig(config.name(), config.localAs(), config.routerId(), config.neighbors(), keep);
        if (speaker != null) {
            speaker.withdraw(wirePrefix(prefix));
        }
    }

    @Override
    public synchronized void setMd5(InetAddress neighbor, String password) {
        config = config.replacing(config.neighbor(neighbor).md5(password));
        if (speaker != null) {
            speaker.speaker().setPassword(neighbor, password);
        }
    }

    @Override
    public void shutdownNeighbor(InetAddress neighbor, String message) {
        speaker().speaker().peer(neighbor).shutdown(message);
    }

    @Override
    public void enableNeighbor(InetAddress neighbor) {
        speaker().speaker().peer(neighbor).start();
    }

    @Override
    public void requestRouteRefresh(InetAddress neighbor) {
        for (Family f : config().neighbor(neighbor).families()) {
            speaker().speaker().peer(neighbor).requestRefresh(
                    f == Family.IPV4_UNICAST ? AddressFamily.IPV4_UNICAST : AddressFamily.IPV6_UNICAST);
        }
    }

    /** Our speaker logs through SLF4J into the test output; this is its sessions' state and last errors. */
    @Override
    public synchronized String log() {
        if (speaker == null) {
            return "podbgp " + config.name() + " is not running";
        }
        StringBuilder b = new StringBuilder();
        for (PeerStatus s : speaker.speaker().status()) {
            b.append(s.peer()).append(' ').append(s.state()).append(" last error: ").append(s.lastError())
                    .append(" counters ").append(s.counters()).append('\n');
        }
        return b.toString();
    }

    @Override
    public void close() {
        stop();
    }
}
