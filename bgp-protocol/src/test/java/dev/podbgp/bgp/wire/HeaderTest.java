package dev.podbgp.bgp.wire;

import static dev.podbgp.bgp.wire.Wire.MARKER;
import static dev.podbgp.bgp.wire.Wire.assertNotification;
import static dev.podbgp.bgp.wire.Wire.decoded;
import static dev.podbgp.bgp.wire.Wire.hex;
import static dev.podbgp.bgp.wire.Wire.reset;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 4271 §6.1 header errors, framing, KEEPALIVE, NOTIFICATION and ROUTE-REFRESH (RFC 2918, RFC 7313). */
class HeaderTest {
    private static final CodecOptions OPTS = CodecOptions.OPEN_DEFAULTS;

    @Test
    void frameLengthWaitsForAHeaderThenReportsTheLengthField() {
        byte[] keepalive = hex(MARKER + "0013 04");
        assertThat(BgpDecoder.frameLength(Unpooled.wrappedBuffer(keepalive, 0, 18), OPTS)).isEqualTo(-1);
        assertThat(BgpDecoder.frameLength(Unpooled.wrappedBuffer(keepalive), OPTS)).isEqualTo(19);
        byte[] update = hex(MARKER + "0017 02 0000 0000");
        // Only the header is there yet: the length field still says how long to wait.
        assertThat(BgpDecoder.frameLength(Unpooled.wrappedBuffer(update, 0, 19), OPTS)).isEqualTo(23);
    }

    @Test
    void frameLengthHandsOverJustTheHeaderWhenItIsInvalid() {
        assertThat(BgpDecoder.frameLength(Unpooled.wrappedBuffer(hex(MARKER + "1001 02")), OPTS)).isEqualTo(19);
        assertThat(BgpDecoder.frameLength(Unpooled.wrappedBuffer(hex(MARKER + "0012 04")), OPTS)).isEqualTo(19);
        assertThat(BgpDecoder.frameLength(Unpooled.wrappedBuffer(hex("00" + MARKER.substring(2) + "0013 04")), OPTS))
                .isEqualTo(19);
        // 4097 is fine once extended messages are agreed.
        assertThat(BgpDecoder.frameLength(Unpooled.wrappedBuffer(hex(MARKER + "1001 02")),
                OPTS.withExtendedMessage(true))).isEqualTo(4097);
    }

    @Test
    void markerNotAllOnesIsConnectionNotSynchronized() {
        var r = reset(hex("fffffffffffffffffffffffffffffffe 0013 04"), OPTS);
        assertNotification(r, 1, 1, "");
        assertThat(r.reason()).contains("fffffffffffffffffffffffffffffffe");
    }

    @Test
    void lengthOverTheLimitIsBadMessageLengthWithTheLengthAsData() {
        var r = reset(hex(MARKER + "1001 02"), OPTS);
        assertNotification(r, 1, 2, "1001");
        assertThat(r.reason()).contains("4097").contains("extended messages");
    }

    @Test
    void lengthUnderNineteenIsBadMessageLength() {
        assertNotification(reset(hex(MARKER + "0012 04"), OPTS), 1, 2, "0012");
    }

    @Test
    void perTypeMinimumsAreBadMessageLength() {
        // OPEN under 29, UPDATE under 23, NOTIFICATION under 21, KEEPALIVE not 19.
        assertNotification(reset(hex(MARKER + "001c 01" + "04fde800b4c0000201"), OPTS), 1, 2, "001c");
        assertNotification(reset(hex(MARKER + "0016 02" + "000000"), OPTS), 1, 2, "0016");
        assertNotification(reset(hex(MARKER + "0014 03" + "06"), OPTS), 1, 2, "0014");
        assertNotification(reset(hex(MARKER + "0014 04" + "00"), OPTS), 1, 2, "0014");
    }

    @Test
    void openOverFourKilobytesIsRefusedEvenWithExtendedMessages() {
        byte[] open = new byte[4097];
        Arrays.fill(open, 0, 16, (byte) 0xff);
        open[16] = 0x10;
        open[17] = 0x01;
        open[18] = 1;
        assertNotification(reset(open, OPTS.withExtendedMessage(true)), 1, 2, "1001");
    }

