package dev.podbgp.fib.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podbgp.fib.netlink.Errno;
import dev.podbgp.fib.netlink.NetlinkException;
import dev.podbgp.fib.netlink.Rtnl;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reconciler decisions against a model kernel; the netns ITs check the real one. */
class ReconcilerTest {

    final ModelKernel kernel = new ModelKernel();
    final List<NetlinkException> reported = new ArrayList<>();

    Reconciler reconciler() {
        return new Reconciler(kernel, Rtnl.RT_TABLE_MAIN, Rtnl.RTPROT_BGP, new FibCounters(), Duration.ZERO,
                Duration.ZERO, (r, e) -> reported.add(e));
    }

    static InetAddress ip(String s) {
        return IpPrefix.literal(s, "test");
    }

    static Route r(String prefix, String gw) {
        return Route.unicast(IpPrefix.parse(prefix), NextHop.via(ip(gw), 3));
    }

    static List<Route> many(int n) {
        List<Route> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(r("10." + (i / 256) + "." + (i % 256) + ".0/24", "192.0.2.2"));
        }
        return out;
    }

    @Test
    void oneChangeAmongManySendsOneMessageAndNoDump() throws Exception {
        Reconciler rec = reconciler();
        rec.start();
        rec.replaceAll(many(5000));
        assertThat(rec.flush()).isEqualTo(5000);
        int dumps = kernel.dumps;
        int messages = kernel.messages;

        rec.put(r("10.3.7.0/24", "192.0.2.9"));
        assertThat(rec.flush()).isEqualTo(1);
        assertThat(kernel.messages - messages).isEqualTo(1);
        assertThat(kernel.dumps).isEqualTo(dumps);
        assertThat(rec.counters().snapshot().replaces()).isEqualTo(1);

        rec.put(r("10.3.7.0/24", "192.0.2.9")); // same again: nothing to send
        assertThat(rec.flush()).isZero();
    }

    @Test
    void restartAdoptsAndKeepsStaleUntilComplete() throws Exception {
        for (Route x : many(100)) {
            kernel.add(x);
        }
        kernel.add(r("10.200.0.0/24", "192.0.2.2")); // ours, no longer desired
        kernel.add(r("10.201.0.0/24", "192.0.2.2").withProtocol(4)); // another protocol's
        Reconciler rec = reconciler();
        rec.start();
        rec.replaceAll(many(100));
        assertThat(rec.flush()).isZero();
        assertThat(kernel.messages).isZero();
        assertThat(kernel.routes).hasSize(102);

        rec.markComplete();
        assertThat(rec.flush()).isEqualTo(1);
        assertThat(kernel.of(Rtnl.RTPROT_BGP)).hasSize(100);
        assertThat(kernel.of(4)).hasSize(1);
        assertThat(rec.counters().snapshot().staleRemoved()).isEqualTo(1);
    }

    @Test
    void aRouteWeInstalledAndNoLongerWantIsDeletedBeforeCompletion() throws Exception {
        Reconciler rec = reconciler();
        rec.start();
        rec.put(r("10.1.0.0/24", "192.0.2.2"));
        rec.flush();
        rec.remove(new RouteKey(IpPrefix.parse("10.1.0.0/24"), 20));
        assertThat(rec.flush()).isEqualTo(1);
        assertThat(kernel.routes).isEmpty();
    }

    @Test
    void refusedRouteIsReportedRetriedAndDoesNotBlockOthers() throws Exception {
        kernel.refuse.put("10.9.0.0/24", Errno.ENETUNREACH);
        Reconciler rec = reconciler();
        rec.start();
        rec.put(r("10.8.0.0/24", "192.0.2.2"));
        rec.put(r("10.9.0.0/24", "203.0.113.9"));
        rec.put(r("10.10.0.0/24", "192.0.2.2"));
        rec.flush();
        assertThat(kernel.routes).hasSize(2);
        assertThat(reported).singleElement().satisfies(e -> assertThat(e.errno()).isEqualTo(Errno.ENETUNREACH));
        assertThat(rec.pendingCount()).isEqualTo(1);

        kernel.refuse.clear();
        assertThat(rec.retryDue()).isEqualTo(1); // zero back-off in this test
        assertThat(kernel.routes).hasSize(3);
        assertThat(rec.pendingCount()).isZero();
    }

    @Test
    void eexistFromAnotherProtocolIsNeverOverwritten() throws Exception {
        Reconciler rec = reconciler();
        rec.start();
        kernel.add(r("10.5.0.0/24", "192.0.2.7").withProtocol(4)); // appears after our dump
        rec.put(r("10.5.0.0/24", "192.0.2.2"));
        rec.flush();
        assertThat(reported).singleElement().satisfies(e -> assertThat(e.errno()).isEqualTo(Errno.EEXIST));
        rec.retryDue();
        rec.retryDue();
        Set<Errno> seen = new HashSet<>();
        reported.forEach(e -> seen.add(e.errno()));
        assertThat(seen).containsExactly(Errno.EEXIST);
        assertThat(kernel.routes.values()).singleElement().satisfies(x -> {
            assertThat(x.protocol()).isEqualTo(4);
            assertThat(x.nextHops().get(0).gateway()).isEqualTo(ip("192.0.2.7"));
        });
    }

    @Test
    void eexistFromOurProtocolIsAdoptedAndReplaced() throws Exception {
        Reconciler rec = reconciler();
        rec.start();
        kernel.add(r("10.6.0.0/24", "192.0.2.7"));
        rec.put(r("10.6.0.0/24", "192.0.2.2"));
        rec.flush();
        assertThat(rec.retryDue()).isEqualTo(1);
        assertThat(kernel.routes.values()).singleElement()
                .satisfies(x -> assertThat(x.nextHops().get(0).gateway()).isEqualTo(ip("192.0.2.2")));
    }

    @Test
    void aFailedSendKeepsEveryChangeForTheNextAttempt() throws Exception {
        Reconciler rec = reconciler();
        rec.start();
        rec.replaceAll(many(50));
        kernel.failNextSend = true;
        assertThatThrownBy(rec::flush).isInstanceOf(NetlinkException.class).hasMessageContaining("ENOBUFS");
        assertThat(rec.pendingCount()).isEqualTo(50);
        assertThat(rec.retryDue()).isEqualTo(50);
        assertThat(kernel.of(Rtnl.RTPROT_BGP)).containsExactlyInAnyOrderElementsOf(many(50));
    }

    @Test
    void resyncRestoresDeletedAndChangedRoutes() throws Exception {
        Reconciler rec = reconciler();
        rec.start();
        rec.replaceAll(many(10));
        rec.flush();
        kernel.routes.remove(new ModelKernel.Key(254, IpPrefix.parse("10.0.3.0/24"), 20));
        kernel.add(r("10.0.4.0/24", "192.0.2.99"));
        assertThat(rec.resync()).isEqualTo(2);
        assertThat(kernel.of(Rtnl.RTPROT_BGP)).containsExactlyInAnyOrderElementsOf(many(10));
    }

    @Test
    void routesOfAnotherTableOrProtocolAreRefusedUpFront() {
        Reconciler rec = reconciler();
        assertThatThrownBy(() -> rec.put(r("10.0.0.0/24", "192.0.2.2").withTable(1000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table 254");
        assertThatThrownBy(() -> rec.replaceAll(List.of(r("10.0.0.0/24", "192.0.2.2"), r("10.0.0.0/24", "192.0.2.3"))))
                .hasMessageContaining("twice");
        assertThatThrownBy(rec::flush).isInstanceOf(IllegalStateException.class).hasMessageContaining("start()");
    }

    @Test
    void installedPrefixesAreThoseTheKernelAcceptedAsDesired() throws Exception {
        Reconciler rec = reconciler();
        rec.start();
        kernel.refuse.put("10.9.0.0/24", Errno.ENETUNREACH);
        rec.put(r("10.1.0.0/24", "192.0.2.2"));
        rec.put(r("10.9.0.0/24", "192.0.2.2"));
        assertThat(rec.installedPrefixes()).as("nothing sent yet").isEmpty();
        rec.flush();
        assertThat(rec.installedPrefixes()).containsExactly(IpPrefix.parse("10.1.0.0/24"));
        rec.put(r("10.1.0.0/24", "192.0.2.7"));
        assertThat(rec.installedPrefixes()).as("the kernel holds another next hop until the flush").isEmpty();
        rec.flush();
        assertThat(rec.installedPrefixes()).containsExactly(IpPrefix.parse("10.1.0.0/24"));
    }
}
