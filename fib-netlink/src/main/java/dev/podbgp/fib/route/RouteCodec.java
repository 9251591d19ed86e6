package dev.podbgp.fib.route;

import dev.podbgp.fib.netlink.Attr;
import dev.podbgp.fib.netlink.Attributes;
import dev.podbgp.fib.netlink.Errno;
import dev.podbgp.fib.netlink.MessageWriter;
import dev.podbgp.fib.netlink.Netlink;
import dev.podbgp.fib.netlink.NetlinkException;
import dev.podbgp.fib.netlink.NlMessage;
import dev.podbgp.fib.netlink.Rtnl;
import dev.podbgp.fib.netlink.RtnlConnection.MessageBody;
import dev.podbgp.fib.netlink.RtnlConnection.Request;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * RTM_NEWROUTE / RTM_DELROUTE / RTM_GETROUTE encoding and RTM_NEWROUTE decoding. Header
 * fields and attribute order follow iproute2 ("ip route replace PREFIX table T proto P metric
 * M src S via G dev D [onlink]"), so our requests are byte-for-byte what iproute2 sends.
 */
public final class RouteCodec {

    private RouteCodec() {}

    /** Create-or-replace: NLM_F_CREATE | NLM_F_REPLACE. */
    public static Request replace(Route r) {
        return new Request(Rtnl.RTM_NEWROUTE, Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE,
                w -> writeNewRoute(w, r), "replace route", r);
    }

    /**
     * Create only if no route with this key exists (NLM_F_CREATE | NLM_F_EXCL): used when we
     * believe the key is free, so a route someone else put there meanwhile, perhaps of another
     * protocol, is answered with EEXIST instead of being overwritten.
     */
    public static Request create(Route r) {
        return new Request(Rtnl.RTM_NEWROUTE, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL,
                w -> writeNewRoute(w, r), "create route", r);
    }

    /** Deletes the route with this key in its table, only if it carries the protocol. */
    public static Request delete(Route r) {
        return new Request(Rtnl.RTM_DELROUTE, 0, w -> writeDelRoute(w, r), "delete route", r);
    }

    /** Dump request for one family, filtered by the kernel to a table and protocol. */
    public static MessageBody dumpRequest(int family, int table, int protocol) {
        return w -> {
            rtmsg(w, family, 0, Rtnl.RT_TABLE_UNSPEC, protocol, Rtnl.RT_SCOPE_UNIVERSE, Rtnl.RTN_UNSPEC, 0);
            w.attrU32(Rtnl.RTA_TABLE, table);
        };
    }

    static void writeNewRoute(MessageWriter w, Route r) {
        boolean v6 = r.prefix().isIpv6();
        boolean single = r.nextHops().size() == 1;
        NextHop only = single ? r.nextHops().get(0) : null;
        int scope = !v6 && single && only.gateway() == null ? Rtnl.RT_SCOPE_LINK : Rtnl.RT_SCOPE_UNIVERSE;
        int flags = single && only.onlink() ? Rtnl.RTNH_F_ONLINK : 0;
        rtmsg(w, r.prefix().family(), r.prefix().length(), headerTable(r.table()), r.protocol(), scope,
                r.type().code(), flags);
        keyAttributes(w, r);
        if (r.prefsrc() != null) {
            w.attr(Rtnl.RTA_PREFSRC, r.prefsrc().getAddress());
        }
        if (single) {
            if (only.gateway() != null) {
                w.attr(Rtnl.RTA_GATEWAY, only.gateway().getAddress());
            }
            if (only.ifindex() > 0) {
                w.attrU32(Rtnl.RTA_OIF, only.ifindex());
            }
        } else if (r.nextHops().size() > 1) {
            int mp = w.beginNested(Rtnl.RTA_MULTIPATH);
            for (NextHop h : r.nextHops()) {
                int start = w.position();
                w.u16(0).u8(h.onlink() ? Rtnl.RTNH_F_ONLINK : 0).u8(h.weight() - 1).u32(h.ifindex());
                if (h.gateway() != null) {
                    w.attr(Rtnl.RTA_GATEWAY, h.gateway().getAddress());
                }
                w.putU16At(start, w.position() - start);
            }
            w.endNested(mp);
        }
    }

    static void writeDelRoute(MessageWriter w, Route r) {
        // iproute2 uses scope "nowhere" for IPv4 deletes: matches a route of any scope.
        int scope = r.prefix().isIpv6() ? Rtnl.RT_SCOPE_UNIVERSE : Rtnl.RT_SCOPE_NOWHERE;
        rtmsg(w, r.prefix().family(), r.prefix().length(), headerTable(r.table()), r.protocol(), scope,
                Rtnl.RTN_UNSPEC, 0);
        keyAttributes(w, r);
    }

    private static void keyAttributes(MessageWriter w, Route r) {
        if (r.prefix().length() > 0) {
            w.attr(Rtnl.RTA_DST, r.prefix().address().getAddress());
        }
        if (headerTable(r.table()) == Rtnl.RT_TABLE_UNSPEC) {
            w.attrU32(Rtnl.RTA_TABLE, r.table());
        }
        w.attrU32(Rtnl.RTA_PRIORITY, r.metric());
    }

    /** rtm_table is 8 bits; larger table ids travel in RTA_TABLE with rtm_table unspecified. */
    private static int headerTable(int table) {
        return Integer.compareUnsigned(table, 256) < 0 ? table : Rtnl.RT_TABLE_UNSPEC;
    }

    private static void rtmsg(MessageWriter w, int family, int dstLen, int table, int protocol, int scope, int type,
            int flags) {
        w.u8(family).u8(dstLen).u8(0).u8(0).u8(table).u8(protocol).u8(scope).u8(type).u32(flags);
    }

    /**
     * Decodes an RTM_NEWROUTE. Returns null for routes this model does not describe (local,
     * broadcast, cloned, source-specific or tos routes) so that callers never mistake them
     * for ours.
     */
    public static Route decode(NlMessage m) throws NetlinkException {
        if (m.type() != Rtnl.RTM_NEWROUTE) {
            return null;
        }
        ByteBuffer p = m.payload();
        if (p.limit() < Rtnl.RTMSG_LENGTH) {
            throw new NetlinkException("RTM_NEWROUTE with " + p.limit() + " payload bytes", Errno.EBADMSG.code(), null);
        }
        int family = p.get(0) & 0xff;
        int dstLen = p.get(1) & 0xff;
        int srcLen = p.get(2) & 0xff;
        int tos = p.get(3) & 0xff;
        int table = p.get(4) & 0xff;
        int protocol = p.get(5) & 0xff;
        RouteType type = RouteType.fromCode(p.get(7) & 0xff);
        int flags = p.getInt(8);
        if ((family != Rtnl.AF_INET && family != Rtnl.AF_INET6) || type == null || srcLen != 0 || tos != 0
                || protocol == 0 || (flags & 0x200 /* RTM_F_CLONED */) != 0) {
            return null;
        }
        Attributes a = m.attributes(Rtnl.RTMSG_LENGTH);
        Attr t = a.get(Rtnl.RTA_TABLE);
        if (t != null) {
            table = t.u32();
        }
        int addrLen = family == Rtnl.AF_INET ? 4 : 16;
        Attr dst = a.get(Rtnl.RTA_DST);
        IpPrefix prefix = IpPrefix.of(dst == null ? new byte[addrLen] : address(dst, addrLen), dstLen);
        Attr prio = a.get(Rtnl.RTA_PRIORITY);
        int metric = prio == null ? 0 : prio.u32();
        Attr src = a.get(Rtnl.RTA_PREFSRC);
        InetAddress prefsrc = src == null ? null : inet(address(src, addrLen));
        List<NextHop> hops = new ArrayList<>();
        if (type == RouteType.UNICAST) {
            Attr mp = a.get(Rtnl.RTA_MULTIPATH);
            if (mp != null) {
                decodeMultipath(mp, addrLen, hops);
            } else {
                Attr gw = a.get(Rtnl.RTA_GATEWAY);
                Attr oif = a.get(Rtnl.RTA_OIF);
                if (gw == null && oif == null) {
                    return null; // e.g. a nexthop-object route (RTA_NH_ID): not something we install
                }
                hops.add(new NextHop(gw == null ? null : inet(address(gw, addrLen)), oif == null ? 0 : oif.u32(), 1,
                        (flags & Rtnl.RTNH_F_ONLINK) != 0));
            }
        }
        // Any table/protocol the kernel reports is legal input here; Route refuses only what
        // we could never have written, and then this is not our route.
        if (table == Rtnl.RT_TABLE_UNSPEC || table == 255) {
            return null;
        }
        return new Route(prefix, type, hops, table, protocol, metric, prefsrc);
    }

    private static void decodeMultipath(Attr mp, int addrLen, List<NextHop> hops) throws NetlinkException {
        ByteBuffer v = mp.value();
        int pos = 0;
        while (v.limit() - pos >= Rtnl.RTNEXTHOP_LENGTH) {
            int len = v.getShort(pos) & 0xffff;
            if (len < Rtnl.RTNEXTHOP_LENGTH || len > v.limit() - pos) {
                throw new NetlinkException("malformed rtnexthop of length " + len + " at offset " + pos,
                        Errno.EBADMSG.code(), null);
            }
            int hopFlags = v.get(pos + 2) & 0xff;
            int weight = (v.get(pos + 3) & 0xff) + 1;
            int ifindex = v.getInt(pos + 4);
            Attributes inner = Attributes.parse(v.slice(pos + Rtnl.RTNEXTHOP_LENGTH, len - Rtnl.RTNEXTHOP_LENGTH)
                    .order(v.order()));
            Attr gw = inner.get(Rtnl.RTA_GATEWAY);
            hops.add(new NextHop(gw == null ? null : inet(address(gw, addrLen)), ifindex, weight,
                    (hopFlags & Rtnl.RTNH_F_ONLINK) != 0));
            pos += Netlink.align(len);
        }
    }

    private static byte[] address(Attr a, int len) throws NetlinkException {
        if (a.length() != len) {
            throw new NetlinkException("route attribute " + a.type() + " holds " + a.length() + " bytes, expected an "
                    + len + "-byte address", Errno.EBADMSG.code(), null);
        }
        return a.bytes();
    }

    private static InetAddress inet(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of " + b.length + " bytes", e);
        }
    }
}
