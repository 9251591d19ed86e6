package dev.podbgp.bgp.session;

import dev.podbgp.bgp.wire.BgpMessage;
import dev.podbgp.bgp.wire.NotificationMessage;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** A connection that records what the session sends and lets the test play the peer. */
final class FakeConnection implements Connection {
    final boolean outgoing;
    final InetSocketAddress remote;
    final List<BgpMessage> sent = new ArrayList<>();
    ConnectionListener listener;
    boolean closed;
    boolean reading = true;
    boolean writable = true;

    FakeConnection(boolean outgoing, InetAddress peer) {
        this.outgoing = outgoing;
        this.remote = new InetSocketAddress(peer, outgoing ? 179 : 40000);
    }

    @Override
    public boolean outgoing() {
        return outgoing;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public InetSocketAddress localAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), outgoing ? 40001 : 179);
    }

    @Override
    public void start(ConnectionListener l, SessionScheduler thread) {
        listener = l;
    }

    @Override
    public void send(BgpMessage message) {
        if (closed) {
            throw new AssertionError("send on a closed connection: " + message);
        }
        sent.add(message);
    }

    @Override
    public void send(List<? extends BgpMessage> messages) {
        messages.forEach(this::send);
    }

    @Override
    public void sendAndClose(NotificationMessage notification) {
        send(notification);
        closed = true;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void setReading(boolean on) {
        reading = on;
    }

    @Override
    public boolean writable() {
        return writable;
    }

    /** The peer sends us a message. */
    void receive(BgpMessage m) {
        listener.onMessage(m);
    }

    BgpMessage last() {
        return sent.get(sent.size() - 1);
    }

    <T extends BgpMessage> List<T> sent(Class<T> type) {
        return sent.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
