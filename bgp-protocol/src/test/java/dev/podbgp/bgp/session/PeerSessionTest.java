package dev.podbgp.bgp.session;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.CodecOptions;
import dev.podbgp.bgp.wire.AsPath;
import dev.podbgp.bgp.wire.Capability;
import dev.podbgp.bgp.wire.Ipv4;
import dev.podbgp.bgp.wire.KeepaliveMessage;
import dev.podbgp.bgp.wire.MessageType;
import dev.podbgp.bgp.wire.NotificationMessage;
import dev.podbgp.bgp.wire.OpenMessage;
import dev.podbgp.bgp.wire.Origin;
import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.bgp.wire.UpdateMessage;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PeerSessionTest {
    static final InetAddress PEER = addr("192.0.2.2");
    static final int OUR_ID = Ipv4.parse("10.0.0.1");
    static final int PEER_ID = Ipv4.parse("10.0.0.2");

    final ManualScheduler clock = new ManualScheduler();
    final FakeTransport transport = new FakeTransport();
    final RecordingSink sink = new RecordingSink();

    static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    static PeerConfig.Builder config() {
        return PeerConfig.builder(PEER).localAs(65001).peerAs(65002).routerId(OUR_ID).holdTime(90);
    }

    static OpenMessage peerOpen(int hold, int id) {
        return OpenMessage.of(65002, hold, id, List.of(
                new Capability.Multiprotocol(AddressFamily.IPV4_UNICAST),
                new Capability.Multiprotocol(AddressFamily.IPV6_UNICAST),
                new Capability.RouteRefresh(),
                new Capability.FourOctetAs(65002)));
    }

    PeerSession session(PeerConfig c) {
        return new PeerSession(c, transport, clock, sink, new Random(7));
    }

    /** Brings an active session to Established over an outgoing connection. */
    FakeConnection establish(PeerSession s, int peerHold) {
        s.start();
        FakeConnection c = transport.last().succeed();
        c.receive(peerOpen(peerHold, PEER_ID));
        c.receive(KeepaliveMessage.INSTANCE);
        assertThat(s.status().state()).isEqualTo(SessionState.ESTABLISHED);
        return c;
    }

    static UpdateMessage announce(String... prefixes) {
        PathAttributes a = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(65002))
                .nextHop(Ipv4.toInet(Ipv4.parse("192.0.2.2"))).build();
        return UpdateMessage.announce(a, java.util.Arrays.stream(prefixes).map(Prefix::parse).toList());
    }

    @Test
    void activePeerWalksThroughTheStatesToEstablished() {
        PeerSession s = session(config().build());
        assertThat(s.status().state()).isEqualTo(SessionState.IDLE);
        s.start();
        assertThat(s.status().state()).isEqualTo(SessionState.CONNECT);
        FakeConnection c = transport.last().succeed();
        assertThat(s.status().state()).isEqualTo(SessionState.OPEN_SENT);
        OpenMessage ours = (OpenMessage) c.sent.get(0);
        assertThat(ours.holdTime()).isEqualTo(90);
        assertThat(ours.asNumber()).isEqualTo(65001);

        c.receive(peerOpen(30, PEER_ID));
        assertThat(s.status().state()).isEqualTo(SessionState.OPEN_CONFIRM);
        assertThat(c.last()).isEqualTo(KeepaliveMessage.INSTANCE);

        c.receive(KeepaliveMessage.INSTANCE);
        PeerStatus st = s.status();
        assertThat(st.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(st.negotiated().holdTime()).isEqualTo(30);
        assertThat(st.negotiated().keepaliveTime()).isEqualTo(10);
        assertThat(st.negotiated().families()).containsExactlyInAnyOrder(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST);
        assertThat(st.counters().received(MessageType.KEEPALIVE)).isEqualTo(1);
        assertThat(st.counters().sent(MessageType.OPEN)).isEqualTo(1);
        assertThat(sink.of(PeerEvent.Established.class)).hasSize(1);
    }

    @Test
    void keepalivesGoOutEveryThirdOfTheNegotiatedHoldTime() {
        PeerSession s = session(config().build());
        FakeConnection c = establish(s, 30);
        int before = c.sent(KeepaliveMessage.class).size();
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofSeconds(5));
            c.receive(KeepaliveMessage.INSTANCE); // the peer keeps the hold timer alive
        }
        assertThat(c.sent(KeepaliveMessage.class).size() - before).isEqualTo(3);
    }

    @Test
    void anyReceivedMessageRestartsTheHoldTimer() {
        PeerSession s = session(config().build());
        FakeConnection c = establish(s, 30);
        clock.advance(Duration.ofSeconds(29));
        c.receive(announce("10.1.0.0/24"));
        clock.advance(Duration.ofSeconds(29));
        assertThat(s.status().state()).isEqualTo(SessionState.ESTABLISHED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(s.status().state()).isEqualTo(SessionState.IDLE);
        assertThat(c.closed).isTrue();
        assertThat(c.last()).isEqualTo(new NotificationMessage(NotificationMessage.HOLD_TIMER_EXPIRED, 0));
        assertThat(s.status().lastError()).contains("hold timer expired");
        assertThat(sink.events.get(sink.events.size() - 1)).isInstanceOf(PeerEvent.Down.class);
    }

    @Test
    void messagesDoNotRescheduleTheHoldTimerYetItExpiresTheHoldTimeAfterTheLastOne() {
        PeerSession s = session(config().build());
        FakeConnection c = establish(s, 30);
        long scheduled = clock.scheduled();
        // 1,000 messages over 5 s: under the 10 s keepalive interval, so no timer is due meanwhile.
        for (int i = 0; i < 1000; i++) {
            clock.advance(Duration.ofMillis(5));
            c.receive(i % 2 == 0 ? announce("10.1.0.0/24") : KeepaliveMessage.INSTANCE);
        }
        assertThat(clock.scheduled()).as("timers scheduled while 1,000 messages came").isEqualTo(scheduled);

        // The timer set at Established runs 25 s after the last message and waits out the rest.
        clock.advance(Duration.ofSeconds(30).minusNanos(1));
        assertThat(s.status().state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(c.closed).isFalse();
        clock.advance(Duration.ofNanos(1));
        assertThat(c.closed).isTrue();
        assertThat(c.last()).isEqualTo(new NotificationMessage(NotificationMessage.HOLD_TIMER_EXPIRED, 0));
        assertThat(s.status().lastError()).contains("hold timer expired: nothing received for 30 s");
    }

    @Test
    void afterAFailureTheSessionStartsAgainByItself() {
        PeerSession s = session(config().build());
        FakeConnection c = establish(s, 30);
        c.listener.onClosed("connection reset by peer");
        assertThat(s.status().state()).isEqualTo(SessionState.IDLE);
        int attempts = transport.attempts.size();
        clock.advance(Duration.ofSeconds(1));
        assertThat(transport.attempts).hasSize(attempts + 1);
        assertThat(s.status().state()).isEqualTo(SessionState.CONNECT);
        transport.last().fail("connection refused");
        assertThat(s.status().state()).isEqualTo(SessionState.ACTIVE);
        clock.advance(Duration.ofSeconds(2));
        assertThat(transport.attempts).hasSize(attempts + 2);
        FakeConnection again = transport.last().succeed();
        again.receive(peerOpen(30, PEER_ID));
        again.receive(KeepaliveMessage.INSTANCE);
        assertThat(s.status().state()).isEqualTo(SessionState.ESTABLISHED);
    }

    @Test
    void connectRetryBacksOffExponentiallyWithJitterUpToTheCap() {
        PeerSession s = session(config().connectRetry(Duration.ofSeconds(1), Duration.ofSeconds(8)).build());
        s.start();
        long[] expectedMax = {1000, 2000, 4000, 8000, 8000, 8000};
        for (long max : expectedMax) {
            transport.last().fail("connection refused");
            Duration d = clock.nextDue();
            assertThat(d.toMillis()).isBetween(max * 3 / 4, max);
            clock.advance(d);
            assertThat(s.status().state()).isEqualTo(SessionState.CONNECT);
        }
    }

    @Test
    void holdTimeZeroDisablesHoldAndKeepaliveTimers() {
        PeerSession s = session(config().build());
        FakeConnection c = establish(s, 0);
        int sent = c.sent.size();
        clock.advance(Duration.ofHours(2));
        assertThat(s.status().state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(c.sent).hasSize(sent);
        assertThat(s.status().negotiated().holdTime()).isZero();
    }

    @Test
    void holdTimeOfTwoIsRejectedWithUnacceptableHoldTime() {
        PeerSession s = session(config().build());
        s.start();
        FakeConnection c = transport.last().succeed();
        c.receive(peerOpen(2, PEER_ID));
        assertThat(c.last()).isEqualTo(new NotificationMessage(NotificationMessage.OPEN_MESSAGE_ERROR,
                NotificationMessage.UNACCEPTABLE_HOLD_TIME));
        assertThat(c.closed).isTrue();
        assertThat(s.status().state()).isEqualTo(SessionState.IDLE);
        assertThat(s.status().lastError()).contains("hold time 2");
    }

    @Test
    void unexpectedMessageInOpenSentIsAnFsmError() {
        PeerSession s = session(config().build());
        s.start();
        FakeConnection c = transport.last().succeed();
        c.receive(KeepaliveMessage.INSTANCE);
        assertThat(c.last()).isEqualTo(new NotificationMessage(NotificationMessage.FSM_ERROR, 1));
    }

    @Test
    void passivePeerNeverConnectsAndAcceptsTheIncomingConnection() {
        PeerSession s = session(config().passive(true).build());
        s.start();
        assertThat(s.status().state()).isEqualTo(SessionState.ACTIVE);
        clock.advance(Duration.ofMinutes(5));
        assertThat(transport.attempts).isEmpty();
        FakeConnection in = new FakeConnection(false, PEER);
        s.incoming(in);
        assertThat(in.sent.get(0)).isInstanceOf(OpenMessage.class);
        in.receive(peerOpen(90, PEER_ID));
        in.receive(KeepaliveMessage.INSTANCE);
        assertThat(s.status().state()).isEqualTo(SessionState.ESTABLISHED);
    }

    @Test
    void administrativelyDownSessionRefusesConnections() {
        PeerSession s = session(config().passive(true).build());
        FakeConnection in = new FakeConnection(false, PEER);
        s.incoming(in);
        assertThat(in.closed).isTrue();
        assertThat(in.last()).isEqualTo(new NotificationMessage(NotificationMessage.CEASE,
                NotificationMessage.CONNECTION_REJECTED));
    }

    /** Both sides connect at once; both connections reach OpenConfirm. */
    private FakeConnection[] collide(PeerSession s, int peerId) {
        s.start();
        FakeConnection out = transport.last().succeed();
        FakeConnection in = new FakeConnection(false, PEER);
        s.incoming(in);
        assertThat(out.closed).isFalse();
        out.receive(peerOpen(90, peerId));
        in.receive(peerOpen(90, peerId));
        return new FakeConnection[] {out, in};
    }

    @Test
    void collisionKeepsTheIncomingConnectionWhenThePeerHasTheHigherIdentifier() {
        PeerSession s = session(config().build());
        FakeConnection[] c = collide(s, PEER_ID);
        NotificationMessage cease7 = new NotificationMessage(NotificationMessage.CEASE,
                NotificationMessage.CONNECTION_COLLISION_RESOLUTION);
        assertThat(c[0].closed).isTrue();
        assertThat(c[0].last()).isEqualTo(cease7);
        assertThat(c[1].closed).isFalse();
        c[1].receive(KeepaliveMessage.INSTANCE);
        assertThat(s.status().state()).isEqualTo(SessionState.ESTABLISHED);
    }

    @Test
    void collisionKeepsOurConnectionWhenWeHaveTheHigherIdentifier() {
        PeerSession s = session(config().build());
        // 9.0.0.1 < 10.0.0.1; and 200.0.0.1 would be higher than ours as unsigned.
        FakeConnection[] c = collide(s, Ipv4.parse("9.0.0.1"));
        assertThat(c[1].closed).isTrue();
        assertThat(c[0].closed).isFalse();
    }

    @Test
    void identifiersCompareUnsigned() {
        PeerSession s = session(config().build());
        FakeConnection[] c = collide(s, Ipv4.parse("200.0.0.1"));
        assertThat(c[0].closed).isTrue();
        assertThat(c[1].closed).isFalse();
    }

    @Test
    void aConnectionWhileEstablishedIsRefused() {
        PeerSession s = session(config().build());
        FakeConnection c = establish(s, 90);
        FakeConnection in = new FakeConnection(false, PEER);
        s.incoming(in);
        assertThat(in.closed).isTrue();
        assertThat(in.last()).isEqualTo(new NotificationMessage(NotificationMessage.CEASE,
                NotificationMessage.CONNECTION_COLLISION_RESOLUTION));
        assertThat(c.closed).isFalse();
    }

    @Test
    void aGracefulRestartPeerThatReconnectsReplacesTheSessionOnlyWhenItsOpenArrives() {
        PeerSession s = session(config().build());
        s.start();
        FakeConnection c = transport.last().succeed();
        OpenMessage grOpen = OpenMessage.of(65002, 90, PEER_ID, List.of(
                new Capability.Multiprotocol(AddressFamily.IPV4_UNICAST), new Capability.FourOctetAs(65002),
                new Capability.GracefulRestart(false, true, 120,
                        List.of(new Capability.GracefulRestart.Entry(AddressFamily.IPV4_UNICAST, true)))));
        c.receive(grOpen);
        c.receive(KeepaliveMessage.INSTANCE);
        FakeConnection in = new FakeConnection(false, PEER);
        s.incoming(in);
        assertThat(in.closed).isFalse();
        assertThat(c.closed).isFalse();
        assertThat(s.status().state()).isEqualTo(SessionState.ESTABLISHED);
        in.receive(grOpen);
        assertThat(c.closed).isTrue();
        PeerEvent.Down down = sink.of(PeerEvent.Down.class).get(0);
        assertThat(down.gracefulRestart()).isTrue();
        in.receive(KeepaliveMessage.INSTANCE);
        assertThat(s.status().state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(sink.of(PeerEvent.Established.class)).hasSize(2);
    }

    @Test
    void routesOfAGracefulRestartPeerAreKeptStaleOnlyWhenTheConnectionJustBroke() {
        OpenMessage grOpen = OpenMessage.of(65002, 90, PEER_ID, List.of(
                new Capability.Multiprotocol(AddressFamily.IPV4_UNICAST), new Capability.FourOctetAs(65002),
                new Capability.GracefulRestart(false, false, 120, List.of())));
        PeerSession s = session(config().build());
        s.start();
        FakeConnection c = transport.last().succeed();
        c.receive(grOpen);
        c.receive(KeepaliveMessage.INSTANCE);
        c.listener.onClosed("connection reset by peer");
        clock.advance(Duration.ofSeconds(1));
        FakeConnection again = transport.last().succeed();
        again.receive(grOpen);
        again.receive(KeepaliveMessage.INSTANCE);
        again.receive(new NotificationMessage(NotificationMessage.CEASE, NotificationMessage.ADMINISTRATIVE_RESET));
        assertThat(sink.of(PeerEvent.Down.class)).extracting(PeerEvent.Down::gracefulRestart).containsExactly(true, false);
    }

    @Test
    void updatesOfOneReadCycleReachTheConsumerAsOneBatchAndEndOfRibIsSignalled() {
        PeerSession s = session(config().build());
        FakeConnection c = establish(s, 90);
        c.receive(announce("10.1.0.0/24"));
        c.receive(announce("10.2.0.0/24", "10.3.0.0/24"));
        assertThat(sink.of(PeerEvent.Routes.class)).isEmpty();
        c.listener.onReadComplete();
        List<PeerEvent.Routes> batches = sink.of(PeerEvent.Routes.class);
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).updates()).hasSize(2);
        assertThat(batches.get(0).negotiated()).isEqualTo(s.status().negotiated());
        c.receive(UpdateMessage.endOfRib(AddressFamily.IPV4_UNICAST));
        assertThat(sink.of(PeerEvent.EndOfRib.class)).containsExactly(
                new PeerEvent.EndOfRib(s.id(), AddressFamily.IPV4_UNICAST));
        assertThat(s.status().prefixesReceived()).as("no limit configured: the session keeps no count").isEqualTo(-1);
    }

    @Test
    void aReadCycleFullOfPrefixesIsHandedOverInBatchesOfAboutAThousandPrefixes() {
        PeerSession s = session(config().build());
        FakeConnection c = establish(s, 90);
        // 30 UPDATEs of 100 prefixes in one read cycle: a batch goes as soon as it reaches 1,024 prefixes.
        for (int u = 0; u < 30; u++) {
            String[] prefixes = new String[100];
            for (int i = 0; i < 100; i++) {
                prefixes[i] = "10." + u + "." + i + ".0/24";
            }
            c.receive(announce(prefixes));
        }
        List<PeerEvent.Routes> early = sink.of(PeerEvent.Routes.class);
        assertThat(early).extracting(b -> b.updates().size()).containsExactly(11, 11);
        c.listener.onReadComplete();
        List<PeerEvent.Routes> batches = sink.of(PeerEvent.Routes.class);
        assertThat(batches).extracting(b -> b.updates().size()).containsExactly(11, 11, 8);
        assertThat(batches).flatExtracting(PeerEvent.Routes::updates).hasSize(30);
    }

    @Test
    void aSlowConsumerStopsReadingWithoutTheHoldTimerKillingTheSession() {
        PeerSession s = session(config().build());
        FakeConnection c = establish(s, 30);
        sink.full = true;
        c.receive(announce("10.1.0.0/24"));
        c.listener.onReadComplete();
        assertThat(c.reading).isFalse();
        assertThat(s.status().readingPaused()).isTrue();
        clock.advance(Duration.ofSeconds(100));
        assertThat(s.status().state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(c.sent(KeepaliveMessage.class).size()).isGreaterThanOrEqualTo(10);
        sink.drain();
        assertThat(c.reading).isTrue();
        clock.advance(Duration.ofSeconds(29));
        assertThat(s.status().state()).isEqualTo(SessionState.ESTABLISHED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(c.last()).isEqualTo(new NotificationMessage(NotificationMessage.HOLD_TIMER_EXPIRED, 0));
    }

    @Test
    void exceedingThePrefixLimitSendsCeaseWithTheRfc4486DataAndRestartsAfterTheDelay() {
        PeerSession s = session(config().maxPrefix(new PeerConfig.MaxPrefix(2, Duration.ofMinutes(5))).build());
        FakeConnection c = establish(s, 90);
        c.receive(announce("10.1.0.0/24", "10.2.0.0/24"));
        c.receive(announce("10.1.0.0/24")); // the same prefix again does not count twice
        assertThat(c.closed).isFalse();
        assertThat(s.status().prefixesReceived()).isEqualTo(2);
        c.receive(announce("10.3.0.0/24"));
        assertThat(c.closed).isTrue();
        assertThat(c.last()).isEqualTo(new NotificationMessage(NotificationMessage.CEASE,
                NotificationMessage.MAXIMUM_PREFIXES_REACHED, new byte[] {0, 1, 1, 0, 0, 0, 2}));
        assertThat(s.status().state()).isEqualTo(SessionState.IDLE);
        FakeConnection early = new FakeConnection(false, PEER);
        s.incoming(early);
        assertThat(early.closed).as("the peer cannot come back before the penalty ends").isTrue();
        int attempts = transport.attempts.size();
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(transport.attempts).hasSize(attempts);
        clock.advance(Duration.ofSeconds(1));
        assertThat(transport.attempts).hasSize(attempts + 1);
    }

    @Test
    void exceedingThePrefixLimitWithoutRestartStaysDownUntilReset() {
        PeerSession s = session(config().maxPrefix(new PeerConfig.MaxPrefix(1, null)).build());
        FakeConnection c = establish(s, 90);
        c.receive(announce("10.1.0.0/24", "10.2.0.0/24"));
        assertThat(c.closed).isTrue();
        int attempts = transport.attempts.size();
        clock.advance(Duration.ofHours(1));
        assertThat(transport.attempts).hasSize(attempts);
        assertThat(s.status().state()).isEqualTo(SessionState.IDLE);
        s.reset("prefix limit raised");
        clock.advance(Duration.ofSeconds(1));
        assertThat(transport.attempts).hasSize(attempts + 1);
    }

    @Test
    void administrativeShutdownSendsTheCommunicationAndStaysDown() {
        PeerSession s = session(config().build());
        FakeConnection c = establish(s, 90);
        s.shutdown("maintenance until 14:00");
        assertThat(c.last()).isEqualTo(NotificationMessage.shutdown(NotificationMessage.ADMINISTRATIVE_SHUTDOWN,
                "maintenance until 14:00"));
        assertThat(((NotificationMessage) c.last()).shutdownCommunication()).isEqualTo("maintenance until 14:00");
        int attempts = transport.attempts.size();
        clock.advance(Duration.ofHours(1));
        assertThat(transport.attempts).hasSize(attempts);
        assertThat(s.status().state()).isEqualTo(SessionState.IDLE);
        PeerEvent.Down down = sink.of(PeerEvent.Down.class).get(0);
        assertThat(down.reason()).contains("maintenance until 14:00");
    }

    @Test
    void administrativeResetSendsCeaseFourAndComesBack() {
        PeerSession s = session(config().build());
        FakeConnection c = establish(s, 90);
        s.reset("new policy");
        assertThat(((NotificationMessage) c.last()).subcode()).isEqualTo(NotificationMessage.ADMINISTRATIVE_RESET);
        int attempts = transport.attempts.size();
        clock.advance(Duration.ofSeconds(1));
        assertThat(transport.attempts).hasSize(attempts + 1);
    }

    @Test
    void sendHoldTimerDropsAPeerThatStopsReading() {
        PeerSession s = session(config().sendHoldTime(Duration.ofSeconds(20)).holdTime(0).build());
        FakeConnection c = establish(s, 90);
        // Hold time 0 (ours) disables the send hold timer too: nothing can time out.
        c.listener.onWritabilityChanged(false);
        clock.advance(Duration.ofMinutes(30));
        assertThat(s.status().state()).isEqualTo(SessionState.ESTABLISHED);

        PeerSession s2 = session(config().sendHoldTime(Duration.ofSeconds(20)).build());
        FakeConnection c2 = establish(s2, 90);
        c2.listener.onWritabilityChanged(false);
        clock.advance(Duration.ofSeconds(10));
        c2.listener.onWritabilityChanged(true);
        c2.listener.onWritabilityChanged(false);
        clock.advance(Duration.ofSeconds(19));
        assertThat(s2.status().state()).isEqualTo(SessionState.ESTABLISHED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(c2.last()).isEqualTo(new NotificationMessage(NotificationMessage.SEND_HOLD_TIMER_EXPIRED, 0));
        assertThat(s2.status().lastError()).contains("send hold timer expired");
    }

    @Test
    void peerNotificationIsRecordedAsTheLastError() {
        PeerSession s = session(config().build());
        FakeConnection c = establish(s, 90);
        c.receive(NotificationMessage.shutdown(NotificationMessage.ADMINISTRATIVE_SHUTDOWN, "bye"));
        assertThat(s.status().state()).isEqualTo(SessionState.IDLE);
        assertThat(s.status().lastError()).contains("Administrative Shutdown").contains("bye");
        assertThat(s.status().counters().received(MessageType.NOTIFICATION)).isEqualTo(1);
    }

    @Test
    void routesSentWhileEstablishedAreCounted() {
        PeerSession s = session(config().build());
        FakeConnection c = establish(s, 90);
        s.send(List.of(announce("10.9.0.0/24"), UpdateMessage.endOfRib(AddressFamily.IPV4_UNICAST)));
        assertThat(c.sent(UpdateMessage.class)).hasSize(2);
        assertThat(s.status().counters().sent(MessageType.UPDATE)).isEqualTo(2);
    }

    @Test
    void updatesMadeOnTheSessionThreadGetItsOptionsAndAreDroppedWhenNotEstablished() {
        PeerSession s = session(config().build());
        List<CodecOptions> seen = new java.util.ArrayList<>();
        s.send(o -> {
            seen.add(o);
            return List.of(announce("10.9.1.0/24"));
        });
        assertThat(seen).as("not Established: nothing made").isEmpty();
        FakeConnection c = establish(s, 90);
        s.send(o -> {
            seen.add(o);
            return List.of(announce("10.9.0.0/24"), UpdateMessage.endOfRib(AddressFamily.IPV4_UNICAST));
        });
        assertThat(seen).containsExactly(s.codecOptions());
        assertThat(c.sent(UpdateMessage.class)).hasSize(2);
        assertThat(s.status().counters().sent(MessageType.UPDATE)).isEqualTo(2);
    }
}
