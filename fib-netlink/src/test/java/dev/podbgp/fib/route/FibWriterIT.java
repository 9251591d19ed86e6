package dev.podbgp.fib.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.podbgp.fib.netlink.Errno;
import dev.podbgp.fib.netlink.LinkInfo;
import dev.podbgp.fib.netlink.NetlinkException;
import dev.podbgp.fib.testing.NetNs;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The FIB writer thread against a real kernel: errors are logged, reported and retried
 * without holding up other routes; external changes are repaired by the periodic resync;
 * interface events reach the listener; stale routes go after the timeout.
 */
@Tag("netns")
class FibWriterIT {

    record Failure(Route route, NetlinkException error) {}

    record LinkEvent(boolean up, LinkInfo link, List<Route> affected) {}

    static final class Recorder implements FibWriter.Listener {
        final List<Failure> failures = new CopyOnWriteArrayList<>();
        final List<LinkEvent> links = new CopyOnWriteArrayList<>();

        @Override
        public void nextHopDown(LinkInfo link, List<Route> affected) {
            links.add(new LinkEvent(false, link, affected));
        }

        @Override
        public void nextHopUp(LinkInfo link, List<Route> affected) {
            links.add(new LinkEvent(true, link, affected));
        }

        @Override
        public void routeFailed(Route route, NetlinkException error) {
            failures.add(new Failure(route, error));
        }

