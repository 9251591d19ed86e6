package dev.podbgp.fib.link;

import dev.podbgp.fib.netlink.AddressInfo;
import dev.podbgp.fib.netlink.Errno;
import dev.podbgp.fib.netlink.LinkInfo;
import dev.podbgp.fib.netlink.NetlinkException;
import dev.podbgp.fib.netlink.NetlinkSocket;
import dev.podbgp.fib.netlink.NlMessage;
import dev.podbgp.fib.netlink.Rtnl;
import dev.podbgp.fib.netlink.RtnlConnection;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches interfaces and addresses (RTMGRP_LINK, RTMGRP_IPV4_IFADDR, RTMGRP_IPV6_IFADDR) on
 * its own socket and thread, and reports an interface going down, coming up or vanishing,
 * and addresses appearing or going. Subscribes before reading the initial state, so no
 * change between the two is lost; if the kernel drops events (ENOBUFS) it re-reads the links
 * and reports what changed.
 */
public final class LinkMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LinkMonitor.class);

    /** Called on the monitor thread; implementations hand work to their own thread. */
    public interface Listener {
        /** {@code before} is null for an interface not seen before. */
        void linkChanged(LinkInfo before, LinkInfo now);

        default void addressChanged(AddressInfo address) {}

        /** Events were lost and state re-read; consumers may want a full resync. */
        default void eventsLost() {}
    }

    private final NetlinkSocket events;
    private final NetlinkSocket.Options requestOptions;
    private final Listener listener;
    private final Map<Integer, LinkInfo> links = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private LinkMonitor(NetlinkSocket events, NetlinkSocket.Options requestOptions, Listener listener, String name) {
        this.events = events;
        this.requestOptions = requestOptions;
        this.listener = listener;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /** @param options socket options (namespace); groups and timeout are set here */
    public static LinkMonitor start(NetlinkSocket.Options options, Listener listener) throws NetlinkException {
        int groups = Rtnl.RTMGRP_LINK | Rtnl.RTMGRP_IPV4_IFADDR | Rtnl.RTMGRP_IPV6_IFADDR;
        NetlinkSocket events = NetlinkSocket.open(options.withGroups(groups)
                .withReceiveTimeout(Duration.ofMillis(200)));
        LinkMonitor m = new LinkMonitor(events, options.withGroups(0), listener, "fib-link-monitor");
        try {
            for (LinkInfo l : m.dumpLinks()) {
                m.links.put(l.index(), l);
            }
        } catch (NetlinkException | RuntimeException e) {
            events.close();
            throw e;
        }
        m.thread.start();
        return m;
    }

    /** The current state of an interface, or null if unknown. */
    public LinkInfo link(int index) {
        return links.get(index);
    }

    public Map<Integer, LinkInfo> links() {
        return Map.copyOf(links);
    }

    private List<LinkInfo> dumpLinks() throws NetlinkException {
        try (RtnlConnection c = RtnlConnection.open(requestOptions)) {
            return c.dump(Rtnl.RTM_GETLINK, LinkInfo.dumpRequest(), LinkInfo::decode);
        }
    }

    private void run() {
        ByteBuffer rx = ByteBuffer.allocateDirect(NetlinkSocket.RECEIVE_BUFFER_SIZE).order(ByteOrder.nativeOrder());
        while (running) {
            try {
                int n = events.receive(rx);
                if (n < 0) {
                    continue;
                }
                for (NlMessage m : NlMessage.parse(rx, n)) {
                    handle(m);
                }
            } catch (NetlinkException e) {
                if (!running) {
                    return;
                }
                if (e.errno() == Errno.ENOBUFS) {
                    log.warn("link events lost (socket overrun); re-reading interfaces");
                    resynchronize();
                } else {
                    log.error("link monitor: {}", e.getMessage());
                    sleepQuietly();
                }
            } catch (RuntimeException e) {
                log.error("link monitor listener failed", e);
            }
        }
    }

    private void handle(NlMessage m) throws NetlinkException {
        switch (m.type()) {
            case Rtnl.RTM_NEWLINK, Rtnl.RTM_DELLINK -> {
                LinkInfo now = LinkInfo.decode(m);
                LinkInfo before = now.deleted() ? links.remove(now.index()) : links.put(now.index(), now);
                report(before, now);
            }
            case Rtnl.RTM_NEWADDR, Rtnl.RTM_DELADDR -> {
                AddressInfo a = AddressInfo.decode(m);
                if (a != null) {
                    log.debug("address {} {}/{} on ifindex {}", a.deleted() ? "removed" : "added",
                            a.address().getHostAddress(), a.prefixLength(), a.ifindex());
                    listener.addressChanged(a);
                }
            }
            default -> { }
        }
    }

    private void report(LinkInfo before, LinkInfo now) {
        boolean wasUp = before != null && before.isUp();
        if (wasUp != now.isUp() || now.deleted() || before == null) {
            if (now.deleted()) {
                log.info("interface {} (ifindex {}) vanished", now.name(), now.index());
            } else if (wasUp != now.isUp()) {
                log.info("interface {} (ifindex {}) is {}", now.name(), now.index(), now.isUp() ? "up" : "down");
            }
            listener.linkChanged(before, now);
        }
    }

    private void resynchronize() {
        try {
            Map<Integer, LinkInfo> fresh = new HashMap<>();
            for (LinkInfo l : dumpLinks()) {
                fresh.put(l.index(), l);
            }
            for (LinkInfo old : List.copyOf(links.values())) {
                if (!fresh.containsKey(old.index())) {
                    links.remove(old.index());
                    report(old, new LinkInfo(old.index(), old.name(), 0, 0, true));
                }
            }
            for (LinkInfo l : fresh.values()) {
                report(links.put(l.index(), l), l);
            }
            listener.eventsLost();
        } catch (NetlinkException e) {
            log.error("re-reading interfaces failed: {}", e.getMessage());
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(100); // back off a failing socket instead of spinning
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000); // the receive timeout bounds this
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.close();
    }
}
