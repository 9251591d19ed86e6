package dev.podbgp.interop;

import dev.podbgp.bgp.session.PeerStatus;
import dev.podbgp.bgp.session.SessionState;
import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.Ipv4;
import dev.podbgp.bgp.wire.MessageType;
import dev.podbgp.interop.netns.Link;
import dev.podbgp.interop.netns.Netns;
import dev.podbgp.interop.peer.BgpPeer;
import dev.podbgp.interop.peer.Family;
import dev.podbgp.interop.peer.Neighbor;
import dev.podbgp.interop.peer.Origination;
import dev.podbgp.interop.peer.PeerConfig;
import dev.podbgp.interop.peer.Peers;
import dev.podbgp.interop.podbgp.PodbgpPeer;
import dev.podbgp.interop.podbgp.PodbgpSpeaker;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * podbgp's own speaker against real FRR, BIRD and GoBGP, each in its own
 * network namespace joined by a veth. Our speaker runs in this JVM with its
 * event loop threads inside the namespace. Each case runs against each peer:
 * the four through {@link PeeringScenarios} (with {@link PodbgpPeer}),
 * the podbgp-only ones below on a {@link Lab}.
 *
 * <p>We are AS 65001 (iBGP: 65000), router id 10.255.0.1, and originate
 * 192.0.2.0/26 and 2001:db8:1::/48 (community 65001:100, large 65001:1:2,
 * MED 50); the peer is AS 65002 and originates 192.0.2.64/26 and
 * 2001:db8:2::/48 the same way.
 */
@Tag("interop")
class PodbgpInteropIT {
    private static final Logger log = LoggerFactory.getLogger(PodbgpInteropIT.class);
    static final Duration UP = Duration.ofSeconds(60);
    static final Duration POLL = Duration.ofMillis(200);
    static final int HOLD = 9;
    /** How FRR, BIRD and GoBGP log a received Cease / Maximum Number of Prefixes Reached. */
    static final java.util.regex.Pattern CEASE_1 = java.util.regex.Pattern.compile(
            "(?i)[^\\n]*maximum number of prefixes[^\\n]*");

    /**
     * Our speaker (side 0) and the real peer (side 1) of one case, each in a namespace of its
     * own: a {@link NetnsPlacement} started by {@link PeeringScenarios#start}, or set up by hand
     * by the cases that need another shape.
     */
    static final class Lab implements AutoCloseable {
        final NetnsPlacement placement;
        final Netns oursNs;
        final Netns theirsNs;
        final Link link;
        final boolean ibgp;
        final long ourAs;
        final long theirAs;
        PeeringScenarios.Pair pair;
        PodbgpSpeaker us;
        BgpPeer peer;

        Lab(Peers kind, boolean ibgp) {
            this.ibgp = ibgp;
            this.ourAs = PeeringScenarios.asOf(0, ibgp);
            this.theirAs = PeeringScenarios.asOf(1, ibgp);
            placement = new NetnsPlacement(PodbgpPeer.IN_NETNS, kind);
            oursNs = placement.netns(0);
            theirsNs = placement.netns(1);
            link = placement.link();
        }

        InetAddress ours(boolean v6) {
            return v6 ? link.a().ipv6() : link.a().ipv4();
        }

        InetAddress theirs(boolean v6) {
            return v6 ? link.b().ipv6() : link.b().ipv4();
        }

        /** Our side of the session over {@code v6 ? IPv6 : IPv4} transport, carrying that family. */
        dev.podbgp.bgp.session.PeerConfig.Builder ourPeer(boolean v6) {
            return dev.podbgp.bgp.session.PeerConfig.builder(theirs(v6))
                    .localAs(ourAs).peerAs(theirAs).routerId(Ipv4.parse("10.255.0.1")).holdTime(HOLD)
                    .families(Set.of(v6 ? AddressFamily.IPV6_UNICAST : AddressFamily.IPV4_UNICAST))
                    .connectRetry(Duration.ofMillis(500), Duration.ofSeconds(4));
        }

