package dev.podbgp.bgp.session;

import dev.podbgp.bgp.wire.BgpDecoder;
import dev.podbgp.bgp.wire.DecodeResult;
import dev.podbgp.bgp.wire.OpenMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Cuts the byte stream into BGP messages and decodes them into
 * {@link DecodeResult}s. The length limit is the codec's (4096, or 65535 with
 * extended messages): a longer length field is a header error, never a reason
 * to buffer. After a session reset nothing more is decoded.
 */
final class BgpFrameDecoder extends ByteToMessageDecoder {
    private final WireState wire;
    /** This connection's own: it keeps its scratch state from one message to the next. */
    private final BgpDecoder decoder = new BgpDecoder();
    private boolean failed;

    BgpFrameDecoder(WireState wire) {
        this.wire = wire;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int length = BgpDecoder.frameLength(in, wire.options());
        if (length < 0 || in.readableBytes() < length) {
            return;
        }
        DecodeResult r = decoder.decodeNext(in, length, wire.options());
        if (r instanceof DecodeResult.Decoded d && d.message() instanceof OpenMessage open) {
            wire.received(open);
        } else if (r instanceof DecodeResult.SessionReset) {
            failed = true;
            in.skipBytes(in.readableBytes());
        }
        out.add(r);
    }
}
