package dev.podbgp.daemon.routing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoutePathWarmupTest {

    @Test
    void madeUpRoutesGoAllTheWayThroughAndOutAsUpdates() throws Exception {
        RoutePathWarmup.Result r = RoutePathWarmup.run(300);
        // 300 /24s announced to the downstream peer (4 bytes each at least), then withdrawn (4 more).
        assertThat(r.exportedBytes()).isGreaterThan(300L * 8).isLessThan(300L * 200);
        assertThat(r.nanos()).isPositive();
    }
}