        /**
         * Starts our speaker (first, so the measured time includes its own start) and then the
         * peer, as {@link PeeringScenarios} configures them, with IPv4 and IPv6 sessions.
         */
        void start(UnaryOperator<dev.podbgp.bgp.session.PeerConfig.Builder> ourTweak,
                   java.util.function.BiFunction<Boolean, Neighbor, Neighbor> theirTweak) {
            pair = PeeringScenarios.start(placement, ibgp, true,
                    (side, n) -> side == 1 ? theirTweak.apply(n.isIpv6(), n) : n,
                    p -> {
                        if (p instanceof PodbgpPeer ours) {
                            ours.tweak(ourTweak);
                        }
                    });
            us = ((PodbgpPeer) pair.a()).speaker();
            peer = pair.b();
        }

        void awaitEstablishedAtPeer(boolean v6) {
            await(peer.kind() + "'s session to podbgp at " + ours(v6).getHostAddress() + " is Established")
                    .atMost(UP).pollInterval(POLL).ignoreExceptions()
                    .until(() -> peer.sessionState(ours(v6)) == dev.podbgp.interop.peer.SessionState.ESTABLISHED);
        }

        void awaitEstablished(boolean v6) {
            InetAddress them = theirs(v6);
            await("podbgp's session to " + peer.kind() + " at " + them.getHostAddress() + " is Established")
                    .atMost(UP).pollInterval(POLL)
                    .until(() -> us.status(them).state() == SessionState.ESTABLISHED);
            await(peer.kind() + "'s session to podbgp at " + ours(v6).getHostAddress() + " is Established")
                    .atMost(UP).pollInterval(POLL).ignoreExceptions()
                    .until(() -> peer.sessionState(ours(v6)) == dev.podbgp.interop.peer.SessionState.ESTABLISHED);
        }

        @Override
        public void close() {
            try {
                if (pair == null) {
                    // Set up by hand: the placement did not create these.
                    if (us != null) {
                        us.close();
                    }
                    if (peer != null) {
                        peer.close();
                    }
                }
            } finally {
                placement.close();
            }
        }
    }

