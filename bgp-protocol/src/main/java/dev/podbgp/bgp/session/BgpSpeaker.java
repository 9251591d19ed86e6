package dev.podbgp.bgp.session;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;

/**
 * All sessions of one daemon: the event loops, the listening sockets, the
 * configured and dynamic neighbours and their TCP MD5 keys. Thread-safe.
 */
public final class BgpSpeaker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BgpSpeaker.class);
    /** A dynamic neighbour without a connection for this long is forgotten, freeing its place in the range. */
    static final Duration DYNAMIC_IDLE = Duration.ofMinutes(2);
    /** Remember this many refused addresses so each is logged once. */
    private static final int REFUSED_LOG_MEMORY = 1024;

    private final SpeakerConfig config;
    private final PeerEventSink sink;
    private final EventLoopGroup group;
    private final NettyTransport transport;
    private final Map<InetAddress, PeerSession> peers = new ConcurrentHashMap<>();
    private final Map<InetAddress, DynamicRange> dynamicOwner = new ConcurrentHashMap<>();
    private final List<DynamicRange> ranges = new CopyOnWriteArrayList<>();
    private final Map<InetAddress, String> md5 = new ConcurrentHashMap<>();
    private final List<Channel> listeners = new CopyOnWriteArrayList<>();
    private final Set<InetAddress> refusedLogged = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Boolean> eldest) {
            return size() > REFUSED_LOG_MEMORY;
        }
    });

    private BgpSpeaker(SpeakerConfig config, PeerEventSink sink) {
        this.config = config;
        this.sink = sink;
        this.group = Transports.newGroup(config.threads(), config.threadFactory(), this::sessionLoop);
        this.transport = new NettyTransport(group, p -> md5.get(p.address()));
        group.next().scheduleAtFixedRate(this::forgetIdleDynamicNeighbours, 30, 30, TimeUnit.SECONDS);
    }

    /** Nodes come and go with new addresses: a range must not fill up with sessions of departed ones. */
    synchronized void forgetIdleDynamicNeighbours() {
        java.time.Instant cutoff = config.clock().instant().minus(DYNAMIC_IDLE);
        for (Map.Entry<InetAddress, DynamicRange> e : dynamicOwner.entrySet()) {
            PeerSession s = peers.get(e.getKey());
            if (s == null) {
                dynamicOwner.remove(e.getKey());
                continue;
            }
            PeerStatus st = s.status();
            boolean unconnected = st.state() == SessionState.ACTIVE || st.state() == SessionState.IDLE;
            if (unconnected && st.since().isBefore(cutoff)) {
                peers.remove(e.getKey(), s);
                dynamicOwner.remove(e.getKey());
                s.deconfigure();
                log.info("dynamic range {}: forgot {}, not connected since {}", e.getValue(),
                        e.getKey().getHostAddress(), st.since());
            }
        }
    }

    /** Creates the event loops and binds the listening sockets. */
    public static BgpSpeaker start(SpeakerConfig config, PeerEventSink sink) {
        BgpSpeaker s = new BgpSpeaker(config, sink);
        try {
            for (InetSocketAddress a : config.listen()) {
                s.listen(a);
            }
        } catch (RuntimeException e) {
            s.group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
        return s;
    }

    private void listen(InetSocketAddress address) {
        ServerBootstrap b = new ServerBootstrap()
                .group(group, group)
                .channel(Transports.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, NettyTransport.WATER_MARK)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accept(ch);
                    }
                });
        try {
            // Bind from an event loop thread: the socket is created in that thread's network namespace.
            // Wait for the bind out here: the channel may be registered on that very loop.
            io.netty.channel.ChannelFuture bound = group.next().submit(() -> b.bind(address)).get(10, TimeUnit.SECONDS);
            if (!bound.await(10, TimeUnit.SECONDS)) {
                bound.channel().close();
                throw new TimeoutException("bind did not complete in 10 s");
            }
            if (!bound.isSuccess()) {
                throw new ExecutionException(bound.cause());
            }
            Channel ch = bound.channel();
            listeners.add(ch);
            SocketOptions.listener(ch, address.getAddress() instanceof java.net.Inet6Address);
            applyListenerKeys();
            log.info("listening for BGP on {} ({})", ch.localAddress(), Transports.epoll() ? "epoll" : "nio");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw new IllegalStateException("cannot listen for BGP on " + address + ": " + c.getMessage(), c);
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("cannot listen for BGP on " + address + ": " + e, e);
        }
    }

    /** Addresses the listening sockets are bound to (the port is known here when 0 was asked for). */
    public List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> l = new ArrayList<>();
        for (Channel c : listeners) {
            l.add((InetSocketAddress) c.localAddress());
        }
        return l;
    }

    /** Adds a neighbour and starts its session. */
    public PeerSession addPeer(PeerConfig peer) {
        String unsupported = SocketOptions.unsupported(peer);
        if (unsupported != null) {
            throw new IllegalArgumentException("peer " + peer.name() + ": " + unsupported);
        }
        PeerSession s = newSession(peer);
        if (peers.putIfAbsent(peer.address(), s) != null) {
            throw new IllegalArgumentException("peer " + peer.name() + ": address " + peer.address().getHostAddress()
                    + " is already configured");
        }
        if (peer.md5Password() != null) {
            md5.put(peer.address(), peer.md5Password());
            applyListenerKeys();
        }
        s.start();
        return s;
    }

    /** Removes a neighbour: Cease/3 (Peer De-configured) and forget it. */
    public void removePeer(InetAddress address) {
        PeerSession s = peers.remove(address);
        if (s != null) {
            s.deconfigure();
            dynamicOwner.remove(address);
            if (md5.remove(address) != null) {
                applyListenerKeys();
            }
        }
    }

    /**
     * Sets (or with null removes) the TCP MD5 password of one neighbour. The
     * listening sockets get the new key at once; that neighbour's session is
     * reset to use it; no other session is touched.
     */
    public void setPassword(InetAddress address, String password) {
        if (password != null && (password.isEmpty() || password.length() > 80)) {
            throw new IllegalArgumentException("MD5 password for " + address.getHostAddress() + " must be 1..80 characters");
        }
        if (password == null) {
            md5.remove(address);
        } else {
            md5.put(address, password);
        }
        applyListenerKeys();
        PeerSession s = peers.get(address);
        if (s != null) {
            s.configurationChanged("TCP MD5 password changed");
        }
    }

    private synchronized void applyListenerKeys() {
        if (!Transports.epoll()) {
            return;
        }
        Map<InetAddress, byte[]> keys = new HashMap<>();
        md5.forEach((a, pw) -> keys.put(a, pw.getBytes(StandardCharsets.US_ASCII)));
        for (Channel l : listeners) {
            l.config().setOption(EpollChannelOption.TCP_MD5SIG, keys);
        }
    }

    /** Accepts connections from any address of the range, each with a passive session from its template. */
    public void addDynamicRange(DynamicRange range) {
        if (range.template().md5Password() != null) {
            throw new IllegalArgumentException("dynamic range " + range.name()
                    + ": TCP MD5 for address ranges is not supported (the kernel keys MD5 per address)");
        }
        ranges.add(range);
    }

    public PeerSession peer(InetAddress address) {
        return peers.get(address);
    }

    public List<PeerStatus> status() {
        List<PeerStatus> l = new ArrayList<>();
        for (PeerSession s : peers.values()) {
            l.add(s.status());
        }
        return l;
    }

    private PeerSession newSession(PeerConfig peer) {
        return newSession(peer, group.next());
    }

    private PeerSession newSession(PeerConfig peer, EventLoop loop) {
        // Each session its own randomly seeded generator: the jitter must differ between sessions and nodes.
        return new PeerSession(peer, transport, new EventLoopScheduler(loop, config.clock()), sink,
                RandomGenerator.of("L64X128MixRandom"));
    }

    /**
     * The loop an accepted connection is registered on: its session's, when the neighbour is known.
     * A connection on another loop would hand every message over to the session's loop as a task, and
     * pausing its reads (backpressure) would then act only after the messages already in that handoff,
     * which for a table dump is hundreds of kilobytes.
     */
    private EventLoop sessionLoop(Channel ch) {
        if (!(ch.remoteAddress() instanceof InetSocketAddress remote)) {
            return null;
        }
        PeerSession s = peers.get(remote.getAddress());
        return s != null && s.thread() instanceof EventLoopScheduler e ? e.loop() : null;
    }

    /** An accepted connection: find its session, or refuse it. Runs on the child channel's thread. */
    private void accept(Channel ch) {
        InetAddress from = ((InetSocketAddress) ch.remoteAddress()).getAddress();
        PeerSession s = peers.get(from);
        if (s == null) {
            s = dynamicSession(from, ch.eventLoop());
        }
        if (s == null) {
            boolean first;
            synchronized (refusedLogged) {
                first = refusedLogged.add(from);
            }
            if (first) {
                log.info("refusing BGP connection from {}: not a configured neighbour nor in a dynamic range",
                        from.getHostAddress());
            }
            ch.close();
            return;
        }
        if (s.config().gtsm()) {
            int ttl = SocketOptions.synTtl(ch);
            if (ttl >= 0 && ttl < 254) {
                boolean first;
                synchronized (refusedLogged) {
                    first = refusedLogged.add(from);
                }
                // Once per address at WARN: a misconfigured peer retries for ever.
                (first ? log.atWarn() : log.atDebug()).log(
                        "peer {}: refusing connection from {}: GTSM expects TTL 254 or more, its SYN came with {}",
                        s.config().name(), from.getHostAddress(), ttl);
                ch.close();
                return;
            }
            if (ttl < 0) {
                log.debug("peer {}: TTL of the SYN unknown, GTSM relies on the minimum TTL alone", s.config().name());
            }
        }
        SocketOptions.apply(ch, s.config());
        s.incoming(NettyConnection.install(ch, false, s.config().name()));
    }

    PeerSession dynamicSession(InetAddress from) {
        return dynamicSession(from, group.next());
    }

    synchronized PeerSession dynamicSession(InetAddress from, EventLoop loop) {
        PeerSession existing = peers.get(from);
        if (existing != null) {
            return existing;
        }
        for (DynamicRange r : ranges) {
            if (!r.contains(from)) {
                continue;
            }
            long members = dynamicOwner.values().stream().filter(r::equals).count();
            if (members >= r.limit()) {
                log.warn("dynamic range {}: refusing {}, the range already has its limit of {} neighbours", r,
                        from.getHostAddress(), r.limit());
                return null;
            }
            PeerConfig c = r.template().toBuilder().address(from).name(r.name() + "/" + from.getHostAddress())
                    .passive(true).build();
            // On the connection's loop, where the connection that made it lives.
            PeerSession s = newSession(c, loop);
            peers.put(from, s);
            dynamicOwner.put(from, r);
            log.info("dynamic range {}: new neighbour {}", r, from.getHostAddress());
            s.start();
            return s;
        }
        return null;
    }

    /** Shuts every session down with {@code communication}, then the sockets and threads. */
    public void close(String communication, Duration grace) {
        for (PeerSession s : peers.values()) {
            s.shutdown(communication);
        }
        // The shutdowns run on the sessions' event loops. Shutting the loops down closes every
        // channel, possibly before those tasks ran: then no Cease would go out. A task queued
        // behind them on each loop returns once they (and the NOTIFICATION writes) are done.
        for (io.netty.util.concurrent.EventExecutor loop : group) {
            loop.submit(() -> { }).awaitUninterruptibly(grace.toMillis());
        }
        for (Channel l : listeners) {
            l.close();
        }
        group.shutdownGracefully(grace.toMillis(), grace.toMillis() * 2, TimeUnit.MILLISECONDS).awaitUninterruptibly();
    }

    /**
     * Closes every connection without a NOTIFICATION, then the sockets and threads: how a
     * graceful restart (RFC 4724) begins. Peers that negotiated it see the connection end
     * and keep our routes for the restart time, which a NOTIFICATION would cancel (RFC 8538).
     */
    public void closeForRestart(Duration grace) {
        for (Channel l : listeners) {
            l.close();
        }
        // Shutting the event loops down closes their channels: a FIN, no NOTIFICATION.
        group.shutdownGracefully(0, grace.toMillis(), TimeUnit.MILLISECONDS).awaitUninterruptibly();
    }

    @Override
    public void close() {
        close("podbgp is stopping", Duration.ofMillis(500));
    }
}
