package dev.podbgp.bgp.wire;

import static dev.podbgp.bgp.wire.Wire.attr;
import static dev.podbgp.bgp.wire.Wire.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A connection's {@link BgpDecoder} keeps its UPDATE scratch state from one
 * message to the next. Decoding a stream with it must give exactly what a
 * fresh decode of each message gives, whatever came before (an attribute, an
 * issue or an error of an earlier UPDATE must not leak into a later one), and
 * a result must stay as it was while later messages are decoded. It reads
 * each message where it lies in the stream, so it must also read nothing of
 * the next one.
 */
class ConnectionDecoderTest {
    private static final long SEED = Long.getLong("podbgp.seed", System.nanoTime());
    private static final String ORIGIN = "40 01 01 00 ";
    private static final String AS_PATH = "40 02 06 02 01 0000fde9 ";
    private static final String NEXT_HOP = "40 03 04 c0000201 ";
    private static final String NLRI = "18 0af401 18 0af402 18 0af403";

    /** UPDATEs that end in each RFC 7606 outcome, so state of every kind is left behind for the next one. */
    private static final List<byte[]> AWKWARD = List.of(
            // treat-as-withdraw: ORIGIN 5 is undefined
            update("", "40 01 01 05 " + AS_PATH + NEXT_HOP, NLRI),
            // attribute discard: ATOMIC_AGGREGATE with a value, and a second ORIGIN
            update("", ORIGIN + AS_PATH + NEXT_HOP + attr(0x40, 6, "01") + "40 01 01 02", "18 0af404"),
            // an unknown optional transitive attribute and a LOCAL_PREF (kept on iBGP)
            update("", ORIGIN + AS_PATH + NEXT_HOP + attr(0xc0, 200, "abcd") + attr(0x40, 5, "00000064"), NLRI),
            // session reset: NLRI prefix length 33
            update("", ORIGIN + AS_PATH + NEXT_HOP, "21 0af40100 00"),
            // missing well-known NEXT_HOP: treat-as-withdraw
            update("18 0af405", ORIGIN + AS_PATH, NLRI),
            // a plain withdrawal
            update("18 0af401 18 0af402", "", ""));

    @Test
    void aStreamDecodesAsEachMessageDoesAlone() {
        RandomBgp random = new RandomBgp(SEED);
        CodecOptions options = Wire.ibgp4().withExtendedMessage(true);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            frames.add(i % 3 == 0 ? AWKWARD.get(i / 3 % AWKWARD.size()) : Wire.encode(random.update(options), options));
        }
        ByteBuf stream = Unpooled.buffer();
        frames.forEach(stream::writeBytes);

        BgpDecoder connection = new BgpDecoder();
        List<DecodeResult> results = new ArrayList<>();
        for (byte[] frame : frames) {
            int length = BgpDecoder.frameLength(stream, options);
            assertThat(length).isEqualTo(frame.length);
            int at = stream.readerIndex();
            DecodeResult r = connection.decodeNext(stream, length, options);
            assertThat(stream.readerIndex()).isEqualTo(at + length);
            assertThat(r).as("message %d of seed %d, %s", results.size(), SEED, Wire.hex(frame))
                    .isEqualTo(BgpDecoder.decode(Unpooled.wrappedBuffer(frame), options));
            results.add(r);
        }
        for (int i = 0; i < frames.size(); i++) {
            assertThat(results.get(i)).as("message %d of seed %d after the whole stream", i, SEED)
                    .isEqualTo(BgpDecoder.decode(Unpooled.wrappedBuffer(frames.get(i)), options));
        }
        assertThat(results).hasAtLeastOneElementOfType(DecodeResult.TreatAsWithdraw.class)
                .hasAtLeastOneElementOfType(DecodeResult.SessionReset.class)
                .anyMatch(r -> r instanceof DecodeResult.Decoded d && !d.issues().isEmpty());
    }

    @Test
    void aConnectionSharesOneNextHopObjectWhileTheNextHopStays() {
        CodecOptions options = Wire.ibgp4();
        BgpDecoder connection = new BgpDecoder();
        java.util.function.Function<String, java.net.Inet4Address> hopOf = hex -> {
            byte[] frame = update("", ORIGIN + AS_PATH + "40 03 04 " + hex, NLRI);
            DecodeResult r = connection.decodeNext(Unpooled.wrappedBuffer(frame), frame.length, options);
            return ((UpdateMessage) ((DecodeResult.Decoded) r).message()).attributes().nextHop();
        };
        java.net.Inet4Address first = hopOf.apply("c0000201");
        assertThat(hopOf.apply("c0000201")).isSameAs(first);
        java.net.Inet4Address other = hopOf.apply("c0000202");
        assertThat(other).isNotEqualTo(first);
        assertThat(hopOf.apply("c0000202")).isSameAs(other);
    }
}
