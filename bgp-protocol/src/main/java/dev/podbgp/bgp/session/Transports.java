package dev.podbgp.bgp.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * The one place that chooses Netty's native epoll transport (TCP MD5, TTL,
 * GTSM need it) or NIO where epoll is unavailable.
 */
public final class Transports {
    private static final Logger log = LoggerFactory.getLogger(Transports.class);
    private static final boolean EPOLL = Epoll.isAvailable();

    static {
        if (!EPOLL) {
            log.warn("Netty epoll is unavailable ({}); using NIO: TCP MD5, TTL and GTSM settings cannot be applied",
                    Epoll.unavailabilityCause().toString());
        }
    }

    private Transports() {
    }

    /** Whether the epoll transport is in use. */
    public static boolean epoll() {
        return EPOLL;
    }

    /** Why epoll is unavailable, or null when it is in use. */
    public static String epollUnavailableReason() {
        return EPOLL ? null : String.valueOf(Epoll.unavailabilityCause());
    }

    /**
     * Event loops where a channel registered through the group (an accepted connection) goes to the
     * loop {@code placement} names for it, or to the next one in turn when it names none.
     */
    public static EventLoopGroup newGroup(int threads, ThreadFactory factory, Function<Channel, EventLoop> placement) {
        IoHandlerFactory io = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, factory, io) {
            @Override
            public ChannelFuture register(Channel channel) {
                EventLoop loop = placement.apply(channel);
                return loop != null ? loop.register(channel) : super.register(channel);
            }
        };
    }

    public static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public static Class<? extends ServerSocketChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
