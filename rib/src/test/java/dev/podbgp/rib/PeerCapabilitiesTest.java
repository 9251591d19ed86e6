package dev.podbgp.rib;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.Capability;
import dev.podbgp.bgp.wire.OpenMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeerCapabilitiesTest {
    private static final AddressFamily V4 = AddressFamily.IPV4_UNICAST;
    private static final AddressFamily V6 = AddressFamily.IPV6_UNICAST;

    @Test
    void negotiatesFamiliesAddPathRefreshAndGracefulRestart() {
        OpenMessage ours = OpenMessage.of(65000, 90, 1, List.of(
                new Capability.Multiprotocol(V4), new Capability.Multiprotocol(V6), new Capability.RouteRefresh(),
                new Capability.AddPath(List.of(new Capability.AddPath.Entry(V4, Capability.AddPath.Direction.BOTH),
                        new Capability.AddPath.Entry(V6, Capability.AddPath.Direction.RECEIVE)))));
        OpenMessage theirs = OpenMessage.of(65001, 90, 2, List.of(
                new Capability.Multiprotocol(V4), new Capability.Multiprotocol(V6), new Capability.EnhancedRouteRefresh(),
                new Capability.AddPath(List.of(new Capability.AddPath.Entry(V4, Capability.AddPath.Direction.RECEIVE),
                        new Capability.AddPath.Entry(V6, Capability.AddPath.Direction.BOTH))),
                new Capability.GracefulRestart(false, false, 120, List.of(
                        new Capability.GracefulRestart.Entry(V4, true), new Capability.GracefulRestart.Entry(V6, false)))));
        PeerCapabilities c = PeerCapabilities.negotiated(ours, theirs);
        assertThat(c.families()).containsExactlyInAnyOrder(V4, V6);
        assertThat(c.addPathSend()).containsExactly(V4);   // V6: we only receive
        assertThat(c.routeRefresh()).isTrue();
        assertThat(c.gracefulRestart().restartTimeSeconds()).isEqualTo(120);
        assertThat(c.gracefulRestart().families()).containsExactlyInAnyOrder(V4, V6);
        assertThat(c.gracefulRestart().forwardingPreserved()).containsExactly(V4);
    }

    @Test
    void withoutMultiprotocolItIsIpv4UnicastAndNoSharedFamilyIsAnError() {
        OpenMessage plain = OpenMessage.of(65000, 90, 1, List.of());
        PeerCapabilities c = PeerCapabilities.negotiated(plain, plain);
        assertThat(c.families()).isEqualTo(Set.of(V4));
        assertThat(c.routeRefresh()).isFalse();
        assertThat(c.gracefulRestart()).isNull();
        OpenMessage v6only = OpenMessage.of(65000, 90, 1, List.of(new Capability.Multiprotocol(V6)));
        assertThatThrownBy(() -> PeerCapabilities.negotiated(plain, v6only)).hasMessageContaining("share no address family");
    }
}
