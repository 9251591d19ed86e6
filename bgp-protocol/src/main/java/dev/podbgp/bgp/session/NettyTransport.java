package dev.podbgp.bgp.session;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;

import java.net.InetSocketAddress;
import java.util.function.Function;

/**
 * Outgoing connections over Netty. A connection is registered on the
 * session's own event loop, so its events reach the FSM without a hop.
 * The MD5 key is looked up at connect time, so a key changed at runtime
 * applies to the next attempt.
 */
final class NettyTransport implements Transport {
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** Above this many bytes queued for a peer, the channel is unwritable (and the send hold timer runs). */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final EventLoopGroup group;
    private final Function<PeerConfig, String> md5Keys;

    NettyTransport(EventLoopGroup group, Function<PeerConfig, String> md5Keys) {
        this.group = group;
        this.md5Keys = md5Keys;
    }

    @Override
    public Attempt connect(PeerConfig peer, SessionScheduler thread, Callback callback) {
        String unsupported = SocketOptions.unsupported(peer);
        EventLoop loop = thread instanceof EventLoopScheduler s ? s.loop() : group.next();
        ConnectAttempt a = new ConnectAttempt(thread, callback);
        if (unsupported != null) {
            thread.execute(() -> a.fail(unsupported));
            return a;
        }
        // The socket is created on the event loop thread: a thread placed in a network namespace
        // creates its sockets there (the interop tests rely on this).
        loop.execute(() -> a.start(peer, loop));
        return a;
    }

    private final class ConnectAttempt implements Attempt {
        private final SessionScheduler thread;
        private final Callback callback;
        private volatile boolean cancelled;
        private volatile Channel channel;

        ConnectAttempt(SessionScheduler thread, Callback callback) {
            this.thread = thread;
            this.callback = callback;
        }

        void start(PeerConfig peer, EventLoop loop) {
            if (cancelled) {
                return;
            }
            String name = peer.name();
            Md5Counters md5Before = peer.md5Password() == null ? null : Md5Counters.read();
            NettyConnection[] conn = new NettyConnection[1];
            Bootstrap b = new Bootstrap()
                    .group(loop)
                    .channel(Transports.socketChannel())
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                    .option(ChannelOption.AUTO_READ, false)
                    .handler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            SocketOptions.md5(ch.config(), peer.address(), md5Keys.apply(peer));
                            SocketOptions.apply(ch, peer);
                            conn[0] = NettyConnection.install(ch, true, name);
                        }
                    });
            InetSocketAddress remote = new InetSocketAddress(peer.address(), peer.port());
            ChannelFuture f;
            try {
                f = peer.sourceAddress() == null ? b.connect(remote)
                        : b.connect(remote, new InetSocketAddress(peer.sourceAddress(), 0));
            } catch (RuntimeException e) {
                thread.execute(() -> fail(e.toString()));
                return;
            }
            channel = f.channel();
            f.addListener((ChannelFuture done) -> {
                if (cancelled) {
                    done.channel().close();
                    return;
                }
                if (done.isSuccess()) {
                    thread.execute(() -> {
                        if (cancelled) {
                            done.channel().close();
                        } else {
                            callback.connected(conn[0]);
                        }
                    });
                } else {
                    Throwable c = done.cause();
                    String cause = c == null ? "cancelled" : c.getMessage() == null ? c.toString() : c.getMessage();
                    String why = md5Before == null ? cause : cause + md5Hint(md5Before);
                    thread.execute(() -> fail(why));
                }
            });
        }

        /** A password mismatch is silent on the wire: say so, with the kernel's drop counters. */
        private String md5Hint(Md5Counters before) {
            Md5Counters now = Md5Counters.read();
            String rose = now == null ? null : now.since(before);
            return rose != null ? "; TCP MD5: the kernel dropped " + rose + " meanwhile, so the passwords differ"
                    : "; TCP MD5 is on for this peer: a password mismatch shows as a timeout, the kernel drops"
                    + " the segments";
        }

        void fail(String reason) {
            if (!cancelled) {
                callback.failed(reason);
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            Channel c = channel;
            if (c != null) {
                c.close();
            }
        }
    }
}
