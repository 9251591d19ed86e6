package dev.podbgp.bgp.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.unix.RawUnixChannelOption;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The per-peer socket options: TCP MD5 (RFC 2385), outgoing TTL / hop limit
 * (eBGP multihop, GTSM's 255), GTSM's minimum incoming TTL (RFC 5082) and
 * DSCP CS6. Netty has no constants for the TTL options, so they go through
 * its generic {@code setsockopt} option with the Linux numbers.
 */
final class SocketOptions {
    private static final int IPPROTO_IP = 0;
    private static final int IPPROTO_IPV6 = 41;
    private static final int IPPROTO_TCP = 6;
    /** Linux 4.2+: the listener keeps each SYN's headers, read on the accepted socket with TCP_SAVED_SYN. */
    private static final IntegerUnixChannelOption TCP_SAVE_SYN = new IntegerUnixChannelOption("TCP_SAVE_SYN", IPPROTO_TCP, 27);
    private static final RawUnixChannelOption TCP_SAVED_SYN = new RawUnixChannelOption("TCP_SAVED_SYN", IPPROTO_TCP, 28, 512);
    private static final IntegerUnixChannelOption IP_TOS = new IntegerUnixChannelOption("IP_TOS", IPPROTO_IP, 1);
    private static final IntegerUnixChannelOption IP_TTL = new IntegerUnixChannelOption("IP_TTL", IPPROTO_IP, 2);
    private static final IntegerUnixChannelOption IP_MINTTL = new IntegerUnixChannelOption("IP_MINTTL", IPPROTO_IP, 21);
    private static final IntegerUnixChannelOption IPV6_UNICAST_HOPS =
            new IntegerUnixChannelOption("IPV6_UNICAST_HOPS", IPPROTO_IPV6, 16);
    private static final IntegerUnixChannelOption IPV6_MINHOPCOUNT =
            new IntegerUnixChannelOption("IPV6_MINHOPCOUNT", IPPROTO_IPV6, 73);
    private static final IntegerUnixChannelOption IPV6_TCLASS = new IntegerUnixChannelOption("IPV6_TCLASS", IPPROTO_IPV6, 67);
    /** DSCP CS6 (48) in the upper six bits of the TOS / traffic class octet. */
    static final int CS6 = 0xC0;

    private SocketOptions() {
    }

    /**
     * A listening socket answers the handshake (SYN-ACK) before we know which
     * peer connects: it sends with TTL / hop limit 255, so a GTSM peer accepts
     * it (a higher TTL costs a single-hop peer nothing), and DSCP CS6. The
     * accepted connection then gets the peer's own settings.
     */
    static void listener(Channel channel, boolean v6) {
        ChannelConfig c = channel.config();
        if (!Transports.epoll()) {
            c.setOption(ChannelOption.IP_TOS, CS6);
            return;
        }
        c.setOption(IP_TTL, 255);
        c.setOption(IP_TOS, CS6);
        c.setOption(TCP_SAVE_SYN, 1);
        if (v6) {
            c.setOption(IPV6_UNICAST_HOPS, 255);
            c.setOption(IPV6_TCLASS, CS6);
        }
    }

    /**
     * Why {@code peer} cannot be served by the current transport, or null when it can:
     * NIO has no MD5, TTL or minimum TTL.
     */
    static String unsupported(PeerConfig peer) {
        if (Transports.epoll()) {
            return null;
        }
        if (peer.md5Password() != null || peer.gtsm() || peer.ttl() != 0) {
            return "TCP MD5, GTSM and TTL settings need Netty's epoll transport, which is unavailable: "
                    + Transports.epollUnavailableReason();
        }
        return null;
    }

    /** MD5 key of a peer, for a channel about to connect (a connected or listening socket takes a map too). */
    static void md5(ChannelConfig config, InetAddress peer, String password) {
        if (password != null && Transports.epoll()) {
            Map<InetAddress, byte[]> keys = new HashMap<>();
            keys.put(peer, password.getBytes(StandardCharsets.US_ASCII));
            config.setOption(EpollChannelOption.TCP_MD5SIG, keys);
        }
    }

    /**
     * The TTL (hop limit) the peer's SYN arrived with, or -1 when unknown. The
     * minimum TTL is set on an accepted socket only after the handshake, so GTSM
     * for incoming connections checks the SYN itself (RFC 5082 §3).
     */
    static int synTtl(Channel accepted) {
        if (!Transports.epoll()) {
            return -1;
        }
        try {
            java.nio.ByteBuffer syn = accepted.config().getOption(TCP_SAVED_SYN);
            if (syn == null || syn.limit() < 9) {
                return -1;
            }
            int version = (syn.get(0) & 0xF0) >>> 4;
            return version == 4 ? syn.get(8) & 0xFF : version == 6 ? syn.get(7) & 0xFF : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** TTL, minimum TTL and DSCP for a connection to or from {@code peer.address()}. */
    static void apply(Channel channel, PeerConfig peer) {
        ChannelConfig c = channel.config();
        boolean v6 = peer.address() instanceof Inet6Address;
        if (peer.dscpCs6()) {
            if (v6 && Transports.epoll()) {
                c.setOption(IPV6_TCLASS, CS6);
            } else if (!v6) {
                c.setOption(ChannelOption.IP_TOS, CS6);
            }
        }
        if (!Transports.epoll()) {
            return;
        }
        int ttl = peer.effectiveTtl();
        // iBGP without explicit TTL keeps the system default hop limit.
        if (peer.gtsm() || peer.ttl() != 0 || !peer.ibgp()) {
            c.setOption(v6 ? IPV6_UNICAST_HOPS : IP_TTL, ttl);
        }
        if (peer.gtsm()) {
            // RFC 5082: a directly connected peer's packets arrive with TTL 255; accept 254 and up.
            c.setOption(v6 ? IPV6_MINHOPCOUNT : IP_MINTTL, 254);
        }
    }
}
