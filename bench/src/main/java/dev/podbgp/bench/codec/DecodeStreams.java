package dev.podbgp.bench.codec;

import dev.podbgp.bgp.wire.AsPath;
import dev.podbgp.bgp.wire.AsPathSegment;
import dev.podbgp.bgp.wire.BgpDecoder;
import dev.podbgp.bgp.wire.BgpEncoder;
import dev.podbgp.bgp.wire.CodecOptions;
import dev.podbgp.bgp.wire.Communities;
import dev.podbgp.bgp.wire.DecodeResult;
import dev.podbgp.bgp.wire.Ipv4;
import dev.podbgp.bgp.wire.Ipv4Prefix;
import dev.podbgp.bgp.wire.Origin;
import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.bgp.wire.UpdateMessage;
import dev.podbgp.bgp.wire.UpdatePacker;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The byte streams the decode benchmark reads: what a peer would send us,
 * encoded by our own encoder, deterministic for a seed.
 */
final class DecodeStreams {
    /** An iBGP session between 4-octet speakers, IPv4 unicast, no ADD-PATH: a podbgp mesh. */
    static final CodecOptions OPTIONS = new CodecOptions(true, false, true,
            Set.of(dev.podbgp.bgp.wire.AddressFamily.IPV4_UNICAST), Set.of(), Set.of(), Set.of());

    private DecodeStreams() {
    }

    /** Encoded messages back to back, with what they carry. */
    record Stream(ByteBuf wire, int[] offsets, int messages, long prefixes, long bytes) {
    }

    /**
     * (a) Packed: one attribute set and {@code prefixCount} distinct IPv4
     * prefixes (70% /24, 20% /26, 10% /32, like pod CIDRs and host routes)
     * packed into as few 4096-byte UPDATEs as fit.
     */
    static Stream packed(int prefixCount, long seed) {
        return encode(UpdatePacker.announce(PACKED_ATTRIBUTES, distinctPrefixes(prefixCount, new Random(seed)),
                OPTIONS));
    }

    /**
     * The attributes of {@link #packed} with one prefix per UPDATE: the two
     * streams differ only in prefixes per message, so their allocations give
     * the cost of a prefix apart from the cost of a message.
     */
    static Stream onePerUpdate(int updateCount, long seed) {
        List<UpdateMessage> updates = new ArrayList<>(updateCount);
        for (Prefix p : distinctPrefixes(updateCount, new Random(seed))) {
            updates.add(UpdateMessage.announce(PACKED_ATTRIBUTES, List.of(p)));
        }
        return encode(updates);
    }

    private static final PathAttributes PACKED_ATTRIBUTES = PathAttributes.builder()
                .origin(Origin.IGP)
                .asPath(AsPath.sequence(65_001, 65_002, (int) 4_200_000_001L))
                .nextHop(Ipv4.toInet(Ipv4.parse("192.0.2.1")))
                .med(100L)
                .localPref(100L)
                .communities(Communities.of(Communities.community(65_001, 1), Communities.community(65_001, 2)))
                .build();

    private static List<Prefix> distinctPrefixes(int count, Random r) {
        List<Prefix> prefixes = new ArrayList<>(count);
        java.util.Set<Prefix> seen = new java.util.HashSet<>();
        while (prefixes.size() < count) {
            Prefix p = randomPrefix(r);
            if (seen.add(p)) {
                prefixes.add(p);
            }
        }
        return prefixes;
    }

    /**
     * (b) Realistic: {@code updateCount} UPDATEs, each with its own attribute
     * set (AS path of 1-6 ASes, next hop, MED sometimes, LOCAL_PREF, 0-4
     * communities) and 1-3 prefixes, as a full table trickles in.
     */
    static Stream realistic(int updateCount, long seed) {
        Random r = new Random(seed);
        List<UpdateMessage> updates = new ArrayList<>(updateCount);
        for (int i = 0; i < updateCount; i++) {
            int[] asns = new int[1 + r.nextInt(6)];
            for (int k = 0; k < asns.length; k++) {
                asns[k] = r.nextInt(10) == 0 ? (int) (4_200_000_000L + r.nextInt(1000)) : 64_512 + r.nextInt(1000);
            }
            int[] communities = new int[r.nextInt(5)];
            for (int k = 0; k < communities.length; k++) {
                communities[k] = Communities.community(asns[0] & 0xFFFF, r.nextInt(1000));
            }
            PathAttributes attrs = PathAttributes.builder()
                    .origin(r.nextInt(10) == 0 ? Origin.INCOMPLETE : Origin.IGP)
                    .asPath(new AsPath(List.of(new AsPathSegment(AsPathSegment.Type.AS_SEQUENCE, asns))))
                    .nextHop(Ipv4.toInet(0x0A000000 | r.nextInt(1 << 16)))
                    .med(r.nextBoolean() ? (long) r.nextInt(1000) : null)
                    .localPref(100L)
                    .communities(Communities.of(communities))
                    .build();
            List<Prefix> nlri = new ArrayList<>(3);
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                nlri.add(randomPrefix(r));
            }
            updates.add(UpdateMessage.announce(attrs, nlri));
        }
        return encode(updates);
    }

    private static Prefix randomPrefix(Random r) {
        int p = r.nextInt(10);
        int length = p < 7 ? 24 : p < 9 ? 26 : 32;
        return new Ipv4Prefix((0x0A000000 | r.nextInt(1 << 24)) & Ipv4Prefix.mask(length), length);
    }

    /**
     * Encodes the messages into one direct buffer (what Netty's pooled
     * allocator hands an epoll channel) and checks each decodes cleanly, so a
     * broken codec cannot pass for a fast one.
     */
    private static Stream encode(List<UpdateMessage> updates) {
        ByteBuf wire = Unpooled.directBuffer(updates.size() * 256);
        int[] offsets = new int[updates.size() + 1];
        long prefixes = 0;
        for (int i = 0; i < updates.size(); i++) {
            offsets[i] = wire.writerIndex();
            BgpEncoder.encode(updates.get(i), OPTIONS, wire);
            prefixes += updates.get(i).nlri().size();
        }
        offsets[updates.size()] = wire.writerIndex();
        long decoded = 0;
        for (int i = 0; i < updates.size(); i++) {
            wire.setIndex(offsets[i], offsets[i + 1]);
            DecodeResult r = BgpDecoder.decode(wire, OPTIONS);
            if (!(r instanceof DecodeResult.Decoded d) || !d.message().equals(updates.get(i))) {
                throw new IllegalStateException("benchmark message " + i + " does not round-trip: " + r);
            }
            decoded += ((UpdateMessage) d.message()).nlri().size();
        }
        if (decoded != prefixes) {
            throw new IllegalStateException("decoded " + decoded + " prefixes of " + prefixes);
        }
        wire.setIndex(0, offsets[updates.size()]);
        return new Stream(wire, offsets, updates.size(), prefixes, wire.readableBytes());
    }
}
