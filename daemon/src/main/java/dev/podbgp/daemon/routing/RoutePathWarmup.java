package dev.podbgp.daemon.routing;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.AsPath;
import dev.podbgp.bgp.wire.BgpDecoder;
import dev.podbgp.bgp.wire.BgpEncoder;
import dev.podbgp.bgp.wire.CodecOptions;
import dev.podbgp.bgp.wire.DecodeResult;
import dev.podbgp.bgp.wire.Ipv4Prefix;
import dev.podbgp.bgp.wire.Origin;
import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.bgp.wire.UpdateMessage;
import dev.podbgp.bgp.wire.UpdatePacker;
import dev.podbgp.fib.netlink.MessageWriter;
import dev.podbgp.fib.netlink.RtnlConnection;
import dev.podbgp.fib.route.Route;
import dev.podbgp.fib.route.RouteCodec;
import dev.podbgp.fib.route.RouteKey;
import dev.podbgp.rib.FibListener;
import dev.podbgp.rib.PeerCapabilities;
import dev.podbgp.rib.PeerConfig;
import dev.podbgp.rib.PeerId;
import dev.podbgp.rib.PeerInfo;
import dev.podbgp.rib.RibConfig;
import dev.podbgp.rib.RibRunner;
import dev.podbgp.rib.RouteChange;
import dev.podbgp.rib.decision.NextHopResolver;
import dev.podbgp.rib.out.PeerUpdate;
import dev.podbgp.rib.out.UpdateSink;
import dev.podbgp.rib.policy.Policy;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs made-up routes through the route path once before any session starts: UPDATEs encoded and
 * decoded, imported by a throwaway RIB on its own thread from two eBGP peers, best paths chosen,
 * exported to a third peer, packed and encoded, then withdrawn; when the daemon installs routes, the
 * Loc-RIB changes also become kernel routes and the netlink requests that would create and delete
 * them, encoded and never sent. A fresh JVM runs that code
 * interpreted and compiles it while it runs; on two cores the compiler then competes with the RIB
 * and the session threads for the first burst of real routes (measured: 350 compilations while a
 * 500-node cluster's first 2,000 routes went through, the RIB thread on a core for a third of that
 * time; with the FIB on, another hundred compilations of the kernel side). Done here, that work
 * happens before the first peer connects. Nothing of it stays: the RIB, its thread and its routes
 * are gone when this returns; the kernel, the sessions and the metrics are never touched.
 */
final class RoutePathWarmup {
    /** Enough rounds through each method for the JIT's first tier (a few hundred calls or loop trips). */
    static final int PREFIXES = 4_000;
    /** Loc-RIB changes taken through the kernel side, when there is one. */
    static final int FIB_CHANGES = 3_000;
    private static final CodecOptions OPTIONS = new CodecOptions(true, false, false,
            Set.of(AddressFamily.IPV4_UNICAST), Set.of(), Set.of(), Set.of());

    private RoutePathWarmup() {
    }

    /**
     * What one warm-up did: UPDATE bytes the made-up exports encoded to, netlink bytes the made-up
     * kernel changes encoded to (0 without a FIB), and the time taken.
     */
    record Result(long exportedBytes, long fibBytes, long nanos) {}

    /** Pass-through: no kernel side. */
    static Result run(int prefixes) throws InterruptedException, ExecutionException, TimeoutException {
        return run(prefixes, null);
    }

