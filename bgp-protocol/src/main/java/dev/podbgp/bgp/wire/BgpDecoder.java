package dev.podbgp.bgp.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Reads BGP messages. Framing ({@link #frameLength}) and decoding
 * ({@link #decode}) never throw on any input: every error becomes a
 * {@link DecodeResult} with the NOTIFICATION RFC 4271 §6 / RFC 7606 prescribe
 * and a reason that names the field and the value.
 *
 * <p>Use from a Netty {@code ByteToMessageDecoder}:
 * <pre>{@code
 * int len = BgpDecoder.frameLength(in, options);
 * if (len < 0 || in.readableBytes() < len) return;   // wait for more bytes
 * DecodeResult r = BgpDecoder.decode(in.readSlice(len), options);
 * }</pre>
 * A frame with a bad header is handed over as its 19 header bytes, so that
 * {@code decode} reports it; after a {@link DecodeResult.SessionReset} the
 * session closes and reads no further.
 *
 * <p>A connection decodes with its own instance ({@link #decodeNext}): the
 * same results, but the scratch state of UPDATE decoding is kept from one
 * message to the next instead of made anew for each, and no slice is cut per
 * message. An instance is for one thread at a time; the static
 * {@link #decode} suits any caller.
 */
public final class BgpDecoder {
    /** Marker, length and type. */
    public static final int HEADER_LENGTH = 19;

    static final int OPEN_MIN_LENGTH = 29;
    static final int UPDATE_MIN_LENGTH = 23;
    static final int NOTIFICATION_MIN_LENGTH = 21;
    static final int ROUTE_REFRESH_LENGTH = 23;

    /** Scratch state for this instance's UPDATEs; holds nothing between messages. */
    private final UpdateDecoder updates = new UpdateDecoder();

    /** A decoder for one connection's messages, decoded one after another on one thread. */
    public BgpDecoder() {
    }

    /**
     * How many bytes the message at the reader index of {@code in} takes, or
     * -1 when fewer than {@value #HEADER_LENGTH} bytes are readable. When the
     * header is invalid (marker not all ones, length outside 19..limit) this
     * is {@value #HEADER_LENGTH}: {@link #decode} of those bytes says what is
     * wrong. Does not move any index.
     */
    public static int frameLength(ByteBuf in, CodecOptions options) {
        if (in.readableBytes() < HEADER_LENGTH) {
            return -1;
        }
        int base = in.readerIndex();
        if (!markerValid(in, base)) {
            return HEADER_LENGTH;
        }
        int length = in.getUnsignedShort(base + 16);
        if (length < HEADER_LENGTH || length > options.maxMessageLength()) {
            return HEADER_LENGTH;
        }
        return length;
    }

    private static boolean markerValid(ByteBuf in, int base) {
        // Two longs of all ones; the marker is 16 bytes of 0xFF (RFC 4271 §4.1).
        return in.getLong(base) == -1L && in.getLong(base + 8) == -1L;
    }

    /**
     * Decodes one whole message: the readable bytes of {@code frame}, header
     * included. Does not move the frame's indices and keeps no reference to it.
     */
    public static DecodeResult decode(ByteBuf frame, CodecOptions options) {
        return decode(frame, frame.readerIndex(), frame.readableBytes(), options, new UpdateDecoder());
    }

    /**
     * Decodes the message of {@code length} bytes at the reader index of
     * {@code in} ({@link #frameLength} says how long it is; that many must be
     * readable) as {@link #decode} would the same bytes on their own, and moves
     * the reader index past it. Reads nothing beyond those bytes. Reuses this
     * decoder's scratch state: not for two threads at once.
     */
    public DecodeResult decodeNext(ByteBuf in, int length, CodecOptions options) {
        int base = in.readerIndex();
        if (length > in.readableBytes()) {
            throw new IllegalArgumentException("message of " + length + " bytes, only " + in.readableBytes()
                    + " readable");
        }
        DecodeResult r = decode(in, base, length, options, updates);
        in.readerIndex(base + length);
        return r;
    }

    private static DecodeResult decode(ByteBuf frame, int base, int size, CodecOptions options,
                                       UpdateDecoder updates) {
        try {
            return decodeOrThrow(frame, base, size, options, updates);
        } catch (WireError e) {
            return e.toResult();
        }
    }

    /** The message in the {@code size} bytes from {@code base}; every read stays within them. */
    private static DecodeResult decodeOrThrow(ByteBuf frame, int base, int size, CodecOptions options,
                                              UpdateDecoder updates) throws WireError {
        if (size < HEADER_LENGTH) {
            byte[] data = size >= 18 ? new byte[] {frame.getByte(base + 16), frame.getByte(base + 17)} : null;
            throw new WireError(NotificationMessage.MESSAGE_HEADER_ERROR, NotificationMessage.BAD_MESSAGE_LENGTH,
                    data, "message of " + size + " bytes is shorter than the 19-byte header");
        }
        if (!markerValid(frame, base)) {
            throw new WireError(NotificationMessage.MESSAGE_HEADER_ERROR,
                    NotificationMessage.CONNECTION_NOT_SYNCHRONIZED, null,
                    "header marker is " + ByteBufUtil.hexDump(frame, base, 16) + ", not 16 bytes of ff");
        }
        int length = frame.getUnsignedShort(base + 16);
        int typeCode = frame.getUnsignedByte(base + 18);
        if (length < HEADER_LENGTH || length > options.maxMessageLength()) {
            throw badLength(length, "header length " + length + " is outside 19.." + options.maxMessageLength()
                    + (options.extendedMessage() ? "" : " (extended messages, RFC 8654, not negotiated)"));
        }
        MessageType type = MessageType.valueOf(typeCode);
        if (type == null) {
            throw new WireError(NotificationMessage.MESSAGE_HEADER_ERROR, NotificationMessage.BAD_MESSAGE_TYPE,
                    new byte[] {(byte) typeCode}, "message type " + typeCode + " is not one of 1..5");
        }
        switch (type) {
            case OPEN -> {
                if (length < OPEN_MIN_LENGTH || length > CodecOptions.MAX_MESSAGE_LENGTH) {
                    throw badLength(length, "OPEN length " + length + " is outside 29..4096");
                }
            }
            case UPDATE -> {
                if (length < UPDATE_MIN_LENGTH) {
                    throw badLength(length, "UPDATE length " + length + " is under the minimum of 23");
                }
            }
            case NOTIFICATION -> {
                if (length < NOTIFICATION_MIN_LENGTH) {
                    throw badLength(length, "NOTIFICATION length " + length + " is under the minimum of 21");
                }
            }
            case KEEPALIVE -> {
                if (length != HEADER_LENGTH) {
                    throw badLength(length, "KEEPALIVE length " + length + " is not 19");
                }
            }
            case ROUTE_REFRESH -> {
                // Checked below, once we know the bytes are all there: the data is the whole message.
            }
        }
        if (length != size) {
            throw badLength(length, "header length " + length + " does not match the " + size
                    + " bytes framed for the message");
        }
        int body = base + HEADER_LENGTH;
        int end = base + length;
        return switch (type) {
            case OPEN -> new DecodeResult.Decoded(OpenDecoder.decode(frame, body, end));
            case UPDATE -> updates.decode(frame, body, end, options);
            case NOTIFICATION -> {
                byte[] data = new byte[end - body - 2];
                frame.getBytes(body + 2, data);
                yield new DecodeResult.Decoded(new NotificationMessage(frame.getUnsignedByte(body),
                        frame.getUnsignedByte(body + 1), data));
            }
            case KEEPALIVE -> new DecodeResult.Decoded(KeepaliveMessage.INSTANCE);
            case ROUTE_REFRESH -> decodeRouteRefresh(frame, base, length, options);
        };
    }

    private static DecodeResult decodeRouteRefresh(ByteBuf frame, int base, int length, CodecOptions options)
            throws WireError {
        if (length != ROUTE_REFRESH_LENGTH) {
            // RFC 7313 §5: the data is the complete message (cut to what a NOTIFICATION can carry).
            int keep = Math.min(length, options.maxMessageLength() - NOTIFICATION_MIN_LENGTH);
            byte[] data = new byte[keep];
            frame.getBytes(base, data);
            throw new WireError(NotificationMessage.ROUTE_REFRESH_MESSAGE_ERROR,
                    NotificationMessage.INVALID_MESSAGE_LENGTH, data,
                    "ROUTE-REFRESH length " + length + " is not 23");
        }
        int body = base + HEADER_LENGTH;
        int afi = frame.getUnsignedShort(body);
        int subtype = frame.getUnsignedByte(body + 2);
        int safi = frame.getUnsignedByte(body + 3);
        if (subtype > RouteRefreshMessage.END_OF_RIB_REFRESH) {
            return new DecodeResult.Ignored("ROUTE-REFRESH subtype " + subtype
                    + " is not 0, 1 or 2; ignored as RFC 7313 §5 says");
        }
        return new DecodeResult.Decoded(new RouteRefreshMessage(AddressFamily.of(afi, safi), subtype));
    }

    static WireError badLength(int length, String reason) {
        return new WireError(NotificationMessage.MESSAGE_HEADER_ERROR, NotificationMessage.BAD_MESSAGE_LENGTH,
                new byte[] {(byte) (length >>> 8), (byte) length}, reason);
    }
}
