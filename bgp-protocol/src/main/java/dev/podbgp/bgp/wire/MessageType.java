package dev.podbgp.bgp.wire;

/** BGP message type codes (RFC 4271 §4.1, RFC 2918). */
public enum MessageType {
    OPEN(1), UPDATE(2), NOTIFICATION(3), KEEPALIVE(4), ROUTE_REFRESH(5);

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for a wire code, or null when it is unknown (Message Header Error / Bad Message Type). */
    public static MessageType valueOf(int code) {
        return switch (code) {
            case 1 -> OPEN;
            case 2 -> UPDATE;
            case 3 -> NOTIFICATION;
            case 4 -> KEEPALIVE;
            case 5 -> ROUTE_REFRESH;
            default -> null;
        };
    }
}
