package dev.podbgp.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every length field of the protocol claiming far more than the frame holds:
 * decoding such a short frame must yield a typed outcome and allocate a few
 * kilobytes at most, never a list or buffer sized from the claim (which
 * could be 65535 elements). The fuzz test checks the same bound on random
 * input; these are the cases spelled out, one per length field.
 */
class LengthFieldAllocationTest {
    /** Result, message, reason text: what a short frame may cost, whatever it claims. */
    private static final long LIMIT = 8 * 1024;

    private static final CodecOptions OPTIONS = new CodecOptions(true, true, true,
            Set.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST), Set.of(), Set.of(),
            Set.of(AddressFamily.IPV4_UNICAST));

    static Stream<Arguments> claims() {
        String open = "04fde900b4c0000201"; // version 4, AS 65001, hold 180, id 192.0.2.1
        String origin = "40010100";
        return Stream.of(
                Arguments.of("header length 65535, 19 bytes framed", header(0xFFFF, 2)),
                Arguments.of("OPEN optional parameters length 255, none there", message(1, open + "ff")),
                Arguments.of("OPEN RFC 9072 parameters length 65535", message(1, open + "ffff" + "ffff")),
                Arguments.of("OPEN capability length 255 in a 4-byte parameter", message(1, open + "04" + "0202" + "41ff")),
                Arguments.of("UPDATE withdrawn routes length 65535", message(2, "ffff" + "0000")),
                Arguments.of("UPDATE path attribute length 65535", message(2, "0000" + "ffff")),
                Arguments.of("AS_PATH extended length 65535", message(2, "0000" + "0008" + "5002ffff" + "02010000")),
                Arguments.of("AS_PATH segment of 255 AS numbers, 4 bytes there",
                        message(2, "0000" + "000d" + origin + "400206" + "02ff" + "0000fde9")),
                Arguments.of("COMMUNITIES extended length 65532", message(2, "0000" + "0008" + "d008fffc" + "fde90064")),
                Arguments.of("LARGE_COMMUNITY extended length 65532", message(2, "0000" + "0008" + "d020fffc" + "fde90064")),
                Arguments.of("CLUSTER_LIST extended length 65532", message(2, "0000" + "0008" + "900afffc" + "0a000001")),
                Arguments.of("unknown attribute extended length 65535", message(2, "0000" + "0008" + "d0c8ffff" + "01020304")),
                Arguments.of("MP_REACH_NLRI extended length 65535", message(2, "0000" + "0008" + "900effff" + "00020110")),
                Arguments.of("MP_REACH_NLRI next hop length 255", message(2, "0000" + "0009" + "800e06" + "000201" + "ff" + "2001")),
                Arguments.of("MP_UNREACH_NLRI prefix length 255", message(2, "0000" + "0009" + "800f06" + "000201" + "ff" + "2001")),
                Arguments.of("NLRI prefix length 255", message(2, "0000" + "0000" + "ff0a0000")),
                Arguments.of("NLRI of a /32 cut short", message(2, "0000" + "0000" + "200a0000")),
                Arguments.of("ROUTE-REFRESH header length 65535", header(0xFFFF, 5) + "00010001"),
                Arguments.of("NOTIFICATION header length 65535", header(0xFFFF, 3) + "0602"));
    }

    private static String header(int length, int type) {
        return "ffffffffffffffffffffffffffffffff" + String.format("%04x%02x", length, type);
    }

    private static String message(int type, String body) {
        return header(19 + body.length() / 2, type) + body;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("claims")
    void shortFrameClaimingALotAllocatesLittle(String name, String hex) {
        var mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported(),
                "per-thread allocation counter not available");
        var threads = (com.sun.management.ThreadMXBean) mx;
        byte[] frame = HexFormat.of().parseHex(hex);
        ByteBuf buf = Unpooled.wrappedBuffer(frame);
        // Warm up so class loading and first-call initialisation are not counted.
        for (int i = 0; i < 50; i++) {
            BgpDecoder.decode(buf, OPTIONS);
            BgpDecoder.frameLength(buf, OPTIONS);
        }
        long least = Long.MAX_VALUE;
        DecodeResult result = null;
        for (int i = 0; i < 5; i++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            result = BgpDecoder.decode(buf, OPTIONS);
            BgpDecoder.frameLength(buf, OPTIONS);
            least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
        }
        assertThat(result).as(name).isNotNull();
        assertThat(least).as("bytes allocated decoding the %d-byte frame %s (%s)", frame.length, hex, result)
                .isLessThanOrEqualTo(LIMIT);
    }
}
