package dev.podbgp.bgp.wire;

/**
 * Internal: a decoding error that ends in a session reset. Carries the
 * NOTIFICATION to send and the reason for the log. Never leaves the package:
 * {@link BgpDecoder#decode} turns it into {@link DecodeResult.SessionReset}.
 * No stack trace: it is an expected outcome, not a bug.
 */
final class WireError extends Exception {
    private final transient NotificationMessage notification;

    WireError(int code, int subcode, byte[] data, String reason) {
        this(new NotificationMessage(code, subcode, data), reason);
    }

    private WireError(NotificationMessage notification, String reason) {
        super(reason, null, false, false);
        this.notification = notification;
    }

    /** The same NOTIFICATION with another reason. */
    WireError withReason(String reason) {
        return new WireError(notification, reason);
    }

    DecodeResult.SessionReset toResult() {
        return new DecodeResult.SessionReset(notification, getMessage());
    }
}