    /** @param kernel the daemon's kernel side to run the made-up changes through, or null when nothing installs */
    static Result run(int prefixes, KernelRoutes kernel)
            throws InterruptedException, ExecutionException, TimeoutException {
        long start = System.nanoTime();
        AtomicLong exported = new AtomicLong();
        AtomicLong fibBytes = new AtomicLong();
        FibListener fib = kernel == null ? FibListener.NONE : new FibListener() {
            // What the FIB writer's reconciler would hold and send; the requests are encoded into one reused
            // buffer, never sent. The first FIB_CHANGES changes are enough for the compiler; more would only add
            // start-up garbage (and a larger young generation on a small node).
            private final Map<RouteKey, Route> held = new HashMap<>();
            private final MessageWriter out = new MessageWriter(512);
            private int seq;
            private int taken;

            @Override
            public void routesChanged(List<RouteChange> changes) {
                if (taken >= FIB_CHANGES) {
                    return;
                }
                List<RouteChange> some = changes.subList(0, Math.min(changes.size(), FIB_CHANGES - taken));
                taken += some.size();
                KernelRoutes.Desired d = kernel.desired(some);
                for (Route r : d.put()) {
                    Route before = held.put(r.key(), r);
                    encode(before == null ? RouteCodec.create(r) : RouteCodec.replace(r));
                }
                for (RouteKey k : d.remove()) {
                    Route before = held.remove(k);
                    if (before != null) {
                        encode(RouteCodec.delete(before));
                    }
                }
            }

            private void encode(RtnlConnection.Request r) {
                out.clear();
                r.writeTo(out, ++seq);
                fibBytes.addAndGet(out.length());
            }
        };
        UpdateSink sink = new UpdateSink() {
            @Override
            public void send(PeerId peer, PeerUpdate update) {
                // What SessionOutbox has a session thread do: pack for the session, then encode.
                ByteBuf out = Unpooled.buffer();
                try {
                    for (UpdateMessage m : update.toMessages()) {
                        for (UpdateMessage packed : UpdatePacker.pack(m, OPTIONS)) {
                            BgpEncoder.encode(packed, OPTIONS, out);
                        }
                    }
                    exported.addAndGet(out.readableBytes());
                } finally {
                    out.release();
                }
            }

            @Override
            public void requestRouteRefresh(PeerId peer, AddressFamily family) {
            }
        };
        PeerId a = new PeerId("warmup-a");
        PeerId b = new PeerId("warmup-b");
        PeerId downstream = new PeerId("warmup-downstream");
        try (RibRunner rib = new RibRunner(RibConfig.of(64512, 0x0A000001), NextHopResolver.DIRECT, fib, sink,
                BgpCore.RIB_QUEUE)) {
            PeerConfig in = PeerConfig.DEFAULT.withImportPolicy(Policy.ACCEPT_ALL);
            rib.call(r -> {
                r.configurePeer(a, in);
                r.configurePeer(b, in);
                r.configurePeer(downstream, PeerConfig.DEFAULT.withExportPolicy(Policy.ACCEPT_ALL));
                return null;
            });
            rib.peerUp(a, info("192.0.2.1", 64513, 0x0A000002));
            rib.peerUp(b, info("192.0.2.2", 64514, 0x0A000003));
            rib.peerUp(downstream, info("192.0.2.3", 64515, 0x0A000004));
            List<Prefix> all = new ArrayList<>(prefixes);
            for (int i = 0; i < prefixes; i++) {
                all.add(new Ipv4Prefix(0x0A400000 + (i << 8), 24));
            }
            feed(rib, a, announcements(all, 64513, "192.0.2.1"));
            flush(rib);
            feed(rib, b, announcements(all, 64514, "192.0.2.2"));
            rib.endOfRib(a, AddressFamily.IPV4_UNICAST);
            rib.endOfRib(b, AddressFamily.IPV4_UNICAST);
            flush(rib);
            feed(rib, a, decoded(UpdatePacker.withdraw(all, OPTIONS)));
            feed(rib, b, decoded(UpdatePacker.withdraw(all, OPTIONS)));
            flush(rib);
        }
        return new Result(exported.get(), fibBytes.get(), System.nanoTime() - start);
    }

    /** Sends what the coalescing window holds: an announcement withdrawn within one window sends nothing. */
    private static void flush(RibRunner rib) throws InterruptedException, ExecutionException, TimeoutException {
        rib.call(r -> {
            r.flush();
            return null;
        }).get(60, TimeUnit.SECONDS);
    }

    private static void feed(RibRunner rib, PeerId peer, List<UpdateMessage> updates)
            throws InterruptedException, ExecutionException, TimeoutException {
        for (int i = 0; i < updates.size(); i += 200) {
            List<UpdateMessage> batch = List.copyOf(updates.subList(i, Math.min(updates.size(), i + 200)));
            if (!rib.submitUpdates(peer, batch, () -> { })) {
                // Full: wait for the RIB instead of pausing a socket.
                rib.call(r -> null).get(60, TimeUnit.SECONDS);
            }
        }
    }

    /** The prefixes from one made-up peer, a few AS paths shared as in a real table, through the codec. */
    private static List<UpdateMessage> announcements(List<Prefix> prefixes, long peerAs, String nextHop) {
        List<UpdateMessage> out = new ArrayList<>();
        for (int path = 0; path < 8; path++) {
            List<Prefix> share = new ArrayList<>();
            for (int i = path; i < prefixes.size(); i += 8) {
                share.add(prefixes.get(i));
            }
            PathAttributes attrs = PathAttributes.builder().origin(Origin.IGP)
                    .asPath(AsPath.sequence(new int[] {(int) peerAs, 65000 + path, 65100 + path % 3}))
                    .nextHop((Inet4Address) address(nextHop)).build();
            out.addAll(UpdatePacker.announce(attrs, share, OPTIONS));
        }
        return decoded(out);
    }

    /** Each UPDATE encoded and decoded again, as a session receives it. */
    private static List<UpdateMessage> decoded(List<UpdateMessage> updates) {
        BgpDecoder decoder = new BgpDecoder();
        List<UpdateMessage> out = new ArrayList<>(updates.size());
        ByteBuf buf = Unpooled.buffer();
        try {
            for (UpdateMessage u : updates) {
                BgpEncoder.encode(u, OPTIONS, buf);
                int length = BgpDecoder.frameLength(buf, OPTIONS);
                DecodeResult r = decoder.decodeNext(buf, length, OPTIONS);
                if (!(r instanceof DecodeResult.Decoded d) || !(d.message() instanceof UpdateMessage m)) {
                    throw new IllegalStateException("warm-up UPDATE did not decode: " + r);
                }
                out.add(m);
                buf.discardReadBytes();
            }
        } finally {
            buf.release();
        }
        return out;
    }

    private static PeerInfo info(String address, long asn, int routerId) {
        return new PeerInfo(address(address), (Inet4Address) address("192.0.2.254"), null, asn, routerId,
                PeerCapabilities.IPV4_BASIC);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
