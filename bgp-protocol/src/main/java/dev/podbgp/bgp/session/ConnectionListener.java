package dev.podbgp.bgp.session;

import dev.podbgp.bgp.wire.BgpMessage;
import dev.podbgp.bgp.wire.NotificationMessage;

/** Events of one {@link Connection}, delivered in order on the session thread. */
public interface ConnectionListener {

    /** A decoded message. */
    void onMessage(BgpMessage message);

    /** The bytes were not a valid message: send {@code notification} and drop the session; {@code detail} is for the log. */
    void onProtocolError(NotificationMessage notification, String detail);

    /** The socket has no more data for now: a good moment to hand over a batch. */
    void onReadComplete();

    /** The outbound buffer crossed its high-water mark ({@code false}) or drained below the low one ({@code true}). */
    void onWritabilityChanged(boolean writable);

    /** The connection is gone; {@code reason} says why (peer closed, reset, I/O error). */
    void onClosed(String reason);
}