    @Test
    void unknownTypeIsBadMessageTypeWithTheTypeAsData() {
        var r = reset(hex(MARKER + "0013 06"), OPTS);
        assertNotification(r, 1, 3, "06");
        assertThat(r.reason()).contains("type 6");
    }

    @Test
    void lengthFieldDisagreeingWithTheFrameIsBadMessageLength() {
        assertNotification(reset(hex(MARKER + "0017 02 0000 0000 00"), OPTS), 1, 2, "0017");
    }

    @Test
    void keepaliveRoundTrips() {
        byte[] bytes = hex(MARKER + "0013 04");
        assertThat(decoded(bytes, OPTS)).isEqualTo(KeepaliveMessage.INSTANCE);
        assertThat(Wire.encode(KeepaliveMessage.INSTANCE, OPTS)).isEqualTo(bytes);
    }

    @Test
    void notificationRoundTripsWithData() {
        // Cease / Administrative Shutdown with an RFC 9003 communication "bye".
        byte[] bytes = hex(MARKER + "0019 03 06 02 03 627965");
        NotificationMessage n = (NotificationMessage) decoded(bytes, OPTS);
        assertThat(n.code()).isEqualTo(6);
        assertThat(n.subcode()).isEqualTo(2);
        assertThat(n.shutdownCommunication()).isEqualTo("bye");
        assertThat(Wire.encode(n, OPTS)).isEqualTo(bytes);
    }

    @Test
    void notificationWithUnknownCodeIsStillDecoded() {
        // RFC 4271 §6.4: an error in a NOTIFICATION cannot be reported back; log it.
        NotificationMessage n = (NotificationMessage) decoded(hex(MARKER + "0015 03 63 07"), OPTS);
        assertThat(n.code()).isEqualTo(99);
        assertThat(n.describe()).contains("99");
    }

    @Test
    void routeRefreshSubtypesOfRfc7313RoundTrip() {
        for (int subtype = 0; subtype <= 2; subtype++) {
            byte[] bytes = hex(MARKER + "0017 05 0002" + String.format("%02x", subtype) + "01");
            RouteRefreshMessage rr = (RouteRefreshMessage) decoded(bytes, OPTS);
            assertThat(rr).isEqualTo(new RouteRefreshMessage(AddressFamily.IPV6_UNICAST, subtype));
            assertThat(Wire.encode(rr, OPTS)).isEqualTo(bytes);
        }
    }

    @Test
    void routeRefreshOfWrongLengthIsInvalidMessageLengthWithTheWholeMessage() {
        String msg = MARKER + "0018 05 0001 01 01 00";
        var r = reset(hex(msg), OPTS);
        assertNotification(r, 7, 1, msg);
        String shortMsg = MARKER + "0016 05 0001 00";
        assertNotification(reset(hex(shortMsg), OPTS), 7, 1, shortMsg);
    }

    @Test
    void routeRefreshWithUnknownSubtypeIsIgnored() {
        DecodeResult r = Wire.decode(hex(MARKER + "0017 05 0001 03 01"), OPTS);
        assertThat(r).isInstanceOf(DecodeResult.Ignored.class);
        assertThat(((DecodeResult.Ignored) r).reason()).contains("subtype 3");
    }

    @Test
    void encoderRefusesOverLongMessagesAndWritesNothing() {
        var out = Unpooled.buffer();
        out.writeByte(0x42);
        NotificationMessage big = new NotificationMessage(6, 2, new byte[4096 - 21 + 1]);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BgpEncoder.encode(big, OPTS, out))
                .isInstanceOf(MessageTooLongException.class)
                .hasMessageContaining("4097").hasMessageContaining("4096");
        assertThat(out.readableBytes()).isEqualTo(1);
        // Exactly at the limit is fine; with extended messages the limit is 65535.
        BgpEncoder.encode(new NotificationMessage(6, 2, new byte[4096 - 21]), OPTS, out);
        assertThat(out.readableBytes()).isEqualTo(1 + 4096);
        BgpEncoder.encode(big, OPTS.withExtendedMessage(true), out);
        assertThat(out.readableBytes()).isEqualTo(1 + 4096 + 4097);
    }
}