        List<Failure> failuresOf(String prefix) {
            return failures.stream().filter(f -> f.route().prefix().toString().equals(prefix)).toList();
        }
    }

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(Reconciler.class)).addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        ((Logger) LoggerFactory.getLogger(Reconciler.class)).detachAppender(logs);
    }

    static InetAddress ip(String s) {
        return IpPrefix.literal(s, "test");
    }

    static FibWriter.Config config(NetNs ns) {
        return FibWriter.Config.defaults().withSocket(ns.socketOptions())
                .withRetry(Duration.ofMillis(200), Duration.ofMillis(800));
    }

    static List<Route> good(int v0, int count) {
        List<Route> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(Route.unicast(IpPrefix.parse("10.40." + i + ".0/24"), NextHop.via(ip("192.0.2.2"), v0)));
        }
        return out;
    }

    static boolean kernelHas(NetNs ns, String dst, String gateway) throws Exception {
        return IpRoutes.kernelBgp(ns).containsValue(IpRoutes.summary(dst, 20, gateway));
    }

    @Test
    void unreachableGatewayIsLoggedRetriedAndDoesNotStopOthers() throws Exception {
        try (NetNs ns = NetNs.create()) {
            int v0 = ns.ifindex("v0");
            Recorder rec = new Recorder();
            try (FibWriter w = FibWriter.start(config(ns), rec)) {
                Route bad = Route.unicast(IpPrefix.parse("10.41.0.0/24"), NextHop.via(ip("203.0.113.9"), v0));
                List<Route> ok = good(v0, 50);
                ok.subList(0, 25).forEach(w::put);
                w.put(bad);
                ok.subList(25, 50).forEach(w::put);
                w.sync().get(10, TimeUnit.SECONDS);

                assertThat(IpRoutes.kernelBgp(ns)).isEqualTo(IpRoutes.expected(ok));
                assertThat(rec.failuresOf("10.41.0.0/24")).isNotEmpty().allSatisfy(f -> {
                    assertThat(f.error().errno()).isEqualTo(Errno.ENETUNREACH);
                    assertThat(f.error().extAck()).hasValueSatisfying(t -> assertThat(t).containsIgnoringCase("gateway"));
                });
                assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                        .contains("10.41.0.0/24 via 203.0.113.9").contains("ENETUNREACH").contains("retry in"));

                await().atMost(Duration.ofSeconds(10)).until(() -> rec.failuresOf("10.41.0.0/24").size() >= 2);
                // Once the gateway's subnet exists, a retry installs it.
                ns.ip("addr add 203.0.113.1/24 dev v0");
                await().atMost(Duration.ofSeconds(10)).until(() -> kernelHas(ns, "10.41.0.0/24", "203.0.113.9"));
                assertThat(w.stats().retries()).isGreaterThanOrEqualTo(1);
            }
        }
    }

    @Test
    void vanishedInterfaceIsReportedAndItsRouteRefusedWithoutStoppingOthers() throws Exception {
        try (NetNs ns = NetNs.create()) {
            int v0 = ns.ifindex("v0");
            ns.ip("link add v2 type veth peer name v3");
            ns.ip("link set v2 up");
            ns.ip("link set v3 up");
            int v2 = ns.ifindex("v2");
            Recorder rec = new Recorder();
            try (FibWriter w = FibWriter.start(config(ns), rec)) {
                Route viaV2 = Route.unicast(IpPrefix.parse("10.42.0.0/24"), NextHop.dev(v2));
                w.put(viaV2);
                w.sync().get(10, TimeUnit.SECONDS);
                assertThat(kernelHas(ns, "10.42.0.0/24", "-")).isTrue();

                ns.ip("link del v2");
                await().atMost(Duration.ofSeconds(10)).until(() -> rec.links.stream()
                        .anyMatch(e -> !e.up() && e.link().index() == v2 && e.affected().contains(viaV2)));

                Route another = Route.unicast(IpPrefix.parse("10.43.0.0/24"), NextHop.dev(v2));
                List<Route> ok = good(v0, 10);
                w.put(another);
                ok.forEach(w::put);
                w.sync().get(10, TimeUnit.SECONDS);
                assertThat(rec.failuresOf("10.43.0.0/24")).isNotEmpty()
                        .allSatisfy(f -> assertThat(f.error().errno()).isEqualTo(Errno.ENODEV));
                assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                        .contains("10.43.0.0/24").contains("ENODEV"));
                for (Route r : ok) {
                    assertThat(kernelHas(ns, r.prefix().toString(), "192.0.2.2")).isTrue();
                }
            }
        }
    }

    @Test
    void eexistRaceOnOurProtocolIsResolvedAndAnotherProtocolsRouteIsLeftAlone() throws Exception {
        try (NetNs ns = NetNs.create()) {
            int v0 = ns.ifindex("v0");
            Recorder rec = new Recorder();
            try (FibWriter w = FibWriter.start(config(ns), rec)) {
                // Appear after the writer's start dump: the writer believes these keys free.
                ns.ip("route add 10.44.0.0/24 via 192.0.2.2 proto bgp metric 20");
                ns.ip("route add 10.45.0.0/24 via 192.0.2.2 proto static metric 20");
                w.put(Route.unicast(IpPrefix.parse("10.44.0.0/24"), NextHop.via(ip("192.0.2.3"), v0)));
                w.put(Route.unicast(IpPrefix.parse("10.45.0.0/24"), NextHop.via(ip("192.0.2.3"), v0)));
                List<Route> ok = good(v0, 10);
                ok.forEach(w::put);
                w.sync().get(10, TimeUnit.SECONDS);

                assertThat(rec.failuresOf("10.44.0.0/24")).isNotEmpty()
                        .allSatisfy(f -> assertThat(f.error().errno()).isEqualTo(Errno.EEXIST));
                assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                        .contains("10.44.0.0/24").contains("EEXIST").contains("appeared meanwhile"));
                for (Route r : ok) {
                    assertThat(kernelHas(ns, r.prefix().toString(), "192.0.2.2")).isTrue();
                }
                // Ours: the retry re-reads the kernel, sees our protocol and replaces it.
                await().atMost(Duration.ofSeconds(10)).until(() -> kernelHas(ns, "10.44.0.0/24", "192.0.2.3"));
                // Theirs: retried, refused each time, never overwritten.
                await().atMost(Duration.ofSeconds(10)).until(() -> rec.failuresOf("10.45.0.0/24").size() >= 3);
                assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                        .contains("10.45.0.0/24").contains("another protocol holds this key"));
                List<Map<String, Object>> theirs = ns.routes(false, "main").stream()
                        .filter(j -> "10.45.0.0/24".equals(j.get("dst"))).toList();
                assertThat(theirs).hasSize(1);
                assertThat(theirs.get(0)).containsEntry("protocol", "static").containsEntry("gateway", "192.0.2.2");
            }
        }
    }

    @Test
    void changesArrivingTogetherAreCoalescedPerRoute() throws Exception {
        try (NetNs ns = NetNs.create()) {
            int v0 = ns.ifindex("v0");
            try (FibWriter w = FibWriter.start(config(ns).withCoalesce(Duration.ofSeconds(5)), new Recorder())) {
                IpPrefix p = IpPrefix.parse("10.48.0.0/24");
                for (int g = 2; g <= 9; g++) {
                    w.put(Route.unicast(p, NextHop.via(ip("192.0.2." + g), v0)));
                }
                w.put(Route.unicast(IpPrefix.parse("10.49.0.0/24"), NextHop.via(ip("192.0.2.2"), v0)));
                w.remove(new RouteKey(IpPrefix.parse("10.49.0.0/24"), Route.DEFAULT_METRIC));
                w.sync().get(10, TimeUnit.SECONDS);
                assertThat(w.stats().messagesSent()).isEqualTo(1);
                assertThat(IpRoutes.kernelBgp(ns)).containsOnlyKeys("10.48.0.0/24/20")
                        .containsValue(IpRoutes.summary("10.48.0.0/24", 20, "192.0.2.9"));
                assertThatThrownBy(() -> w.put(Route.unicast(p, NextHop.via(ip("192.0.2.2"), v0)).withTable(7)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table 254");
            }
        }
    }

    @Test
    void aWholeBatchGoesAtOnceAndTheNextWaitsTheCoalesceTime() throws Exception {
        try (NetNs ns = NetNs.create()) {
            int v0 = ns.ifindex("v0");
            // An hour: under the window for changes handed in one by one, nothing would reach the kernel here.
            try (FibWriter w = FibWriter.start(config(ns).withCoalesce(Duration.ofHours(1)), new Recorder())) {
                List<Route> first = good(v0, 3);
                w.update(first, List.of());
                await().atMost(Duration.ofSeconds(10)).until(() -> w.stats().messagesSent() == first.size());
                assertThat(IpRoutes.kernelBgp(ns)).isEqualTo(IpRoutes.expected(first));

                // Within the hour of that batch: these wait, gathered, for the time or a sync.
                Route moved = Route.unicast(IpPrefix.parse("10.40.0.0/24"), NextHop.via(ip("192.0.2.3"), v0));
                Route added = Route.unicast(IpPrefix.parse("10.41.0.0/24"), NextHop.via(ip("192.0.2.2"), v0));
                w.update(List.of(moved, added), List.of(first.get(1).key()));
                w.update(List.of(), List.of(first.get(2).key()));
                assertThat(w.stats().messagesSent()).isEqualTo(first.size());
                assertThat(IpRoutes.kernelBgp(ns)).isEqualTo(IpRoutes.expected(first));
                w.sync().get(10, TimeUnit.SECONDS);
                assertThat(w.stats().messagesSent()).isGreaterThan(first.size());
                assertThat(IpRoutes.kernelBgp(ns)).isEqualTo(IpRoutes.expected(List.of(moved, added)));

                assertThatThrownBy(() -> w.update(List.of(added.withTable(7)), List.of()))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table 254");
            }
        }
    }

    @Test
    void periodicResyncRestoresARouteDeletedBehindOurBack() throws Exception {
        try (NetNs ns = NetNs.create()) {
            int v0 = ns.ifindex("v0");
            try (FibWriter w = FibWriter.start(config(ns).withResyncInterval(Duration.ofMillis(300)), new Recorder())) {
                List<Route> ok = good(v0, 20);
                w.replaceAll(ok);
                w.sync().get(10, TimeUnit.SECONDS);
                assertThat(IpRoutes.kernelBgp(ns)).isEqualTo(IpRoutes.expected(ok));
                ns.ip("route del 10.40.7.0/24");
                assertThat(kernelHas(ns, "10.40.7.0/24", "192.0.2.2")).isFalse();
                await().atMost(Duration.ofSeconds(10)).until(() -> kernelHas(ns, "10.40.7.0/24", "192.0.2.2"));
                assertThat(w.stats().resyncRepairs()).isGreaterThanOrEqualTo(1);
                assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                        .contains("10.40.7.0/24").contains("vanished"));
            }
        }
    }

    @Test
    void interfaceDownIsReportedAndRoutesComeBackWithIt() throws Exception {
        try (NetNs ns = NetNs.create()) {
            int v0 = ns.ifindex("v0");
            Recorder rec = new Recorder();
            try (FibWriter w = FibWriter.start(config(ns), rec)) {
                List<Route> ok = good(v0, 5);
                w.replaceAll(ok);
                w.sync().get(10, TimeUnit.SECONDS);
                ns.ip("link set v0 down");
                await().atMost(Duration.ofSeconds(10)).until(() -> rec.links.stream()
                        .anyMatch(e -> !e.up() && e.link().index() == v0 && e.affected().containsAll(ok)));
                ns.ip("link set v0 up");
                await().atMost(Duration.ofSeconds(10)).until(() -> rec.links.stream()
                        .anyMatch(e -> e.up() && e.link().index() == v0));
                // The kernel flushed the IPv4 routes when v0 went down; the resync on up restores them.
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> IpRoutes.kernelBgp(ns).equals(IpRoutes.expected(ok)));
            }
        }
    }

    @Test
    void staleRoutesGoAfterTheTimeoutWithoutBeingToldTheSetIsComplete() throws Exception {
        try (NetNs ns = NetNs.create()) {
            int v0 = ns.ifindex("v0");
            ns.ip("route add 10.46.0.0/24 via 192.0.2.2 proto bgp metric 20");
            ns.ip("route add 10.47.0.0/24 via 192.0.2.2 proto bgp metric 20");
            try (FibWriter w = FibWriter.start(config(ns).withStaleTimeout(Duration.ofSeconds(1)), new Recorder())) {
                Route kept = Route.unicast(IpPrefix.parse("10.46.0.0/24"), NextHop.via(ip("192.0.2.2"), v0));
                w.put(kept);
                w.sync().get(10, TimeUnit.SECONDS);
                assertThat(w.stats().adopted()).isEqualTo(2);
                assertThat(w.stats().messagesSent()).isZero();
                assertThat(kernelHas(ns, "10.47.0.0/24", "192.0.2.2")).isTrue();
                await().atMost(Duration.ofSeconds(10)).until(() -> !kernelHas(ns, "10.47.0.0/24", "192.0.2.2"));
                assertThat(kernelHas(ns, "10.46.0.0/24", "192.0.2.2")).isTrue();
                assertThat(w.stats().staleRemoved()).isEqualTo(1);
            }
        }
    }
}
