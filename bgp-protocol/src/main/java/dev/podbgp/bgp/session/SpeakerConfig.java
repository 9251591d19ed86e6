package dev.podbgp.bgp.session;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * Settings of the speaker as a whole.
 *
 * @param listen addresses to accept BGP connections on (empty: accept none, every peer must be active);
 *               {@code [::]:179} accepts IPv4 and IPv6
 * @param threads event loop threads shared by all sessions
 * @param threadFactory makes those threads (the interop tests use one that enters a network namespace)
 * @param clock wall clock for states' "since"
 */
public record SpeakerConfig(List<InetSocketAddress> listen, int threads, ThreadFactory threadFactory, Clock clock) {
    public SpeakerConfig {
        listen = List.copyOf(listen);
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("event loop threads " + threads + " is outside 1..64");
        }
        if (threadFactory == null) {
            threadFactory = new io.netty.util.concurrent.DefaultThreadFactory("podbgp-bgp", true);
        }
        if (clock == null) {
            clock = Clock.systemUTC();
        }
    }

    /** Listen on all addresses, port 179, with two event loop threads. */
    public static SpeakerConfig defaults() {
        return new SpeakerConfig(List.of(new InetSocketAddress(anyV6(), PeerConfig.BGP_PORT)), 2, null, null);
    }

    private static InetAddress anyV6() {
        try {
            return InetAddress.getByName("::");
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError("\"::\" is a literal", e);
        }
    }
}
