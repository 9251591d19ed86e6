package dev.podbgp.fib.route;

import dev.podbgp.fib.netlink.Errno;
import dev.podbgp.fib.netlink.Netlink;
import dev.podbgp.fib.netlink.NetlinkException;
import dev.podbgp.fib.netlink.NlMessage;
import dev.podbgp.fib.netlink.Rtnl;
import dev.podbgp.fib.netlink.RtnlConnection;
import dev.podbgp.fib.netlink.RtnlTransport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model of the kernel's route table for unit tests, behind the same bytes the real one
 * gets: every request is encoded, parsed back and applied with IPv4 key semantics (table,
 * prefix, metric); dumps answer with encoded RTM_NEWROUTE messages.
 */
final class ModelKernel implements RtnlTransport {

    record Key(int table, IpPrefix prefix, int metric) {}

    final Map<Key, Route> routes = new HashMap<>();
    /** Prefixes the model refuses with this errno (like an unreachable gateway). */
    final Map<String, Errno> refuse = new HashMap<>();
    int messages;
    int dumps;
    /** The next execute() fails as a broken socket would. */
    boolean failNextSend;

    void add(Route r) {
        routes.put(new Key(r.table(), r.prefix(), r.metric()), r);
    }

    List<Route> of(int protocol) {
        return routes.values().stream().filter(r -> r.protocol() == protocol).toList();
    }

    @Override
    public <T> List<T> dump(int type, RtnlConnection.MessageBody body, RtnlConnection.Decoder<T> decoder)
            throws NetlinkException {
        dumps++;
        NlMessage req = parse(RtnlConnection.encodeDump(type, body, 1));
        int family = req.payload().get(0) & 0xff;
        int protocol = req.payload().get(5) & 0xff;
        int table = req.attributes(Rtnl.RTMSG_LENGTH).get(Rtnl.RTA_TABLE).u32();
        List<T> out = new ArrayList<>();
        for (Route r : routes.values()) {
            if (r.prefix().family() == family && r.table() == table && (protocol == 0 || r.protocol() == protocol)) {
                T t = decoder.decode(parse(RouteCodec.replace(r).encode(7)));
                if (t != null) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    @Override
    public List<NetlinkException> execute(List<RtnlConnection.Request> requests) throws NetlinkException {
        if (failNextSend) {
            failNextSend = false;
            throw new NetlinkException("netlink send of " + requests.size() + " requests", Errno.ENOBUFS.code(), null);
        }
        List<NetlinkException> out = new ArrayList<>();
        for (RtnlConnection.Request rq : requests) {
            messages++;
            NlMessage m = parse(rq.encode(messages));
            out.add(apply(m, rq));
        }
        return out;
    }

    private NetlinkException apply(NlMessage m, RtnlConnection.Request rq) throws NetlinkException {
        if (m.type() == Rtnl.RTM_NEWROUTE) {
            Route r = RouteCodec.decode(m);
            Errno refused = refuse.get(r.prefix().toString());
            if (refused != null) {
                return new NetlinkException(rq.description(), refused.code(), "refused by the model");
            }
            Key k = new Key(r.table(), r.prefix(), r.metric());
            if ((m.flags() & Netlink.NLM_F_EXCL) != 0 && routes.containsKey(k)) {
                return new NetlinkException(rq.description(), Errno.EEXIST.code(), null);
            }
            routes.put(k, r);
            return null;
        }
        ByteBuffer p = m.payload();
        int table = p.get(4) & 0xff;
        int protocol = p.get(5) & 0xff;
        var attrs = m.attributes(Rtnl.RTMSG_LENGTH);
        if (attrs.has(Rtnl.RTA_TABLE)) {
            table = attrs.get(Rtnl.RTA_TABLE).u32();
        }
        Key k = new Key(table, IpPrefix.of(attrs.get(Rtnl.RTA_DST).bytes(), p.get(1) & 0xff),
                attrs.get(Rtnl.RTA_PRIORITY).u32());
        Route have = routes.get(k);
        if (have == null || (protocol != 0 && have.protocol() != protocol)) {
            return new NetlinkException(rq.description(), Errno.ESRCH.code(), null);
        }
        routes.remove(k);
        return null;
    }

    private static NlMessage parse(byte[] bytes) throws NetlinkException {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.nativeOrder());
        b.put(bytes).flip();
        return NlMessage.parse(b, bytes.length).get(0);
    }
}
