package dev.podbgp.fib.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import jnr.ffi.byref.IntByReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A raw NETLINK_ROUTE socket opened through libc. Not thread-safe: one owner thread sends and
 * receives (design.md: the FIB writer owns its socket).
 *
 * <p>A socket stays in the network namespace it was created in, so {@link #open(Options)} with
 * a namespace creates it on a short-lived thread that first joined that namespace with
 * setns(); the caller's threads never change namespace.
 */
public final class NetlinkSocket implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NetlinkSocket.class);
    private static final int MSG_TRUNC = 0x20;
    /** Kernel dump skbs are at most 32 KiB; twice that never truncates. */
    public static final int RECEIVE_BUFFER_SIZE = 64 * 1024;

    /**
     * @param groups legacy multicast group bitmask (RTMGRP_*), 0 for a request socket
     * @param namespace a netns file (e.g. /var/run/netns/NAME), empty for the caller's namespace
     * @param receiveTimeout how long receive() waits before returning "nothing" (-1)
     * @param socketBufferBytes SO_SNDBUF/SO_RCVBUF wanted; batches of acks must fit
     */
    public record Options(int groups, Optional<Path> namespace, Duration receiveTimeout, int socketBufferBytes) {
        public Options {
            if (receiveTimeout.isNegative() || receiveTimeout.isZero()) {
                throw new IllegalArgumentException("receiveTimeout must be positive, got " + receiveTimeout);
            }
            if (socketBufferBytes < 64 * 1024) {
                throw new IllegalArgumentException("socketBufferBytes must be at least 65536, got " + socketBufferBytes);
            }
        }

        public static Options requests() {
            return new Options(0, Optional.empty(), Duration.ofSeconds(30), 8 * 1024 * 1024);
        }

        public Options withGroups(int g) {
            return new Options(g, namespace, receiveTimeout, socketBufferBytes);
        }

        public Options inNamespace(Path ns) {
            return new Options(groups, Optional.of(ns), receiveTimeout, socketBufferBytes);
        }

        public Options withReceiveTimeout(Duration d) {
            return new Options(groups, namespace, d, socketBufferBytes);
        }
    }

    private final LibC libc = LibC.Holder.LIBC;
    private final int fd;
    private final int portId;
    private volatile boolean closed;

    private NetlinkSocket(int fd, int portId) {
        this.fd = fd;
        this.portId = portId;
    }

    public static NetlinkSocket open(Options options) throws NetlinkException {
        if (options.namespace().isEmpty()) {
            return openHere(options);
        }
        Path ns = options.namespace().get();
        FutureTask<NetlinkSocket> task = new FutureTask<>(() -> {
            enterNamespace(ns);
            return openHere(options);
        });
        // The thread dies after this, so its changed namespace never leaks into other work.
        Thread t = new Thread(task, "netlink-open-" + ns.getFileName());
        t.setDaemon(true);
        t.start();
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetlinkException("interrupted opening netlink socket in " + ns, Errno.EINTR.code(), null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NetlinkException ne) {
                throw ne;
            }
            throw new IllegalStateException("opening netlink socket in " + ns + " failed", e.getCause());
        }
    }

    private static void enterNamespace(Path ns) throws NetlinkException {
        LibC libc = LibC.Holder.LIBC;
        int nsFd = libc.open(ns.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (nsFd < 0) {
            throw new NetlinkException("open(" + ns + ")", LibC.Holder.errno(), null);
        }
        try {
            if (libc.setns(nsFd, LibC.CLONE_NEWNET) < 0) {
                throw new NetlinkException("setns(" + ns + ", CLONE_NEWNET)", LibC.Holder.errno(), null);
            }
        } finally {
            libc.close(nsFd);
        }
    }

    private static NetlinkSocket openHere(Options options) throws NetlinkException {
        LibC libc = LibC.Holder.LIBC;
        int fd = libc.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, Netlink.NETLINK_ROUTE);
        if (fd < 0) {
            throw new NetlinkException("socket(AF_NETLINK, NETLINK_ROUTE)", LibC.Holder.errno(), null);
        }
        try {
            setBuffer(libc, fd, LibC.SO_SNDBUFFORCE, LibC.SO_SNDBUF, options.socketBufferBytes());
            setBuffer(libc, fd, LibC.SO_RCVBUFFORCE, LibC.SO_RCVBUF, options.socketBufferBytes());
            setInt(libc, fd, LibC.SOL_NETLINK, Netlink.NETLINK_EXT_ACK, 1, "NETLINK_EXT_ACK");
            // Errors then echo only the request header, so a batch of failures stays small.
            setInt(libc, fd, LibC.SOL_NETLINK, Netlink.NETLINK_CAP_ACK, 1, "NETLINK_CAP_ACK");
            // Lets the kernel filter dumps by table and protocol (4.20+); we filter again anyway.
            if (libc.setsockopt(fd, LibC.SOL_NETLINK, Netlink.NETLINK_GET_STRICT_CHK, intBuffer(1), 4) < 0) {
                log.debug("NETLINK_GET_STRICT_CHK not supported (errno {}); dumps filtered in user space",
                        LibC.Holder.errno());
            }
            ByteBuffer tv = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
            long micros = options.receiveTimeout().toNanos() / 1000;
            tv.putLong(0, micros / 1_000_000).putLong(8, micros % 1_000_000);
            if (libc.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, tv, 16) < 0) {
                throw new NetlinkException("setsockopt(SO_RCVTIMEO)", LibC.Holder.errno(), null);
            }
            ByteBuffer addr = ByteBuffer.allocateDirect(12).order(ByteOrder.nativeOrder());
            addr.putShort(0, (short) LibC.AF_NETLINK).putInt(4, 0).putInt(8, options.groups());
            if (libc.bind(fd, addr, 12) < 0) {
                throw new NetlinkException("bind(netlink, groups=0x" + Integer.toHexString(options.groups()) + ")",
                        LibC.Holder.errno(), null);
            }
            IntByReference len = new IntByReference(12);
            ByteBuffer bound = ByteBuffer.allocateDirect(12).order(ByteOrder.nativeOrder());
            if (libc.getsockname(fd, bound, len) < 0) {
                throw new NetlinkException("getsockname(netlink)", LibC.Holder.errno(), null);
            }
            return new NetlinkSocket(fd, bound.getInt(4));
        } catch (NetlinkException | RuntimeException e) {
            libc.close(fd);
            throw e;
        }
    }

    private static void setBuffer(LibC libc, int fd, int force, int plain, int bytes) throws NetlinkException {
        // FORCE needs CAP_NET_ADMIN (which programming routes needs anyway) and ignores rmem_max.
        if (libc.setsockopt(fd, LibC.SOL_SOCKET, force, intBuffer(bytes), 4) == 0) {
            return;
        }
        setInt(libc, fd, LibC.SOL_SOCKET, plain, bytes, "SO_SNDBUF/SO_RCVBUF");
    }

    private static void setInt(LibC libc, int fd, int level, int opt, int value, String name) throws NetlinkException {
        if (libc.setsockopt(fd, level, opt, intBuffer(value), 4) < 0) {
            throw new NetlinkException("setsockopt(" + name + ")", LibC.Holder.errno(), null);
        }
    }

    private static ByteBuffer intBuffer(int value) {
        ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        b.putInt(0, value);
        return b;
    }

    /**
     * The receive buffer the kernel granted (SO_RCVBUF as read back; without CAP_NET_ADMIN it
     * is capped by net.core.rmem_max). Batches must leave room for their acks in it.
     */
    public int receiveBufferBytes() throws NetlinkException {
        ByteBuffer v = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        IntByReference len = new IntByReference(4);
        if (libc.getsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, v, len) < 0) {
            throw new NetlinkException("getsockopt(SO_RCVBUF)", LibC.Holder.errno(), null);
        }
        return v.getInt(0);
    }

    /** The port id the kernel assigned (nlmsg_pid of our requests' replies). */
    public int portId() {
        return portId;
    }

    /** Sends bytes [0, length) of a direct buffer as one datagram (may hold many messages). */
    public void send(ByteBuffer buffer, int length) throws NetlinkException {
        requireDirect(buffer);
        // jnr-ffi passes a direct buffer's address plus its position: start at 0.
        ByteBuffer from0 = buffer.duplicate().position(0);
        while (true) {
            long n = libc.send(fd, from0, length, 0);
            if (n >= 0) {
                if (n != length) {
                    throw new NetlinkException("netlink send wrote " + n + " of " + length + " bytes",
                            Errno.EIO.code(), null);
                }
                return;
            }
            int err = LibC.Holder.errno();
            if (err != LibC.EINTR) {
                throw new NetlinkException("netlink send of " + length + " bytes", err, null);
            }
        }
    }

    /**
     * Receives one datagram into a direct buffer of at least {@link #RECEIVE_BUFFER_SIZE} bytes.
     *
     * @return its length, or -1 when the receive timeout passed with nothing to read
     */
    public int receive(ByteBuffer buffer) throws NetlinkException {
        requireDirect(buffer);
        ByteBuffer from0 = buffer.duplicate().position(0);
        while (true) {
            long n = libc.recv(fd, from0, buffer.capacity(), MSG_TRUNC);
            if (n >= 0) {
                if (n > buffer.capacity()) {
                    throw new NetlinkException("netlink datagram of " + n + " bytes truncated to "
                            + buffer.capacity(), Errno.EMSGSIZE.code(), null);
                }
                return (int) n;
            }
            int err = LibC.Holder.errno();
            if (err == LibC.EAGAIN) {
                return -1;
            }
            if (err != LibC.EINTR) {
                throw new NetlinkException("netlink receive", err, null);
            }
        }
    }

    private static void requireDirect(ByteBuffer b) {
        if (!b.isDirect()) {
            throw new IllegalArgumentException("netlink buffers must be direct");
        }
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
        }
    }

    @Override
    public String toString() {
        return "NetlinkSocket[fd=" + fd + ", port=" + portId + "]";
    }
}
