package dev.podbgp.bgp.wire;

import static dev.podbgp.bgp.wire.Wire.assertNotification;
import static dev.podbgp.bgp.wire.Wire.decoded;
import static dev.podbgp.bgp.wire.Wire.hex;
import static dev.podbgp.bgp.wire.Wire.message;
import static dev.podbgp.bgp.wire.Wire.reset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OPEN (RFC 4271 §4.2, §6.2), capabilities (RFC 5492 and each capability's RFC), RFC 9072. */
class OpenCodecTest {
    private static final CodecOptions OPTS = CodecOptions.OPEN_DEFAULTS;

    /** Every capability podbgp parses, plus two it does not, in one Capabilities parameter. */
    private static final String CAPS = ""
            + "01 04 0001 00 01"              // multiprotocol ipv4 unicast
            + "01 04 0002 00 01"              // multiprotocol ipv6 unicast
            + "02 00"                         // route refresh
            + "46 00"                         // enhanced route refresh
            + "06 00"                         // extended message
            + "41 04 fa56ea01"                // 4-octet AS 4200000001
            + "45 04 0001 01 03"              // ADD-PATH ipv4 unicast send+receive
            + "05 06 0001 0001 0002"          // extended next hop: ipv4 unicast over IPv6
            + "40 06 c078 0001 01 80"         // graceful restart R+N, 120 s, ipv4 unicast F
            + "47 07 0001 01 80 000e10"       // LLGR ipv4 unicast F, 3600 s
            + "49 0b 05 6e6f646531 04 74657374" // FQDN node1 / test
            + "80 00"                         // old Cisco route refresh: unknown
            + "09 01 03";                     // BGP role: unknown to podbgp, kept

    private static String open(String params) {
        byte[] p = hex(params);
        return "04 5ba0 00b4 c0000201" + String.format("%02x", p.length) + params;
    }

    private static String capsParam(String caps) {
        return "02" + String.format("%02x", hex(caps).length) + caps;
    }

    @Test
    void everyCapabilityDecodesAndReEncodesByteForByte() {
        byte[] bytes = message(1, open(capsParam(CAPS)));
        OpenMessage open = (OpenMessage) decoded(bytes, OPTS);
        assertThat(open.version()).isEqualTo(4);
        assertThat(open.myAutonomousSystem()).isEqualTo(OpenMessage.AS_TRANS);
        assertThat(open.holdTime()).isEqualTo(180);
        assertThat(Ipv4.format(open.bgpIdentifier())).isEqualTo("192.0.2.1");
        assertThat(open.asNumber()).isEqualTo(4200000001L);
        assertThat(open.capabilities()).containsExactly(
                new Capability.Multiprotocol(AddressFamily.IPV4_UNICAST),
                new Capability.Multiprotocol(AddressFamily.IPV6_UNICAST),
                new Capability.RouteRefresh(),
                new Capability.EnhancedRouteRefresh(),
                new Capability.ExtendedMessage(),
                new Capability.FourOctetAs((int) 4200000001L),
                new Capability.AddPath(List.of(new Capability.AddPath.Entry(AddressFamily.IPV4_UNICAST,
                        Capability.AddPath.Direction.BOTH))),
                new Capability.ExtendedNextHop(List.of(new Capability.ExtendedNextHop.Entry(
                        AddressFamily.IPV4_UNICAST, AddressFamily.AFI_IPV6))),
                new Capability.GracefulRestart(true, true, 120, List.of(new Capability.GracefulRestart.Entry(
                        AddressFamily.IPV4_UNICAST, true))),
                new Capability.LongLivedGracefulRestart(List.of(new Capability.LongLivedGracefulRestart.Entry(
                        AddressFamily.IPV4_UNICAST, true, 3600))),
                new Capability.Fqdn("node1", "test"),
                new Capability.Unknown(128, new byte[0]),
                new Capability.Unknown(9, new byte[] {3}));
        assertThat(hex(Wire.encode(open, OPTS))).isEqualTo(hex(bytes));
    }

    @Test
    void gracefulRestartWithoutFlagsOrFamilies() {
        OpenMessage open = (OpenMessage) decoded(message(1, open(capsParam("40 02 005a"))), OPTS);
        assertThat(open.capabilities()).containsExactly(new Capability.GracefulRestart(false, false, 90, List.of()));
    }

    @Test
    void capabilitiesSpreadOverSeveralParametersAreCollected() {
        String params = capsParam("01 04 0001 00 01") + capsParam("41 04 0000fde9 02 00");
        OpenMessage open = (OpenMessage) decoded(message(1, open(params)), OPTS);
        assertThat(open.capabilities()).containsExactly(new Capability.Multiprotocol(AddressFamily.IPV4_UNICAST),
                new Capability.FourOctetAs(65001), new Capability.RouteRefresh());
    }

    @Test
    void noOptionalParametersAtAll() {
        OpenMessage open = (OpenMessage) decoded(message(1, "04 fde9 0000 0a000001 00"), OPTS);
        assertThat(open.capabilities()).isEmpty();
        assertThat(open.holdTime()).isZero();
        assertThat(open.asNumber()).isEqualTo(65001);
    }

    @Test
    void unsupportedVersionSendsTheLargestSupportedVersionAsTwoOctets() {
        var r = reset(message(1, "03 fde9 00b4 0a000001 00"), OPTS);
        assertNotification(r, 2, 1, "0004");
        assertThat(r.reason()).contains("version 3");
    }

    @Test
    void holdTimeOfOneOrTwoSecondsIsUnacceptable() {
        assertNotification(reset(message(1, "04 fde9 0001 0a000001 00"), OPTS), 2, 6, "");
        assertNotification(reset(message(1, "04 fde9 0002 0a000001 00"), OPTS), 2, 6, "");
        assertThat(decoded(message(1, "04 fde9 0003 0a000001 00"), OPTS)).isInstanceOf(OpenMessage.class);
    }

    @Test
    void zeroBgpIdentifierIsBadBgpIdentifier() {
        assertNotification(reset(message(1, "04 fde9 00b4 00000000 00"), OPTS), 2, 3, "");
    }

    @Test
    void optionalParameterOtherThanCapabilitiesIsUnsupported() {
        // Type 1 is the deprecated authentication parameter (RFC 4271 §4.2, removed by RFC 5492).
        var r = reset(message(1, open("01 02 abcd")), OPTS);
        assertNotification(r, 2, 4, "");
        assertThat(r.reason()).contains("type 1");
    }

    @Test
    void optionalParameterLengthMismatchIsOpenMessageError() {
        var r = reset(message(1, "04 fde9 00b4 0a000001 05 0202 0200"), OPTS);
        assertNotification(r, 2, 0, "");
        assertThat(r.reason()).contains("length 5");
    }

    @Test
    void capabilityOverrunningItsParameterIsOpenMessageError() {
        var r = reset(message(1, open("02 04 41 04 0000")), OPTS);
        assertNotification(r, 2, 0, "");
        assertThat(r.reason()).contains("capability 65 length 4 overruns");
    }

    @Test
    void capabilityOfTheWrongLengthIsOpenMessageError() {
        assertThat(reset(message(1, open(capsParam("01 03 000100"))), OPTS).reason())
                .contains("multiprotocol capability (1) length 3 is not 4");
        assertThat(reset(message(1, open(capsParam("41 02 fde9"))), OPTS).reason())
                .contains("4-octet AS capability (65) length 2 is not 4");
        assertThat(reset(message(1, open(capsParam("45 04 0001 01 04"))), OPTS).reason())
                .contains("Send/Receive value 4");
        assertThat(reset(message(1, open(capsParam("49 03 05 6e6f"))), OPTS).reason())
                .contains("FQDN");
    }

    @Test
    void extendedOptionalParametersOfRfc9072() {
        // Enough capabilities for more than 255 bytes of parameters.
        List<Capability> caps = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            caps.add(new Capability.Multiprotocol(AddressFamily.of(AddressFamily.AFI_IPV4, i + 1)));
        }
        OpenMessage big = OpenMessage.of(65001, 90, Ipv4.parse("10.0.0.1"), caps);
        byte[] bytes = Wire.encode(big, OPTS);
        // Non-Ext OP Len 255, Non-Ext OP Type 255, then the 2-octet extended length.
        assertThat(bytes[28] & 0xff).isEqualTo(255);
        assertThat(bytes[29] & 0xff).isEqualTo(255);
        int extLength = (bytes[30] & 0xff) << 8 | (bytes[31] & 0xff);
        assertThat(32 + extLength).isEqualTo(bytes.length);
        assertThat(decoded(bytes, OPTS)).isEqualTo(big);
    }

    @Test
    void rfc9072ParametersFromHex() {
        // One Capabilities parameter with a 2-octet length holding route refresh.
        byte[] bytes = message(1, "04 fde9 00b4 0a000001 ff ff 0005 02 0002 0200");
        assertThat(((OpenMessage) decoded(bytes, OPTS)).capabilities()).containsExactly(new Capability.RouteRefresh());
    }

    @Test
    void capabilitiesUpToTheClassicLimitShareOneParameter() {
        List<Capability> caps = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            caps.add(new Capability.Multiprotocol(AddressFamily.of(AddressFamily.AFI_IPV6, i + 1)));
        }
        OpenMessage open = OpenMessage.of(65001, 90, Ipv4.parse("10.0.0.1"), caps);
        byte[] bytes = Wire.encode(open, OPTS);
        // 40 * 6 = 240 bytes of capabilities: one parameter of 242 bytes, no RFC 9072 needed.
        assertThat(bytes[28] & 0xff).isEqualTo(242);
        assertThat(decoded(bytes, OPTS)).isEqualTo(open);
    }

    @Test
    void encoderRefusesACapabilityOverTwoHundredFiftyFiveBytes() {
        OpenMessage open = OpenMessage.of(65001, 90, 1, List.of(new Capability.Unknown(200, new byte[256])));
        assertThatThrownBy(() -> Wire.encode(open, OPTS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 bytes");
    }

    @Test
    void unsupportedCapabilityNotificationListsTheCapabilitiesAsInAnOpen() {
        NotificationMessage n = NotificationMessage.unsupportedCapability(List.of(
                new Capability.FourOctetAs(65001), new Capability.Multiprotocol(AddressFamily.IPV6_UNICAST)));
        assertThat(n.code()).isEqualTo(2);
        assertThat(n.subcode()).isEqualTo(7);
        assertThat(hex(n.data())).isEqualTo("41040000fde9" + "010400020001");
    }

    @Test
    void asZeroIsBadPeerAs() {
        // RFC 7607 §3, in My AS and in the 4-octet AS capability.
        assertNotification(reset(message(1, "04 0000 00b4 0a000001 00"), OPTS), 2, 2, "");
        var r = reset(message(1, open(capsParam("41 04 00000000"))), OPTS);
        assertNotification(r, 2, 2, "");
        assertThat(r.reason()).contains("4-octet AS capability is 0");
    }
}
