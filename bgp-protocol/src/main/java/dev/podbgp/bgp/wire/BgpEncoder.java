package dev.podbgp.bgp.wire;

import io.netty.buffer.ByteBuf;

/**
 * Writes messages in their wire form. The value model cannot express most
 * wire errors; what it can (a prefix of the wrong family in MP_REACH_NLRI, an
 * IPv6 next hop for IPv4 without RFC 8950, a capability over 255 bytes) is
 * refused with an {@link IllegalArgumentException} naming the value. A
 * message over the session's limit is refused with a
 * {@link MessageTooLongException}; in both cases nothing is written.
 *
 * <p>Towards a peer without 4-octet AS support, AS numbers over 65535 become
 * AS_TRANS and travel in AS4_PATH / AS4_AGGREGATOR (RFC 6793 §4.2.2).
 * Attributes are written MP_REACH_NLRI / MP_UNREACH_NLRI first (RFC 7606
 * §5.1), then by type code; the extended-length flag is used exactly when a
 * value exceeds 255 bytes. Path identifiers are written for the families
 * {@link CodecOptions#sendsPathIds} names and left out for the others, so a
 * route learned over ADD-PATH can be sent on to a peer without it.
 */
public final class BgpEncoder {
    static final int HEADER_LENGTH = 19;
    static final int MARKER_LENGTH = 16;

    private BgpEncoder() {
    }

    /** The limit for a message type on a session: OPEN and KEEPALIVE stay at 4096 (RFC 8654 §3). */
    public static int maxLength(MessageType type, CodecOptions options) {
        return type == MessageType.OPEN || type == MessageType.KEEPALIVE
                ? CodecOptions.MAX_MESSAGE_LENGTH : options.maxMessageLength();
    }

    /** Appends {@code message} to {@code out}, or writes nothing and throws (see the class comment). */
    public static void encode(BgpMessage message, CodecOptions options, ByteBuf out) {
        int start = out.writerIndex();
        try {
            out.writeBytes(MARKER);
            out.writeShort(0);
            out.writeByte(message.type().code());
            if (message instanceof OpenMessage m) {
                OpenEncoder.write(m, out);
            } else if (message instanceof UpdateMessage m) {
                UpdateEncoder.write(m, options, out);
            } else if (message instanceof NotificationMessage m) {
                out.writeByte(m.code());
                out.writeByte(m.subcode());
                out.writeBytes(m.data());
            } else if (message instanceof RouteRefreshMessage m) {
                out.writeShort(m.family().afi());
                out.writeByte(m.subtype());
                out.writeByte(m.family().safi());
            }
            // KEEPALIVE: the header is the whole message.
        } catch (RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
        int length = out.writerIndex() - start;
        int limit = maxLength(message.type(), options);
        if (length > limit) {
            out.writerIndex(start);
            throw new MessageTooLongException(message.type(), length, limit, null);
        }
        out.setShort(start + MARKER_LENGTH, length);
    }

    private static final byte[] MARKER = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
}
