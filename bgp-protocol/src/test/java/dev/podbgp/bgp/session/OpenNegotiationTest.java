package dev.podbgp.bgp.session;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.Capability;
import dev.podbgp.bgp.wire.Capability.AddPath.Direction;
import dev.podbgp.bgp.wire.Ipv4;
import dev.podbgp.bgp.wire.NotificationMessage;
import dev.podbgp.bgp.wire.OpenMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OpenNegotiationTest {
    static final int OUR_ID = Ipv4.parse("10.0.0.1");

    static PeerConfig.Builder config() {
        return PeerSessionTest.config();
    }

    static NotificationMessage rejected(PeerConfig c, OpenMessage received) {
        OpenNegotiation.Outcome o = OpenNegotiation.judge(c, OpenNegotiation.localOpen(c), received);
        assertThat(o).isInstanceOf(OpenNegotiation.Outcome.Rejected.class);
        return ((OpenNegotiation.Outcome.Rejected) o).notification();
    }

    static Negotiated accepted(PeerConfig c, OpenMessage received) {
        OpenNegotiation.Outcome o = OpenNegotiation.judge(c, OpenNegotiation.localOpen(c), received);
        assertThat(o).isInstanceOf(OpenNegotiation.Outcome.Accepted.class);
        return ((OpenNegotiation.Outcome.Accepted) o).negotiated();
    }

    static OpenMessage open(long asn, int hold, int id, Capability... caps) {
        return OpenMessage.of(asn, hold, id, List.of(caps));
    }

    static Capability mp(AddressFamily f) {
        return new Capability.Multiprotocol(f);
    }

    @Test
    void wrongVersionNamesTheVersionWeSpeak() {
        OpenMessage v3 = new OpenMessage(3, 65002, 90, 2, List.of());
        assertThat(rejected(config().build(), v3)).isEqualTo(new NotificationMessage(2, 1, new byte[] {0, 4}));
    }

    @Test
    void unexpectedAsIsBadPeerAs() {
        assertThat(rejected(config().build(), open(65003, 90, 2, new Capability.FourOctetAs(65003))))
                .isEqualTo(new NotificationMessage(2, 2));
    }

    @Test
    void fourOctetAsComesFromTheCapability() {
        PeerConfig c = config().peerAs(4_200_000_000L).build();
        Negotiated n = accepted(c, open(4_200_000_000L, 90, 2, new Capability.FourOctetAs((int) 4_200_000_000L)));
        assertThat(n.peerAs()).isEqualTo(4_200_000_000L);
        assertThat(n.fourOctetAs()).isTrue();
        assertThat(OpenNegotiation.localOpen(c).myAutonomousSystem()).isEqualTo(65001);
    }

    @Test
    void zeroIdentifierIsBadBgpIdentifier() {
        assertThat(rejected(config().build(), open(65002, 90, 0))).isEqualTo(new NotificationMessage(2, 3));
    }

    @Test
    void ourOwnIdentifierIsRejectedOnlyForIbgp() {
        assertThat(rejected(config().peerAs(65001).build(), open(65001, 90, OUR_ID)))
                .isEqualTo(new NotificationMessage(2, 3));
        accepted(config().build(), open(65002, 90, OUR_ID));
    }

    @Test
    void holdTimesOneAndTwoAreUnacceptable() {
        assertThat(rejected(config().build(), open(65002, 1, 2))).isEqualTo(new NotificationMessage(2, 6));
        assertThat(rejected(config().build(), open(65002, 2, 2))).isEqualTo(new NotificationMessage(2, 6));
        assertThat(accepted(config().build(), open(65002, 3, 2)).holdTime()).isEqualTo(3);
        assertThat(accepted(config().build(), open(65002, 3, 2)).keepaliveTime()).isEqualTo(1);
        assertThat(accepted(config().holdTime(9).build(), open(65002, 240, 2)).holdTime()).isEqualTo(9);
    }

    @Test
    void missingRequiredFamilyIsUnsupportedCapabilityWithTheCapabilityAsData() {
        PeerConfig c = config().requiredFamilies(Set.of(AddressFamily.IPV6_UNICAST)).build();
        assertThat(rejected(c, open(65002, 90, 2, mp(AddressFamily.IPV4_UNICAST))))
                .isEqualTo(new NotificationMessage(2, 7, new byte[] {1, 4, 0, 2, 0, 1}));
        assertThat(accepted(c, open(65002, 90, 2, mp(AddressFamily.IPV6_UNICAST))).families())
                .containsExactly(AddressFamily.IPV6_UNICAST);
    }

    @Test
    void noMultiprotocolCapabilityMeansIpv4UnicastOnly() {
        Negotiated n = accepted(config().build(), open(65002, 90, 2));
        assertThat(n.families()).containsExactly(AddressFamily.IPV4_UNICAST);
        assertThat(n.fourOctetAs()).isFalse();
        assertThat(n.routeRefresh()).isFalse();
    }

    @Test
    void addPathDirectionsAreTheIntersectionOfBothSides() {
        PeerConfig c = config().addPath(Map.of(AddressFamily.IPV4_UNICAST, Direction.BOTH,
                AddressFamily.IPV6_UNICAST, Direction.RECEIVE)).build();
        Negotiated n = accepted(c, open(65002, 90, 2, mp(AddressFamily.IPV4_UNICAST), mp(AddressFamily.IPV6_UNICAST),
                new Capability.AddPath(List.of(
                        new Capability.AddPath.Entry(AddressFamily.IPV4_UNICAST, Direction.RECEIVE),
                        new Capability.AddPath.Entry(AddressFamily.IPV6_UNICAST, Direction.BOTH)))));
        assertThat(n.addPathSend()).containsExactly(AddressFamily.IPV4_UNICAST);
        assertThat(n.addPathReceive()).containsExactly(AddressFamily.IPV6_UNICAST);
    }

    @Test
    void gracefulRestartExtendedNextHopAndExtendedMessageNeedBothSides() {
        PeerConfig c = config().gracefulRestart(new PeerConfig.GracefulRestart(120, false, true))
                .extendedNextHop(true).extendedMessage(true).build();
        Capability.GracefulRestart peerGr = new Capability.GracefulRestart(false, true, 90, List.of(
                new Capability.GracefulRestart.Entry(AddressFamily.IPV4_UNICAST, true)));
        Negotiated n = accepted(c, open(65002, 90, 2, mp(AddressFamily.IPV4_UNICAST), peerGr,
                new Capability.ExtendedNextHop(List.of(new Capability.ExtendedNextHop.Entry(AddressFamily.IPV4_UNICAST, 2))),
                new Capability.ExtendedMessage()));
        assertThat(n.peerGracefulRestart()).isEqualTo(peerGr);
        assertThat(n.localGracefulRestart()).isTrue();
        assertThat(n.gracefulRestart(AddressFamily.IPV4_UNICAST)).isTrue();
        assertThat(n.extendedNextHop()).containsExactly(AddressFamily.IPV4_UNICAST);
        assertThat(n.maxMessageLength()).isEqualTo(65535);

        Negotiated plain = accepted(config().build(), open(65002, 90, 2, mp(AddressFamily.IPV4_UNICAST), peerGr,
                new Capability.ExtendedMessage()));
        assertThat(plain.localGracefulRestart()).isFalse();
        assertThat(plain.maxMessageLength()).isEqualTo(4096);
        assertThat(plain.extendedNextHop()).isEmpty();
    }

    @Test
    void configRejectsHoldTimeTwoNamingThePeer() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config().holdTime(2).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("peer 192.0.2.2").hasMessageContaining("hold time 2");
    }
}
