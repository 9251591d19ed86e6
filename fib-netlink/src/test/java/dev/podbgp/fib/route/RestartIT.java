package dev.podbgp.fib.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podbgp.fib.netlink.RtnlConnection;
import dev.podbgp.fib.testing.NetNs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Restart without flapping: a new reconciler adopts the 10,000 routes a previous one left
 * and, while the desired set is unchanged, changes nothing in the kernel, as `ip monitor
 * route` (independent witness) confirms. Stale routes go only once the set is complete.
 */
@Tag("netns")
class RestartIT {

    @Test
    void aNewInstanceAdoptsInstalledRoutesWithoutTouchingThem() throws Exception {
        try (NetNs ns = NetNs.create()) {
            int v0 = ns.ifindex("v0");
            List<Route> routes = ReconcileScaleIT.desired(v0, 0);
            List<Route> stale = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                stale.add(Route.unicast(IpPrefix.parse("10.99." + i + ".0/24"),
                        NextHop.via(IpPrefix.literal("192.0.2.2", "test"), v0)));
            }
            try (RtnlConnection first = RtnlConnection.open(ns.socketOptions())) {
                Reconciler a = ReconcileScaleIT.reconciler(first);
                a.start();
                List<Route> all = new ArrayList<>(routes);
                all.addAll(stale);
                a.replaceAll(all);
                assertThat(a.flush()).isEqualTo(all.size());
                assertThat(a.counters().snapshot().failures()).isZero();
            }

            Path log = Files.createTempFile("podbgp-monitor", ".txt");
            try {
                ns.start(List.of("ip", "monitor", "route"), log);
                // The monitor is live once it reports a change we make ourselves. It subscribes some
                // time after it starts (longer on a loaded machine): add markers until one shows.
                boolean live = false;
                for (int i = 1; i <= 40 && !live; i++) {
                    ns.ip("route add 10.250.1." + i + "/32 dev v0 proto static");
                    String marker = "10.250.1." + i + " ";
                    try {
                        await().atMost(Duration.ofMillis(500)).until(() -> Files.readString(log).contains(marker));
                        live = true;
                    } catch (org.awaitility.core.ConditionTimeoutException e) {
                        // not subscribed yet: the next marker
                    }
                }
                assertThat(live).as("ip monitor route reported one of our marker routes within 20 s").isTrue();

                try (RtnlConnection second = RtnlConnection.open(ns.socketOptions())) {
                    Reconciler b = ReconcileScaleIT.reconciler(second);
                    b.start();
                    assertThat(b.counters().snapshot().adopted()).isEqualTo(routes.size() + stale.size());
                    b.replaceAll(routes);
                    assertThat(b.flush()).isZero();
                    assertThat(b.resync()).isZero();
                    assertThat(b.counters().snapshot().messagesSent()).isZero();

                    // Everything the monitor printed up to a second marker: only our markers.
                    ns.ip("route add 10.250.0.2/32 dev v0 proto static");
                    awaitLogged(log, "10.250.0.2");
                    assertThat(linesAbout(log, "proto bgp")).isEmpty();
                    assertThat(IpRoutes.kernelBgp(ns)).hasSize(routes.size() + stale.size());

                    // The witness does see our changes: completing removes exactly the stale ones.
                    b.markComplete();
                    assertThat(b.flush()).isEqualTo(stale.size());
                    assertThat(b.counters().snapshot().staleRemoved()).isEqualTo(stale.size());
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> linesAbout(log, "proto bgp").size() == stale.size());
                    assertThat(linesAbout(log, "proto bgp")).allMatch(l -> l.startsWith("Deleted 10.99."));
                    assertThat(IpRoutes.kernelBgp(ns)).isEqualTo(IpRoutes.expected(routes));
                }
            } finally {
                Files.deleteIfExists(log);
            }
        }
    }

    static void awaitLogged(Path log, String text) {
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains(text));
    }

    static List<String> linesAbout(Path log, String text) throws Exception {
        return Files.readAllLines(log).stream().filter(l -> l.contains(text)).toList();
    }
}
