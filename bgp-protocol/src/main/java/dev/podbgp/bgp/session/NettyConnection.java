package dev.podbgp.bgp.session;

import dev.podbgp.bgp.wire.AttributeIssue;
import dev.podbgp.bgp.wire.BgpMessage;
import dev.podbgp.bgp.wire.DecodeResult;
import dev.podbgp.bgp.wire.NotificationMessage;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Connection} over a Netty channel: the last handler of the pipeline
 * turns decode results and channel events into {@link ConnectionListener}
 * calls on the session thread. The channel does not read until
 * {@link #start} (autoRead is off when it is created).
 *
 * <p>While reading is paused ({@link #setReading}), messages the channel still
 * decodes are held here, in order, and handed over when reading resumes. Turning
 * autoRead off does not stop the read under way, nor every read after it: a
 * table dump was seen handing over a dozen more batches per pause, which the
 * consumer's bound is there to prevent.
 */
final class NettyConnection extends ChannelInboundHandlerAdapter implements Connection {
    private static final Logger log = LoggerFactory.getLogger(NettyConnection.class);
    /** How long a closing NOTIFICATION may take to leave before the socket is closed anyway. */
    private static final long CLOSE_GRACE_MILLIS = 3000;
    /** Messages encoded into one buffer: with UPDATEs of a table load, about 20 KiB. */
    static final int BATCH_MESSAGES = 256;

    private final Channel channel;
    private final boolean outgoing;
    private final String peer;
    private volatile ConnectionListener listener;
    private volatile SessionScheduler thread;
    private volatile boolean reading = true;
    /** Decoded while reading was paused; channel thread only. */
    private final ArrayDeque<DecodeResult> held = new ArrayDeque<>();
    private boolean closedEarly;
    private String closeReason;
    private boolean issuesLogged;
    /** One listener for every write, not a new method reference per UPDATE sent. */
    private final ChannelFutureListener writeFailureLogger = this::logWriteFailure;

    private NettyConnection(Channel channel, boolean outgoing, String peer) {
        this.channel = channel;
        this.outgoing = outgoing;
        this.peer = peer;
    }

    /** Installs the BGP codec and this connection as the pipeline of {@code channel}. */
    static NettyConnection install(Channel channel, boolean outgoing, String peer) {
        WireState wire = new WireState();
        NettyConnection c = new NettyConnection(channel, outgoing, peer);
        channel.config().setAutoRead(false);
        ChannelPipeline p = channel.pipeline();
        p.addLast("bgp-decoder", new BgpFrameDecoder(wire));
        p.addLast("bgp-encoder", new BgpMessageEncoder(wire, peer));
        p.addLast("bgp-session", c);
        return c;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public boolean outgoing() {
        return outgoing;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void start(ConnectionListener l, SessionScheduler t) {
        this.thread = t;
        this.listener = l;
        channel.eventLoop().execute(() -> {
            if (closedEarly) {
                deliver(() -> l.onClosed(closeReason));
                return;
            }
            channel.config().setAutoRead(reading);
        });
    }

    @Override
    public void send(BgpMessage message) {
        channel.writeAndFlush(message).addListener(writeFailureLogger);
    }

    @Override
    public void send(List<? extends BgpMessage> messages) {
        int n = messages.size();
        if (n == 0) {
            return;
        }
        if (n == 1) {
            send(messages.get(0));
            return;
        }
        // A buffer and a promise per batch rather than per message (the encoder logs and leaves out a message it
        // refuses); batches stay small enough that a whole table sent at once is not one huge buffer. The caller
        // may reuse its list once this returns: off the channel's thread the writes happen later.
        List<? extends BgpMessage> all = channel.eventLoop().inEventLoop() ? messages : List.copyOf(messages);
        for (int from = 0; from < n; from += BATCH_MESSAGES) {
            channel.write(new BgpMessageEncoder.Batch(all.subList(from, Math.min(n, from + BATCH_MESSAGES))))
                    .addListener(writeFailureLogger);
        }
        channel.flush();
    }

    private void logWriteFailure(io.netty.util.concurrent.Future<? super Void> f) {
        if (!f.isSuccess() && channel.isActive()) {
            // Refused by the encoder (a message over the limit): a bug upstream, not the peer's fault.
            log.error("peer {}: message not sent: {}", peer, f.cause().toString());
        }
    }

    @Override
    public void sendAndClose(NotificationMessage notification) {
        channel.writeAndFlush(notification).addListener(ChannelFutureListener.CLOSE);
        // A peer that does not read would keep the NOTIFICATION (and the socket) forever.
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public void setReading(boolean on) {
        reading = on;
        if (listener == null) {
            return;
        }
        if (!on) {
            channel.config().setAutoRead(false);
        } else if (channel.eventLoop().inEventLoop()) {
            resume();
        } else {
            channel.eventLoop().execute(this::resume);
        }
    }

    /** Reading may go on: what was held goes first, then the socket again, unless that paused it anew. */
    private void resume() {
        ConnectionListener l = listener;
        if (!reading || l == null) {
            return;
        }
        if (!held.isEmpty()) {
            while (reading && !held.isEmpty()) {
                handle(l, held.poll());
            }
            deliver(l::onReadComplete);
        }
        if (reading && held.isEmpty()) {
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public boolean writable() {
        return channel.isWritable();
    }

    // ---- channel events (channel thread) -------------------------------------------------------------

    private void deliver(Runnable event) {
        SessionScheduler t = thread;
        if (t.inThread()) {
            event.run();
        } else {
            t.execute(event);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ConnectionListener l = listener;
        if (l == null) {
            return;
        }
        DecodeResult r = (DecodeResult) msg;
        if (!reading || !held.isEmpty()) {
            held.add(r);
            return;
        }
        handle(l, r);
    }

    private void handle(ConnectionListener l, DecodeResult r) {
        if (r instanceof DecodeResult.Decoded d) {
            logIssues(d.issues(), null);
            BgpMessage m = d.message();
            SessionScheduler t = thread;
            if (t.inThread()) {
                // The usual case (the session lives on the channel's loop): no task object per message.
                l.onMessage(m);
            } else {
                t.execute(() -> l.onMessage(m));
            }
        } else if (r instanceof DecodeResult.TreatAsWithdraw w) {
            logIssues(w.issues(), w.reason());
            // Without prefixes the withdrawal would look like an IPv4 End-of-RIB: nothing to deliver.
            if (!w.prefixes().isEmpty()) {
                deliver(() -> l.onMessage(w.withdrawals()));
            }
        } else if (r instanceof DecodeResult.SessionReset reset) {
            channel.config().setAutoRead(false);
            deliver(() -> l.onProtocolError(reset.notification(), reset.reason()));
        } else if (r instanceof DecodeResult.Ignored ignored) {
            log.debug("peer {}: ignored a message: {}", peer, ignored.reason());
        }
    }

    /** RFC 7606 outcomes: logged at WARN once per connection, then at DEBUG, so a bad peer cannot flood the log. */
    private void logIssues(List<AttributeIssue> issues, String treatAsWithdraw) {
        if (issues.isEmpty() && treatAsWithdraw == null) {
            return;
        }
        String what = treatAsWithdraw != null ? "UPDATE treated as withdraw: " + treatAsWithdraw
                : "attributes discarded: " + issues;
        if (!issuesLogged) {
            issuesLogged = true;
            log.warn("peer {}: {} (further such messages at DEBUG)", peer, what);
        } else {
            log.debug("peer {}: {}", peer, what);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ConnectionListener l = listener;
        if (l != null) {
            deliver(l::onReadComplete);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ConnectionListener l = listener;
        boolean w = ctx.channel().isWritable();
        if (l != null) {
            deliver(() -> l.onWritabilityChanged(w));
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (closeReason == null) {
            closeReason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        String reason = closeReason != null ? closeReason : "the peer closed the connection";
        ConnectionListener l = listener;
        if (l == null) {
            closedEarly = true;
            closeReason = reason;
        } else {
            deliver(() -> l.onClosed(reason));
        }
    }
}
