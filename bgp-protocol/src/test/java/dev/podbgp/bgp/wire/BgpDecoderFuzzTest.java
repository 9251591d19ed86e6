package dev.podbgp.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Jazzer fuzz tests of the decoder. In a normal {@code mvn test} they run
 * the committed corpus ({@code src/test/resources/.../BgpDecoderFuzzTestInputs/<method>/})
 * as regression tests; with {@code JAZZER_FUZZ=1} they fuzz (see
 * docs/benchmarks.md, "Codec fuzzing").
 *
 * <p>What must hold for any input: the decoder returns a {@link DecodeResult}
 * (an exception escaping it is a finding), a decoded message encodes again
 * and decodes to itself, the NOTIFICATION of a session reset can be sent,
 * and decoding an N-byte frame allocates O(N) bytes, never an amount some
 * length field in the frame claims.
 */
class BgpDecoderFuzzTest {
    /** Fixed overhead per decode: the result, the message, lists and a reason string. */
    private static final long ALLOCATION_SLACK = 16 * 1024;
    /**
     * Bytes the decoder may allocate per frame byte. The densest input is a
     * list of zero-length prefixes: one wire byte becomes one prefix object
     * (24 bytes) and its list slots (ArrayList growth, then List.copyOf).
     */
    private static final long ALLOCATION_PER_BYTE = 128;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static final Set<AddressFamily> BOTH =
            Set.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST);

    /**
     * Session settings from one input byte, so the fuzzer explores every wire
     * form: bit 0 4-octet AS, 1 extended message, 2 iBGP, 3-4 ADD-PATH
     * families (none, IPv4, IPv6, both), 5 RFC 8950 for IPv4.
     */
    static CodecOptions options(int bits) {
        Set<AddressFamily> addPath = switch (bits >>> 3 & 3) {
            case 0 -> Set.of();
            case 1 -> Set.of(AddressFamily.IPV4_UNICAST);
            case 2 -> Set.of(AddressFamily.IPV6_UNICAST);
            default -> BOTH;
        };
        return new CodecOptions((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, BOTH, addPath, addPath,
                (bits & 0x20) != 0 ? Set.of(AddressFamily.IPV4_UNICAST) : Set.of());
    }

    /**
     * One message. Input: a byte of session settings ({@link #options}), a
     * byte saying how to frame the rest, then the bytes. Usually the frame
     * gets a valid marker and a length field that matches, so the fuzzer
     * spends its time in the message bodies; shape 0 takes the bytes as the
     * whole frame, header errors included.
     */
    @FuzzTest(maxDuration = "5m")
    void decodeFrame(byte[] input) {
        if (input.length < 2) {
            return;
        }
        CodecOptions options = options(input[0]);
        byte[] frame = frame(input[1] & 3, java.util.Arrays.copyOfRange(input, 2, input.length));
        ByteBuf buf = Unpooled.wrappedBuffer(frame);
        DecodeResult result = decodeMeasured(buf, options);
        checkResult(result, options, frame);
    }

    /**
     * A byte stream cut into frames the way the channel handler does: only
     * {@link BgpDecoder#frameLength} decides where a message ends, until a
     * session reset ends the stream. Input: a byte of session settings, then the stream.
     */
    @FuzzTest(maxDuration = "5m")
    void decodeStream(byte[] input) {
        if (input.length < 1) {
            return;
        }
        CodecOptions options = options(input[0]);
        ByteBuf in = Unpooled.wrappedBuffer(input, 1, input.length - 1);
        // What a channel does: one decoder for the connection, reading each message in place.
        BgpDecoder connection = new BgpDecoder();
        ByteBuf stream = Unpooled.wrappedBuffer(input, 1, input.length - 1);
        for (int messages = 0; messages < 1000; messages++) {
            int len = BgpDecoder.frameLength(in, options);
            if (len < 0 || in.readableBytes() < len) {
                return;
            }
            assertThat(len).isBetween(BgpDecoder.HEADER_LENGTH, options.maxMessageLength());
            ByteBuf frame = in.readSlice(len);
            byte[] bytes = new byte[len];
            frame.getBytes(frame.readerIndex(), bytes);
            DecodeResult result = decodeMeasured(frame, options);
            checkResult(result, options, bytes);
            assertThat(connection.decodeNext(stream, len, options))
                    .as("the connection's decoder, reading in place, on message %d", messages).isEqualTo(result);
            if (result instanceof DecodeResult.SessionReset) {
                return;
            }
        }
    }

    private static byte[] frame(int shape, byte[] body) {
        if (shape == 0) {
            return body; // raw: header errors too
        }
        int type = shape == 1 ? MessageType.UPDATE.code() : (body.length > 0 ? body[0] & 7 : 2);
        byte[] rest = shape == 1 || body.length == 0 ? body : java.util.Arrays.copyOfRange(body, 1, body.length);
        int length = Math.min(BgpDecoder.HEADER_LENGTH + rest.length, 0xFFFF);
        byte[] frame = new byte[length];
        java.util.Arrays.fill(frame, 0, 16, (byte) 0xFF);
        frame[16] = (byte) (length >>> 8);
        frame[17] = (byte) length;
        frame[18] = (byte) type;
        System.arraycopy(rest, 0, frame, BgpDecoder.HEADER_LENGTH, length - BgpDecoder.HEADER_LENGTH);
        return frame;
    }

    /**
     * Decodes twice and measures the second run, after class loading and
     * first-use initialisation, on this thread: what it allocates must be
     * bounded by the frame's size.
     */
    private static DecodeResult decodeMeasured(ByteBuf frame, CodecOptions options) {
        int size = frame.readableBytes();
        BgpDecoder.decode(frame, options);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        DecodeResult result = BgpDecoder.decode(frame, options);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated)
                .as("bytes allocated decoding a %d-byte frame (%s)", size, result)
                .isLessThanOrEqualTo(ALLOCATION_SLACK + ALLOCATION_PER_BYTE * size);
        assertThat(frame.readableBytes()).as("decode must not move the frame's indices").isEqualTo(size);
        return result;
    }

    /** Every outcome is typed; a decoded message survives re-encoding unchanged. */
    private static void checkResult(DecodeResult result, CodecOptions options, byte[] frame) {
        assertThat(result).isNotNull();
        if (result instanceof DecodeResult.Decoded d) {
            reencode(d.message(), options);
        } else if (result instanceof DecodeResult.TreatAsWithdraw t) {
            assertThat(t.withdrawals().attributes().isEmpty()).as("treat-as-withdraw keeps no attributes").isTrue();
            assertThat(t.withdrawals().nlri()).isEmpty();
            assertThat(t.withdrawals().mpReach()).isNull();
            assertThat(t.reason()).isNotBlank();
        } else if (result instanceof DecodeResult.SessionReset r) {
            assertThat(r.notification()).isNotNull();
            assertThat(r.reason()).isNotBlank();
            // The session sends this NOTIFICATION: it must fit the session's limit.
            ByteBuf out = Unpooled.buffer();
            try {
                BgpEncoder.encode(r.notification(), options, out);
            } finally {
                out.release();
            }
        } else if (result instanceof DecodeResult.Ignored i) {
            assertThat(i.reason()).isNotBlank();
        } else {
            throw new AssertionError("untyped outcome " + result + " for frame " + java.util.HexFormat.of().formatHex(frame));
        }
    }

    /**
     * What a path comes back as from a 2-octet peer: AS4_PATH carries no
     * confederation segments (RFC 6793 §3) and the merge keeps only those
     * that lead AS_PATH (§4.2.3), so confederation segments further in are
     * lost when the path has AS numbers over 65535. A limit of the protocol,
     * not of the codec; a decoder may see such paths (confederation
     * segments after others are unusual but not malformed, RFC 5065).
     */
    private static AsPath throughAs4Path(AsPath path) {
        if (path == null) {
            return null;
        }
        boolean wide = false;
        for (AsPathSegment s : path.segments()) {
            for (int asn : s.asns()) {
                wide |= Integer.compareUnsigned(asn, 0xFFFF) > 0;
            }
        }
        if (!wide) {
            return path;
        }
        List<AsPathSegment> out = new ArrayList<>();
        boolean leading = true;
        for (AsPathSegment s : path.segments()) {
            boolean confed = s.type() == AsPathSegment.Type.AS_CONFED_SEQUENCE
                    || s.type() == AsPathSegment.Type.AS_CONFED_SET;
            leading &= confed;
            if (!confed || leading) {
                out.add(s);
            }
        }
        return new AsPath(out);
    }

    private static UpdateMessage withPath(UpdateMessage u, AsPath path) {
        return new UpdateMessage(u.withdrawn(), u.attributes().toBuilder().asPath(path).build(), u.nlri(),
                u.mpReach(), u.mpUnreach());
    }

    private static AsPath canonical(AsPath path) {
        return path == null ? null : As4MergePropertyTest.canonical(path);
    }

    /**
     * What we decoded we can send on: encoding must not fail (except for
     * growing over the limit, which happens when AS4_PATH merging widens a
     * path) and must decode to the same message, but for what 2-octet
     * peers cannot carry ({@link #throughAs4Path}).
     */
    private static void reencode(BgpMessage message, CodecOptions options) {
        ByteBuf out = Unpooled.buffer();
        try {
            try {
                BgpEncoder.encode(message, options, out);
            } catch (MessageTooLongException tooLong) {
                return;
            }
            DecodeResult again = BgpDecoder.decode(out, options);
            assertThat(again).as("re-decoding %s", message).isInstanceOf(DecodeResult.Decoded.class);
            BgpMessage back = ((DecodeResult.Decoded) again).message();
            if (message instanceof UpdateMessage u && back instanceof UpdateMessage b && !options.fourOctetAs()) {
                assertThat(b).isEqualTo(withPath(u, b.attributes().asPath()));
                assertThat(canonical(b.attributes().asPath())).as("AS path of %s", message)
                        .isEqualTo(canonical(throughAs4Path(u.attributes().asPath())));
            } else {
                assertThat(back).isEqualTo(message);
            }
        } finally {
            out.release();
        }
    }
}