    static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    static Lab lab(Peers kind, boolean ibgp) {
        Optional<String> why = kind.unavailableReason();
        assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElse(""));
        return new Lab(kind, ibgp);
    }

    /** Runs the steps; on failure logs both sides' state and the peer's log. */
    static void withLogs(Lab l, Runnable steps) {
        try {
            steps.run();
        } catch (AssertionError | RuntimeException e) {
            List<String> ours = new ArrayList<>();
            if (l.us != null) {
                for (PeerStatus s : l.us.speaker().status()) {
                    ours.add(s.peer() + " " + s.state() + " last error: " + s.lastError() + " counters " + s.counters());
                }
            }
            String theirLog = l.peer == null ? "" : l.peer.log();
            log.error("failed; podbgp sessions: {}\n{} log (tail):\n{}", ours, l.peer == null ? "-" : l.peer.kind(),
                    theirLog.length() <= 6000 ? theirLog : theirLog.substring(theirLog.length() - 6000));
            throw e;
        }
    }

    /** We hold the peer's routes with the attributes it sent. */
    static void assertWeHaveTheirRoutes(Lab l) {
        PeeringScenarios.assertReceived(l.pair, 1, false, l.ibgp);
        PeeringScenarios.assertReceived(l.pair, 1, true, l.ibgp);
    }

    /** Our speaker (side 0) and {@code kind} (side 1), each in a namespace of its own. */
    static NetnsPlacement placement(Peers kind) {
        Optional<String> why = kind.unavailableReason();
        assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElse(""));
        return new NetnsPlacement(PodbgpPeer.IN_NETNS, kind);
    }

    // The four cases are PeeringScenarios, shared with PodbgpFrrContainerIT (FRR in a container).

    @ParameterizedTest
    @EnumSource(Peers.class)
    void ebgpOverIpv4AndIpv6TransportEstablishesAndExchangesRoutes(Peers kind) {
        try (NetnsPlacement pl = placement(kind)) {
            PeeringScenarios.exchangeRoutes(pl, false);
        }
    }

    @ParameterizedTest
    @EnumSource(Peers.class)
    void ibgpOverIpv4AndIpv6TransportEstablishesAndExchangesRoutes(Peers kind) {
        try (NetnsPlacement pl = placement(kind)) {
            PeeringScenarios.exchangeRoutes(pl, true);
        }
    }

    @ParameterizedTest
    @EnumSource(Peers.class)
    void md5RightPasswordComesUpWrongOneDoesNotAndTheLogSaysWhy(Peers kind) {
        try (NetnsPlacement pl = placement(kind)) {
            PeeringScenarios.md5(pl);
        }
    }

    @ParameterizedTest
    @EnumSource(Peers.class)
    void afterThePeerRestartsOrFreezesWeRecoverByOurselves(Peers kind) {
        try (NetnsPlacement pl = placement(kind)) {
            PeeringScenarios.restartAndFreeze(pl, true);
        }
    }

    /**
     * Dynamic neighbours: we configure no peer, only the link's subnet as a
     * range with a template; the peer connects (it is the active side) and
     * gets a session with routes both ways.
     */
    @ParameterizedTest
    @EnumSource(Peers.class)
    void aPeerInADynamicRangeIsAcceptedWithTheTemplate(Peers kind) {
        try (Lab l = lab(kind, false)) {
            l.start(b -> b, (v6, n) -> n);
            withLogs(l, () -> l.awaitEstablished(false));
            // A second speaker of ours, in the same namespace as the first is not possible (port 179),
            // so the range goes on the running speaker for the IPv6 side: drop the static v6 peer first.
            InetAddress them = l.theirs(true);
            l.us.speaker().removePeer(them);
            l.us.speaker().addDynamicRange(dev.podbgp.bgp.session.DynamicRange.of("lab",
                    "fd00:200:" + l.link.index() + "::/64", l.ourPeer(true).address(l.ours(true)).passive(true).build(), 4));
            withLogs(l, () -> {
                await("podbgp accepts " + kind + " from the dynamic range").atMost(UP).pollInterval(POLL)
                        .until(() -> l.us.speaker().peer(them) != null
                                && l.us.status(them).state() == SessionState.ESTABLISHED);
                assertThat(l.us.status(them).peer().name()).isEqualTo("lab/" + them.getHostAddress());
                l.awaitEstablished(true);
                dev.podbgp.bgp.wire.Prefix prefix = dev.podbgp.bgp.wire.Prefix.parse("2001:db8:2::/48");
                await("podbgp receives " + prefix + " over the dynamic session").atMost(UP).pollInterval(POLL)
                        .until(() -> l.us.received(them, prefix) != null);
            });
        }
    }

    /**
     * Administrative shutdown with an RFC 9003 communication: the peer's session
     * goes down and stays down (we refuse it while shut down), its log carries
     * our message, and starting the session again brings it back.
     */
    @ParameterizedTest
    @EnumSource(Peers.class)
    void administrativeShutdownCarriesTheCommunicationAndStartBringsTheSessionBack(Peers kind) {
        try (Lab l = lab(kind, false)) {
            l.start(b -> b, (v6, n) -> n);
            withLogs(l, () -> {
                InetAddress them = l.theirs(false);
                l.awaitEstablished(false);
                String text = "podbgp maintenance " + kind.name().toLowerCase(java.util.Locale.ROOT);
                l.us.speaker().peer(them).shutdown(text);
                await(kind + " leaves Established").atMost(UP).pollInterval(POLL).ignoreExceptions()
                        .until(() -> l.peer.sessionState(l.ours(false)) != dev.podbgp.interop.peer.SessionState.ESTABLISHED);
                await(kind + " logs our shutdown communication").atMost(Duration.ofSeconds(20)).pollInterval(POLL)
                        .until(() -> l.peer.log().contains(text));
                assertThat(l.us.status(them).state()).isEqualTo(SessionState.IDLE);
                l.us.speaker().peer(them).start();
                l.awaitEstablished(false);
                assertThat(l.us.establishedCount(them)).isEqualTo(2);
            });
        }
    }

    /**
     * Maximum prefix limit: the peer announces two IPv4 prefixes where we
     * accept one. We send Cease / Maximum Number of Prefixes Reached with the
     * RFC 4486 data (which the peer's log names), and come back by ourselves
     * after the restart delay.
     */
    @ParameterizedTest
    @EnumSource(Peers.class)
    void exceedingTheMaximumPrefixLimitSendsCeaseAndRestartsAfterTheDelay(Peers kind) {
        try (Lab l = lab(kind, false)) {
            l.start(b -> b.build().address() instanceof Inet4Address
                    ? b.maxPrefix(new dev.podbgp.bgp.session.PeerConfig.MaxPrefix(1, Duration.ofSeconds(3))) : b,
                    (v6, n) -> n);
            withLogs(l, () -> {
                InetAddress them = l.theirs(false);
                l.peer.originate(Origination.of("198.51.100.0/24"));
                await("podbgp drops " + kind + " over its prefix limit").atMost(UP).pollInterval(POLL)
                        .until(() -> {
                            String e = l.us.status(them).lastError();
                            return e != null && e.contains("maximum prefix limit 1 exceeded for ipv4-unicast");
                        });
                assertThat(l.us.status(them).counters().sent(MessageType.NOTIFICATION)).isPositive();
                await(kind + " logs the Cease it got").atMost(Duration.ofSeconds(20)).pollInterval(POLL)
                        .until(() -> CEASE_1.matcher(l.peer.log()).find());
                java.util.regex.Matcher m = CEASE_1.matcher(l.peer.log());
                m.find();
                log.info("{} logged: {}", kind, m.group());
                if (kind != Peers.GOBGP) {
                    // FRR and BIRD print the data: AFI 1, SAFI 1, limit 1 (RFC 4486 §4). GoBGP does not.
                    assertThat(m.group().replace(" ", "")).contains("00010100000001");
                }
                await("podbgp comes back after the restart delay").atMost(UP).pollInterval(POLL)
                        .until(() -> l.us.establishedCount(them) >= 2);
            });
        }
    }

    /** ROUTE-REFRESH both ways: the peer asks and we send our routes again; we ask and it sends its routes again. */
    @ParameterizedTest
    @EnumSource(Peers.class)
    void routeRefreshWorksBothWays(Peers kind) {
        try (Lab l = lab(kind, false)) {
            l.start(b -> b, (v6, n) -> n);
            withLogs(l, () -> {
                InetAddress them = l.theirs(false);
                l.awaitEstablished(false);
                assertWeHaveTheirRoutes(l);
                assertThat(l.us.status(them).negotiated().routeRefresh()).isTrue();
                long updatesOut = l.us.status(them).counters().sent(MessageType.UPDATE);
                boolean peerCanAsk = true;
                try {
                    l.peer.requestRouteRefresh(l.ours(false));
                } catch (UnsupportedOperationException e) {
                    // GoBGP's CLI re-applies policy to its stored routes instead of asking: our direction only.
                    log.info("{} cannot send ROUTE-REFRESH on request: {}", kind, e.getMessage());
                    peerCanAsk = false;
                }
                if (peerCanAsk) {
                    await(kind + "'s ROUTE-REFRESH is answered").atMost(UP).pollInterval(POLL)
                            .until(() -> l.us.refreshRequests(them) >= 1
                                    && l.us.status(them).counters().sent(MessageType.UPDATE) > updatesOut);
                }
                long updatesIn = l.us.status(them).counters().received(MessageType.UPDATE);
                l.us.speaker().peer(them).requestRefresh(dev.podbgp.bgp.wire.AddressFamily.IPV4_UNICAST);
                await(kind + " answers our ROUTE-REFRESH").atMost(UP).pollInterval(POLL)
                        .until(() -> l.us.status(them).counters().received(MessageType.UPDATE) > updatesIn);
                assertThat(l.us.status(them).counters().sent(MessageType.ROUTE_REFRESH)).isEqualTo(1);
            });
        }
    }

    /**
     * The closing note's figure: our speaker as a fresh process (a new JVM
     * started inside the namespace) against a running FRR, from the moment the
     * process is spawned until it reports Established. Also with Netty's
     * native transport disabled: the NIO fallback holds a session too.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void timeFromProcessStartToEstablishedAgainstFrr(boolean nio,
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws IOException {
        try (Lab l = lab(Peers.FRR, false)) {
            PeerConfig c = PeerConfig.of("peer", l.theirAs, (Inet4Address) addr("10.255.0.2"))
                    .withNeighbor(Neighbor.of(l.ours(false), l.ourAs).families(Family.IPV4_UNICAST).holdTime(HOLD));
            l.peer = Peers.FRR.create(l.theirsNs, c);
            l.peer.start();
            Path out = dir.resolve("speaker.log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            long t0 = System.nanoTime();
            l.oursNs.spawn("podbgp-speaker", List.of(java, "-Dio.netty.transport.noNative=" + nio,
                    "-cp", System.getProperty("java.class.path"), dev.podbgp.interop.podbgp.SpeakerMain.class.getName(), Long.toString(l.ourAs), "10.255.0.1",
                    l.theirs(false).getHostAddress(), Long.toString(l.theirAs)), out);
            String line = await("our speaker process reports Established with FRR").atMost(UP).pollInterval(Duration.ofMillis(20))
                    .until(() -> Files.readAllLines(out).stream().filter(x -> x.startsWith("ESTABLISHED")).findFirst(),
                            Optional::isPresent).orElseThrow();
            long spawnToEstablished = (System.nanoTime() - t0) / 1_000_000;
            long jvmToEstablished = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
            String transport = nio ? "nio" : "epoll";
            assertThat(Files.readAllLines(out)).contains("TRANSPORT " + transport);
            log.info("process start to Established against FRR ({}): {} ms from spawn ({} ms from JVM start)",
                    transport, spawnToEstablished, jvmToEstablished);
            PeeringScenarios.record("process-start-to-established FRR " + transport + " spawn=" + spawnToEstablished + "ms jvm="
                    + jvmToEstablished + "ms");
            l.awaitEstablishedAtPeer(false);
            assertThat(jvmToEstablished).isPositive().isLessThanOrEqualTo(spawnToEstablished);
        }
    }

    /** An OPEN from an unexpected AS: we answer OPEN Message Error / Bad Peer AS, and the peer logs it. */
    @ParameterizedTest
    @EnumSource(Peers.class)
    void anUnexpectedPeerAsIsRejectedWithBadPeerAs(Peers kind) {
        try (Lab l = lab(kind, false)) {
            l.start(b -> b.build().address() instanceof Inet4Address ? b.peerAs(65099) : b, (v6, n) -> n);
            withLogs(l, () -> {
                InetAddress them = l.theirs(false);
                await("podbgp rejects " + kind + "'s OPEN").atMost(UP).pollInterval(POLL)
                        .until(() -> {
                            String e = l.us.status(them).lastError();
                            return e != null && e.contains("peer announces AS 65002 but is configured as AS 65099");
                        });
                if (kind != Peers.GOBGP) {
                    // GoBGP 3.10 logs a NOTIFICATION received in OpenConfirm only as "invalid-msg".
                    await(kind + " logs Bad Peer AS").atMost(Duration.ofSeconds(20)).pollInterval(POLL)
                            .until(() -> l.peer.log().toLowerCase(java.util.Locale.ROOT).contains("bad peer as"));
                }
                assertThat(l.us.status(them).state()).isNotEqualTo(SessionState.ESTABLISHED);
                l.awaitEstablished(true);
            });
        }
    }

    /**
     * Source address: the peer knows us only by a second address of ours and
     * never connects itself, so the session comes up only if our connection
     * leaves from that address.
     */
    @ParameterizedTest
    @EnumSource(Peers.class)
    void ourConnectionLeavesFromTheConfiguredSourceAddress(Peers kind) {
        try (Lab l = lab(kind, false)) {
            String second = "10.200." + l.link.index() + ".11";
            l.oursNs.addAddress(l.link.a().iface(), second + "/24");
            InetAddress src = addr(second);
            l.us = PodbgpSpeaker.start(l.oursNs.name(), l.ourAs, (Inet4Address) src, l.link.a().ipv6());
            l.us.addPeer(l.ourPeer(false).sourceAddress(src).build());
            PeerConfig c = PeerConfig.of("peer", l.theirAs, (Inet4Address) addr("10.255.0.2"))
                    .withNeighbor(Neighbor.of(src, l.ourAs).families(Family.IPV4_UNICAST).holdTime(HOLD).passive(true))
                    .originating(Origination.of("192.0.2.64/26"));
            l.peer = kind.create(l.theirsNs, c);
            l.peer.start();
            withLogs(l, () -> {
                InetAddress them = l.theirs(false);
                await("podbgp's session from " + second + " is Established").atMost(UP).pollInterval(POLL)
                        .until(() -> l.us.status(them).state() == SessionState.ESTABLISHED);
                await(kind + " sees podbgp at " + second).atMost(UP).pollInterval(POLL).ignoreExceptions()
                        .until(() -> l.peer.sessionState(src) == dev.podbgp.interop.peer.SessionState.ESTABLISHED);
            });
        }
    }
}
