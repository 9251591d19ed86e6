package dev.podbgp.bgp.wire;

/**
 * A message would not fit the session's size limit (4096, or 65535 with
 * extended messages). The encoder writes nothing in that case: an over-long
 * message is never sent.
 */
public final class MessageTooLongException extends RuntimeException {
    private final MessageType messageType;
    private final int length;
    private final int limit;

    public MessageTooLongException(MessageType messageType, int length, int limit, String detail) {
        super(messageType + " would be " + length + " bytes, over the limit of " + limit + " bytes"
                + (detail == null ? "" : " (" + detail + ")"));
        this.messageType = messageType;
        this.length = length;
        this.limit = limit;
    }

    public MessageType messageType() {
        return messageType;
    }

    /** The length the message would have had. */
    public int length() {
        return length;
    }

    /** The limit it broke. */
    public int limit() {
        return limit;
    }
}
