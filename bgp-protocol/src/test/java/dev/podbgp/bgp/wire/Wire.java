package dev.podbgp.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;

/** Test helpers: messages from hex, decoding and encoding to hex. */
final class Wire {
    private Wire() {
    }

    static final String MARKER = "ffffffffffffffffffffffffffffffff";

    /** Bytes from hex; spaces, newlines and '|' are ignored so fields can be laid out. */
    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("[\\s|]", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** A whole message: marker, the length computed from {@code body}, type. */
    static byte[] message(int type, String body) {
        byte[] b = hex(body);
        int length = 19 + b.length;
        return hex(MARKER + String.format("%04x%02x", length, type) + hex(b));
    }

    /** An UPDATE from its three fields; both length fields are computed. */
    static byte[] update(String withdrawn, String attributes, String nlri) {
        byte[] w = hex(withdrawn);
        byte[] a = hex(attributes);
        return message(2, String.format("%04x", w.length) + hex(w) + String.format("%04x", a.length) + hex(a)
                + hex(hex(nlri)));
    }

    /** An attribute: flags, type, computed length (extended when flags say so), value. */
    static String attr(int flags, int type, String value) {
        byte[] v = hex(value);
        String len = (flags & 0x10) != 0 ? String.format("%04x", v.length) : String.format("%02x", v.length);
        return String.format("%02x%02x", flags, type) + len + hex(v);
    }

    static DecodeResult decode(byte[] bytes, CodecOptions options) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        DecodeResult r = BgpDecoder.decode(buf, options);
        assertThat(buf.readerIndex()).as("decode leaves the reader index alone").isZero();
        return r;
    }

    static BgpMessage decoded(byte[] bytes, CodecOptions options) {
        DecodeResult r = decode(bytes, options);
        assertThat(r).as("outcome of %s", hex(bytes)).isInstanceOf(DecodeResult.Decoded.class);
        return ((DecodeResult.Decoded) r).message();
    }

    static DecodeResult.Decoded decodedResult(byte[] bytes, CodecOptions options) {
        DecodeResult r = decode(bytes, options);
        assertThat(r).as("outcome of %s", hex(bytes)).isInstanceOf(DecodeResult.Decoded.class);
        return (DecodeResult.Decoded) r;
    }

    static DecodeResult.SessionReset reset(byte[] bytes, CodecOptions options) {
        DecodeResult r = decode(bytes, options);
        assertThat(r).as("outcome of %s", hex(bytes)).isInstanceOf(DecodeResult.SessionReset.class);
        return (DecodeResult.SessionReset) r;
    }

    static DecodeResult.TreatAsWithdraw withdraw(byte[] bytes, CodecOptions options) {
        DecodeResult r = decode(bytes, options);
        assertThat(r).as("outcome of %s", hex(bytes)).isInstanceOf(DecodeResult.TreatAsWithdraw.class);
        return (DecodeResult.TreatAsWithdraw) r;
    }

    static byte[] encode(BgpMessage m, CodecOptions options) {
        ByteBuf out = Unpooled.buffer();
        BgpEncoder.encode(m, options, out);
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        return b;
    }

    /** Asserts the NOTIFICATION of a reset: code, subcode and data in hex. */
    static void assertNotification(DecodeResult.SessionReset r, int code, int subcode, String dataHex) {
        assertThat(r.notification().code()).as("code of %s (%s)", r.notification(), r.reason()).isEqualTo(code);
        assertThat(r.notification().subcode()).as("subcode of %s (%s)", r.notification(), r.reason())
                .isEqualTo(subcode);
        assertThat(hex(r.notification().data())).as("data of %s (%s)", r.notification(), r.reason())
                .isEqualTo(dataHex.replaceAll("[\\s|]", ""));
    }

    static CodecOptions fourOctet() {
        return CodecOptions.OPEN_DEFAULTS.withFourOctetAs(true);
    }

    static CodecOptions ibgp4() {
        return fourOctet().withIbgp(true);
    }
}
