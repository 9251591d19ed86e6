package dev.podbgp.rib;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.bgp.wire.UpdateMessage;
import dev.podbgp.rib.decision.NextHopResolver;
import dev.podbgp.rib.out.UpdateSink;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.podbgp.rib.Harness.attrs;
import static org.assertj.core.api.Assertions.assertThat;

/** The RIB thread and the bounded handoff sessions use. */
class RibRunnerTest {

    @Test
    void closeEndsTheThreadAtOnceThoughTimersAreStillWaiting() throws Exception {
        // A configured peer that never sends End-of-RIB leaves the selection-deferral timer (an hour here) waiting.
        RibRunner runner = new RibRunner(RibConfig.of(65000, 1).withRestarting(false, 3_600_000),
                NextHopResolver.DIRECT, FibListener.NONE, UpdateSink.NONE, 16);
        runner.call(rib -> {
            rib.configurePeer(new PeerId("192.0.2.11"), PeerConfig.DEFAULT);
            return null;
        }).get(10, TimeUnit.SECONDS);
        runner.close();
        assertThat(runner.awaitTermination(10, TimeUnit.SECONDS)).as("RIB thread ended after close").isTrue();
    }

    @Test
    void fullQueueSaysStopReadingAndCallsBackWhenThereIsRoomAgain() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger fibChanges = new AtomicInteger();
        try (RibRunner runner = new RibRunner(RibConfig.of(65000, 1).withUpdateDelayMillis(0), NextHopResolver.DIRECT,
                changes -> fibChanges.addAndGet(changes.size()), UpdateSink.NONE, 4)) {
            PeerId peer = new PeerId("192.0.2.11");
            runner.peerUp(peer, Harness.info("192.0.2.11", 65000, "1.1.1.1"));
            // Hold the RIB thread so the queue fills deterministically.
            runner.call(rib -> {
                awaitQuietly(gate);
                return null;
            });
            CountDownLatch room = new CountDownLatch(1);
            boolean keepReading = true;
            int offered = 0;
            while (keepReading) {
                UpdateMessage m = UpdateMessage.announce(attrs("192.0.2.11").build(),
                        List.of(Prefix.parse("10.244." + offered + ".0/24")));
                keepReading = runner.submitUpdates(peer, List.of(m), room::countDown);
                offered++;
                assertThat(offered).as("the queue never reported full").isLessThanOrEqualTo(4);
            }
            assertThat(offered).isEqualTo(4);
            assertThat(room.getCount()).isEqualTo(1);
            gate.countDown();
            assertThat(room.await(10, TimeUnit.SECONDS)).as("room callback after draining").isTrue();
            Integer routes = runner.call(rib -> rib.locRib(AddressFamily.IPV4_UNICAST).size()).get(10, TimeUnit.SECONDS);
            assertThat(routes).isEqualTo(4);
            assertThat(fibChanges.get()).isEqualTo(4);
        }
    }

    @Test
    void theBoundCountsPrefixesSoOnePackedUpdateCanFillIt() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (RibRunner runner = quietRunner(100)) {
            PeerId peer = new PeerId("192.0.2.11");
            runner.peerUp(peer, Harness.info("192.0.2.11", 65000, "1.1.1.1"));
            runner.call(rib -> {
                awaitQuietly(gate);
                return null;
            });
            List<Prefix> packed = new java.util.ArrayList<>();
            for (int i = 0; i < 150; i++) {
                packed.add(Prefix.parse("10.245." + i + ".0/24"));
            }
            UpdateMessage one = UpdateMessage.announce(attrs("192.0.2.11").build(), packed);
            UpdateMessage endOfRib = UpdateMessage.endOfRib(AddressFamily.IPV4_UNICAST);
            assertThat(RibRunner.weight(List.of(one, endOfRib))).isEqualTo(151);
            assertThat(RibRunner.weight(List.of())).isEqualTo(1);
            CountDownLatch room = new CountDownLatch(1);
            assertThat(runner.submitUpdates(peer, List.of(one), room::countDown))
                    .as("one UPDATE of 150 prefixes is over a bound of 100").isFalse();
            assertThat(runner.queued()).isEqualTo(150);
            gate.countDown();
            assertThat(room.await(10, TimeUnit.SECONDS)).as("room callback after draining").isTrue();
            Integer routes = runner.call(rib -> rib.locRib(AddressFamily.IPV4_UNICAST).size()).get(10, TimeUnit.SECONDS);
            assertThat(routes).isEqualTo(150);
        }
    }

    @Test
    void coalescingWindowRunsOnTheRibThreadWithRealTime() throws Exception {
        CountDownLatch sent = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<String> thread = new java.util.concurrent.atomic.AtomicReference<>();
        UpdateSink sink = new UpdateSink() {
            @Override
            public void send(PeerId peer, dev.podbgp.rib.out.PeerUpdate update) {
                if (update.announcedCount() > 0) {
                    thread.set(Thread.currentThread().getName());
                    sent.countDown();
                }
            }

            @Override
            public void requestRouteRefresh(PeerId peer, AddressFamily family) {
            }
        };
        try (RibRunner runner = new RibRunner(RibConfig.of(65000, 1).withUpdateDelayMillis(20), NextHopResolver.DIRECT,
                FibListener.NONE, sink, 100)) {
            runner.peerUp(new PeerId("192.0.2.254"), Harness.info("192.0.2.254", 65010, "9.9.9.9"));
            runner.call(rib -> {
                rib.originate(Prefix.parse("10.244.1.0/24"));
                return null;
            });
            assertThat(sent.await(10, TimeUnit.SECONDS)).as("UPDATE after the coalescing window").isTrue();
            assertThat(thread.get()).isEqualTo("podbgp-rib");
        }
    }

    @Test
    void theCoalescingWindowHoldsUpdatesOnlyWhileInputKeepsComing() throws Exception {
        List<dev.podbgp.rib.out.PeerUpdate> toMonitor = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch sent = new CountDownLatch(1);
        UpdateSink sink = new UpdateSink() {
            @Override
            public void send(PeerId peer, dev.podbgp.rib.out.PeerUpdate update) {
                if (peer.name().equals("192.0.2.254") && update.announcedCount() > 0) {
                    toMonitor.add(update);
                    sent.countDown();
                }
            }

            @Override
            public void requestRouteRefresh(PeerId peer, AddressFamily family) {
            }
        };
        CountDownLatch gate = new CountDownLatch(1);
        // A ten-minute window: whatever arrives within the test's time came from the idle flush.
        try (RibRunner runner = new RibRunner(RibConfig.of(65000, 1).withUpdateDelayMillis(600_000),
                NextHopResolver.DIRECT, FibListener.NONE, sink, 1_000)) {
            runner.peerUp(new PeerId("192.0.2.254"), Harness.info("192.0.2.254", 65010, "9.9.9.9"));
            runner.call(rib -> {
                awaitQuietly(gate);
                return null;
            });
            // Three changes queued behind the gate: handled back to back, they go out together, once.
            for (int i = 0; i < 3; i++) {
                Prefix p = Prefix.parse("10.246." + i + ".0/24");
                runner.call(rib -> {
                    rib.originate(p);
                    return null;
                });
            }
            gate.countDown();
            assertThat(sent.await(10, TimeUnit.SECONDS)).as("sent when the input stopped, not after the window").isTrue();
            runner.call(rib -> null).get(10, TimeUnit.SECONDS);
            assertThat(toMonitor).hasSize(1);
            assertThat(toMonitor.get(0).announcedCount()).isEqualTo(3);
        }
    }

    @Test
    void settledSessionsReadFirstThenTablesInTheOrderTheirSessionsCameUp() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (RibRunner runner = quietRunner(8)) {
            PeerId b = new PeerId("192.0.2.12");
            PeerId a = new PeerId("192.0.2.11");
            PeerId c = new PeerId("192.0.2.13");
            PeerId d = new PeerId("192.0.2.14");
            runner.peerUp(b, Harness.info("192.0.2.12", 65002, "2.2.2.2"));
            runner.peerUp(a, Harness.info("192.0.2.11", 65001, "1.1.1.1"));
            runner.peerUp(c, Harness.info("192.0.2.13", 65003, "3.3.3.3"));
            runner.peerUp(d, Harness.info("192.0.2.14", 65004, "4.4.4.4"));
            // c has sent its whole table (End-of-RIB for both its families); d only its IPv4 one.
            runner.endOfRib(c, AddressFamily.IPV4_UNICAST);
            runner.endOfRib(c, AddressFamily.IPV6_UNICAST);
            runner.endOfRib(d, AddressFamily.IPV4_UNICAST);
            runner.call(rib -> {
                awaitQuietly(gate);
                return null;
            });
            List<String> woken = new java.util.concurrent.CopyOnWriteArrayList<>();
            // Queued, in this order: a 3, a 3, a 3 (full: a waits), b 2, d 1, c 1 (each then waits too).
            assertThat(runner.submitUpdates(a, batch("192.0.2.11", 0, 3), () -> woken.add("a"))).isTrue();
            assertThat(runner.submitUpdates(a, batch("192.0.2.11", 3, 3), () -> woken.add("a"))).isTrue();
            assertThat(runner.submitUpdates(a, batch("192.0.2.11", 6, 3), () -> woken.add("a"))).isFalse();
            assertThat(runner.submitUpdates(b, batch("192.0.2.12", 0, 2), () -> woken.add("b"))).isFalse();
            assertThat(runner.submitUpdates(d, batch("192.0.2.14", 0, 1), () -> woken.add("d"))).isFalse();
            assertThat(runner.submitUpdates(c, batch("192.0.2.13", 0, 1), () -> woken.add("c"))).isFalse();
            gate.countDown();
            runner.call(rib -> null).get(10, TimeUnit.SECONDS);
            // After a's third batch 4 are left (half): only the first in order, c, reads again. Nobody submits,
            // so after b's batch (2 left, a quarter) everyone else does: b and a (tables, in the order their
            // sessions came up), then d, whose session came up last and whose IPv6 table is still due.
            assertThat(woken).containsExactly("c", "b", "a", "d");
        }
    }

    /** A runner with no coalescing window, no FIB and no peers to send to. */
    private static RibRunner quietRunner(int capacity) {
        return new RibRunner(RibConfig.of(65000, 1).withUpdateDelayMillis(0), NextHopResolver.DIRECT, FibListener.NONE,
                UpdateSink.NONE, capacity);
    }

    private static List<UpdateMessage> batch(String from, int first, int count) {
        List<Prefix> prefixes = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            prefixes.add(Prefix.parse("10.246." + (first + i) + ".0/24"));
        }
        return List.of(UpdateMessage.announce(attrs(from).build(), prefixes));
    }

    @Test
    void capacityMustBePositive() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RibRunner(RibConfig.of(65000, 1), NextHopResolver.DIRECT,
                FibListener.NONE, UpdateSink.NONE, 0)).hasMessageContaining("capacity 0 must be at least 1 prefix");
    }

    private static void awaitQuietly(CountDownLatch l) {
        try {
            l.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
