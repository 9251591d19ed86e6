package dev.podbgp.daemon.routing;

import dev.podbgp.fib.route.IpPrefix;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RoutePathWarmupTest {

    @Test
    void madeUpRoutesGoAllTheWayThroughAndOutAsUpdates() throws Exception {
        RoutePathWarmup.Result r = RoutePathWarmup.run(300);
        // 300 /24s announced to the downstream peer (4 bytes each at least), then withdrawn (4 more).
        assertThat(r.exportedBytes()).isGreaterThan(300L * 8).isLessThan(300L * 200);
        assertThat(r.fibBytes()).isZero();
        assertThat(r.nanos()).isPositive();
    }

    @Test
    void withAKernelSideTheChangesBecomeNetlinkRequestsThatAreNeverSent() throws Exception {
        // No writer: a request that reached one would fail here with a NullPointerException.
        KernelRoutes kernel = new KernelRoutes(null, 254, 186, List.of(IpPrefix.parse("10.244.1.0/24")),
                Set.of(IpPrefix.literal("192.0.2.254", "test")), () -> { });
        RoutePathWarmup.Result r = RoutePathWarmup.run(300, kernel);
        // Each of the 300 routes created (an RTM_NEWROUTE of some 60 bytes), perhaps replaced when the second
        // peer's path wins, and deleted at the end (some 40 bytes).
        assertThat(r.fibBytes()).isGreaterThan(300L * 90).isLessThan(300L * 400);
        assertThat(r.exportedBytes()).isGreaterThan(300L * 8);

        // A larger run: only the first changes go through the kernel side (enough for the compiler).
        RoutePathWarmup.Result big = RoutePathWarmup.run(2_000, kernel);
        assertThat(big.fibBytes()).isGreaterThan(RoutePathWarmup.FIB_CHANGES * 40L)
                .isLessThan(RoutePathWarmup.FIB_CHANGES * 120L);
    }
}
