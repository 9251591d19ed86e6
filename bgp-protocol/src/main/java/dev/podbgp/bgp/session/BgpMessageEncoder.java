package dev.podbgp.bgp.session;

import dev.podbgp.bgp.wire.BgpEncoder;
import dev.podbgp.bgp.wire.BgpMessage;
import dev.podbgp.bgp.wire.OpenMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Encodes messages with the channel's current codec options; remembers our OPEN for the negotiation.
 *
 * <p>A {@link Batch} is encoded into one buffer: a table sent to a peer is a couple of hundred thousand
 * UPDATEs, and written one by one each was a promise, an outbound-buffer entry and a buffer of its own.
 * A message of a batch that the encoder refuses (see {@link BgpEncoder}) is logged and left out; the
 * others go. A single message that is refused fails its write instead.
 */
final class BgpMessageEncoder extends MessageToByteEncoder<Object> {
    private static final Logger log = LoggerFactory.getLogger(BgpMessageEncoder.class);
    /** A first guess of a batched message's size; the buffer grows when the batch needs more. */
    private static final int BATCH_BYTES_PER_MESSAGE = 96;

    /** Messages written together, in order. */
    record Batch(List<? extends BgpMessage> messages) {
    }

    private final WireState wire;
    private final String peer;

    BgpMessageEncoder(WireState wire, String peer) {
        this.wire = wire;
        this.peer = peer;
    }

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof BgpMessage || msg instanceof Batch;
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Object msg, boolean preferDirect) throws Exception {
        if (msg instanceof Batch b) {
            int guess = (int) Math.min(1 << 20, (long) b.messages().size() * BATCH_BYTES_PER_MESSAGE);
            return preferDirect ? ctx.alloc().ioBuffer(guess) : ctx.alloc().heapBuffer(guess);
        }
        return super.allocateBuffer(ctx, msg, preferDirect);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) {
        if (msg instanceof Batch b) {
            List<? extends BgpMessage> messages = b.messages();
            for (int i = 0; i < messages.size(); i++) {
                BgpMessage m = messages.get(i);
                try {
                    encode(m, out);
                } catch (RuntimeException e) {
                    // Nothing of it was written: the rest of the batch goes. A bug upstream, not the peer's fault.
                    log.error("peer {}: message {} of {} not sent: {}", peer, i + 1, messages.size(), e.toString());
                }
            }
            return;
        }
        encode((BgpMessage) msg, out);
    }

    private void encode(BgpMessage msg, ByteBuf out) {
        if (msg instanceof OpenMessage open) {
            wire.sent(open);
        }
        BgpEncoder.encode(msg, wire.options(), out);
    }
}
