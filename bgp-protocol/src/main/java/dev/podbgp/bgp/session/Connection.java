package dev.podbgp.bgp.session;

import dev.podbgp.bgp.wire.BgpMessage;
import dev.podbgp.bgp.wire.NotificationMessage;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * One TCP connection to a neighbour, as the session sees it: messages go out,
 * events come in through the {@link ConnectionListener} given to
 * {@link #start}. Implemented over a Netty channel, and by a fake in tests.
 * All methods may be called from the session thread.
 */
public interface Connection {

    /** Whether we opened this connection (as opposed to accepting it). */
    boolean outgoing();

    InetSocketAddress remoteAddress();

    InetSocketAddress localAddress();

    /**
     * Starts delivering events to {@code listener}, each run on {@code thread}, in order.
     * Nothing is read from the socket before this.
     */
    void start(ConnectionListener listener, SessionScheduler thread);

    /** Writes and flushes one message. */
    void send(BgpMessage message);

    /** Writes messages and flushes once. */
    void send(List<? extends BgpMessage> messages);

    /** Sends the NOTIFICATION, then closes once it is written (or at once if it cannot be). */
    void sendAndClose(NotificationMessage notification);

    /** Closes without a NOTIFICATION. */
    void close();

    /** Reads from the socket, or stops reading (the peer's data waits in the kernel). */
    void setReading(boolean reading);

    /** Whether the outbound buffer is below its high-water mark. */
    boolean writable();
}
