package dev.podbgp.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of valid messages: the decoder must give a typed outcome
 * for every one, and whatever it accepts must re-encode to bytes that decode
 * to the same message. (The Jazzer fuzz test in the evidence work goes further;
 * this keeps a quick net in the unit tests.) A longer run:
 * {@code -Dtest=DecoderRobustnessTest -DargLine="-Dpodbgp.mutations=300000 -Dpodbgp.seed=2"}.
 */
class DecoderRobustnessTest {
    private static final List<CodecOptions> OPTIONS = List.of(
            CodecOptions.OPEN_DEFAULTS,
            Wire.ibgp4(),
            Wire.ibgp4().withAddPath(Set.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST), Set.of())
                    .withExtendedNextHop(Set.of(AddressFamily.IPV4_UNICAST)),
            CodecOptions.OPEN_DEFAULTS.withIbgp(true).withExtendedMessage(true));

    private static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        String base = "40 01 01 00 40 02 0a 02 02 0000fde9 fa56ea01 40 03 04 c0000201 80 04 04 00000064"
                + "40 05 04 000000c8 40 06 00 c0 07 08 0000fde9 c0000209 c0 08 08 fde90001 ffffff01"
                + "80 09 04 0a000001 80 0a 08 0a000002 0a000003 c0 10 08 0002fde900000064"
                + "c0 20 0c fa56ea01 00000001 00000002 c0 63 02 abcd";
        seeds.add(Wire.update("18 0af402", base, "18 0af401 08 0a 00 20 c0000201"));
        seeds.add(Wire.update("", Wire.attr(0x80, 14, "0002 01 20 20010db8000000000000000000000001"
                + " fe800000000000000000000000000001 00 40 20010db800010000 00")
                + Wire.attr(0x80, 15, "0002 01 30 20010db80002") + "40 01 01 00 40 02 00", ""));
        seeds.add(Wire.update("", "40 01 01 00 40 02 08 02 03 fde9 5ba0 fdea 40 03 04 c0000201"
                + "c0 07 06 5ba0 c0000209 c0 11 0e 02 03 0000fde9 fa56ea01 0000fdea c0 12 08 fa56ea01 c0000209",
                "18 0af401"));
        seeds.add(Wire.update("00000001 18 0af402", "40 01 01 00 40 02 00 40 03 04 c0000201",
                "00000002 18 0af401"));
        seeds.add(Wire.message(1, "04 5ba0 00b4 c0000201 3e 02 3c 01040001000101040002000102004600 0600"
                + "4104fa56ea01 450400010103 0506000100010002 4006c07800010180 47070001018000 0e10"
                + "490b056e6f64653104 74657374"));
        seeds.add(Wire.message(3, "06 02 03 627965"));
        seeds.add(Wire.message(5, "0002 01 01"));
        seeds.add(Wire.message(4, ""));
        return seeds;
    }

    @Test
    void everyMutationGetsATypedOutcomeAndAcceptedMessagesRoundTrip() {
        Random random = new Random(Long.getLong("podbgp.seed", 4271));
        List<byte[]> seeds = seeds();
        int[] outcomes = new int[4];
        for (int iteration = 0; iteration < Integer.getInteger("podbgp.mutations", 20_000); iteration++) {
            byte[] m = mutate(seeds.get(random.nextInt(seeds.size())), random);
            CodecOptions options = OPTIONS.get(random.nextInt(OPTIONS.size()));
            ByteBuf frame = Unpooled.wrappedBuffer(m);
            int framed = BgpDecoder.frameLength(frame, options);
            DecodeResult r = BgpDecoder.decode(frame, options);
            assertThat(r).as("outcome of %s", Wire.hex(m)).isNotNull();
            assertThat(framed).isIn(-1, 19, m.length < 19 ? -1 : (m[16] & 0xff) << 8 | (m[17] & 0xff));
            if (r instanceof DecodeResult.Decoded d) {
                outcomes[0]++;
                // Send path ids where we receive them, so the encoding is what the decoder expects.
                CodecOptions symmetric = options.withAddPath(options.addPathReceive(), options.addPathReceive());
                BgpMessage again = Wire.decoded(Wire.encode(d.message(), symmetric), symmetric);
                assertThat(again).as("re-decoded %s", Wire.hex(m)).isEqualTo(d.message());
            } else if (r instanceof DecodeResult.TreatAsWithdraw w) {
                outcomes[1]++;
                assertThat(w.reason()).isNotBlank();
                Wire.encode(w.withdrawals(), options);
            } else if (r instanceof DecodeResult.SessionReset s) {
                outcomes[2]++;
                assertThat(s.reason()).isNotBlank();
                // The NOTIFICATION we would send fits the session.
                Wire.encode(s.notification(), options);
            } else {
                outcomes[3]++;
            }
        }
        // The mutations reach every kind of outcome, not just header errors.
        assertThat(outcomes[0]).isGreaterThan(1000);
        assertThat(outcomes[1]).isGreaterThan(100);
        assertThat(outcomes[2]).isGreaterThan(1000);
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] m = seed.clone();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            int at = 19 + random.nextInt(Math.max(1, m.length - 19));
            switch (random.nextInt(6)) {
                case 0 -> m[Math.min(at, m.length - 1)] = (byte) random.nextInt(256);
                case 1 -> m[Math.min(at, m.length - 1)] ^= (byte) (1 << random.nextInt(8));
                case 2 -> m = Arrays.copyOf(m, Math.max(19, at));
                case 3 -> {
                    byte[] longer = new byte[m.length + 1];
                    int p = Math.min(at, m.length);
                    System.arraycopy(m, 0, longer, 0, p);
                    longer[p] = (byte) random.nextInt(256);
                    System.arraycopy(m, p, longer, p + 1, m.length - p);
                    m = longer;
                }
                case 4 -> m[Math.min(at, m.length - 1)] = (byte) (random.nextBoolean() ? 0 : 0xff);
                default -> {
                    if (m.length > 20) {
                        byte[] shorter = new byte[m.length - 1];
                        int p = Math.min(at, m.length - 1);
                        System.arraycopy(m, 0, shorter, 0, p);
                        System.arraycopy(m, p + 1, shorter, p, m.length - p - 1);
                        m = shorter;
                    }
                }
            }
        }
        if (random.nextInt(10) < 8) {
            // Keep the header consistent so the mutation reaches the body.
            m[16] = (byte) (m.length >>> 8);
            m[17] = (byte) m.length;
        }
        return m;
    }
}
