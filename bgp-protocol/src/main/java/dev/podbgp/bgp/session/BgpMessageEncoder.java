package dev.podbgp.bgp.session;

import dev.podbgp.bgp.wire.BgpEncoder;
import dev.podbgp.bgp.wire.BgpMessage;
import dev.podbgp.bgp.wire.OpenMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Encodes messages with the channel's current codec options; remembers our OPEN for the negotiation. */
final class BgpMessageEncoder extends MessageToByteEncoder<BgpMessage> {
    private final WireState wire;

    BgpMessageEncoder(WireState wire) {
        super(BgpMessage.class);
        this.wire = wire;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, BgpMessage msg, ByteBuf out) {
        if (msg instanceof OpenMessage open) {
            wire.sent(open);
        }
        BgpEncoder.encode(msg, wire.options(), out);
    }
}
