package dev.podbgp.bgp.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns one attribute set and any number of prefixes into as few UPDATEs as
 * the session's size limit allows (4096, or 65535 with extended messages).
 * Each message is filled until no remaining prefix fits in it, so every
 * message but the last ends within a few bytes of the limit, and none is
 * over it. The encoded size is computed exactly as {@link BgpEncoder} writes
 * it: path identifiers when ADD-PATH sends them, AS4_PATH towards 2-octet
 * peers, the extended-length flag.
 *
 * <p>To fill messages, larger prefixes are placed first and smaller ones fill
 * the gaps; within a message prefixes keep the order they were given in.
 */
public final class UpdatePacker {
    private UpdatePacker() {
    }

    /** UPDATEs announcing IPv4 unicast {@code prefixes} in the body; {@code attributes} carry NEXT_HOP. */
    public static List<UpdateMessage> announce(PathAttributes attributes, List<Prefix> prefixes,
                                               CodecOptions options) {
        checkFamily(prefixes, AddressFamily.IPV4_UNICAST, "NLRI in the UPDATE body");
        int overhead = BgpDecoder.UPDATE_MIN_LENGTH + attributesLength(attributes, options);
        List<UpdateMessage> out = new ArrayList<>();
        for (List<Prefix> chunk : pack(prefixes, AddressFamily.IPV4_UNICAST, overhead, options)) {
            out.add(new UpdateMessage(List.of(), attributes, chunk, null, null));
        }
        return out;
    }

    /**
     * UPDATEs announcing the prefixes of {@code reach} in MP_REACH_NLRI (IPv6
     * unicast, or IPv4 with an IPv6 next hop per RFC 8950), each with the same
     * family and next hops and with {@code attributes}.
     */
    public static List<UpdateMessage> announce(PathAttributes attributes, MpReach reach, CodecOptions options) {
        checkFamily(reach.nlri(), reach.family(), "MP_REACH_NLRI");
        int reachHeader = 4 + 5 + UpdateEncoder.nextHopBytes(reach, options).length;
        int overhead = BgpDecoder.UPDATE_MIN_LENGTH + attributesLength(attributes, options) + reachHeader;
        List<UpdateMessage> out = new ArrayList<>();
        for (List<Prefix> chunk : pack(reach.nlri(), reach.family(), overhead, options)) {
            out.add(new UpdateMessage(List.of(), attributes, List.of(),
                    new MpReach(reach.family(), reach.nextHop(), reach.linkLocalNextHop(), chunk), null));
        }
        return out;
    }

    /** Withdraw-only UPDATEs: IPv4 unicast in the withdrawn routes field, IPv6 unicast in MP_UNREACH_NLRI. */
    public static List<UpdateMessage> withdraw(List<Prefix> prefixes, CodecOptions options) {
        List<Prefix> v4 = new ArrayList<>();
        List<Prefix> v6 = new ArrayList<>();
        for (Prefix p : prefixes) {
            (p instanceof Ipv4Prefix ? v4 : v6).add(p);
        }
        List<UpdateMessage> out = new ArrayList<>();
        for (List<Prefix> chunk : pack(v4, AddressFamily.IPV4_UNICAST, BgpDecoder.UPDATE_MIN_LENGTH, options)) {
            out.add(new UpdateMessage(chunk, PathAttributes.NONE, List.of(), null, null));
        }
        int unreachOverhead = BgpDecoder.UPDATE_MIN_LENGTH + 4 + 3;
        for (List<Prefix> chunk : pack(v6, AddressFamily.IPV6_UNICAST, unreachOverhead, options)) {
            out.add(new UpdateMessage(List.of(), PathAttributes.NONE, List.of(), null,
                    new MpUnreach(AddressFamily.IPV6_UNICAST, chunk)));
        }
        return out;
    }

    /**
     * Any UPDATE as UPDATEs within the limit: itself when it fits, else its
     * withdrawals, body announcements and MP_REACH announcements packed separately.
     */
    public static List<UpdateMessage> pack(UpdateMessage update, CodecOptions options) {
        if (encodedLength(update, options) <= options.maxMessageLength()) {
            return List.of(update);
        }
        List<UpdateMessage> out = new ArrayList<>();
        List<Prefix> withdrawn = new ArrayList<>(update.withdrawn());
        if (update.mpUnreach() != null) {
            if (!update.mpUnreach().family().isRouted()) {
                throw new IllegalArgumentException("cannot split MP_UNREACH_NLRI of " + update.mpUnreach().family());
            }
            withdrawn.addAll(update.mpUnreach().withdrawn());
        }
        out.addAll(withdraw(withdrawn, options));
        if (!update.nlri().isEmpty()) {
            out.addAll(announce(update.attributes(), update.nlri(), options));
        }
        if (update.mpReach() != null) {
            out.addAll(announce(update.attributes(), update.mpReach(), options));
        }
        return out;
    }

    /** The exact number of bytes {@link BgpEncoder#encode} writes for {@code update}. */
    public static int encodedLength(UpdateMessage update, CodecOptions options) {
        int n = BgpDecoder.UPDATE_MIN_LENGTH + attributesLength(update.attributes(), options)
                + Nlri.length(update.withdrawn(), AddressFamily.IPV4_UNICAST, options)
                + Nlri.length(update.nlri(), AddressFamily.IPV4_UNICAST, options);
        MpReach r = update.mpReach();
        if (r != null) {
            n += attributeLength(5 + UpdateEncoder.nextHopBytes(r, options).length
                    + Nlri.length(r.nlri(), r.family(), options));
        }
        MpUnreach u = update.mpUnreach();
        if (u != null) {
            n += attributeLength(3 + Nlri.length(u.withdrawn(), u.family(), options));
        }
        return n;
    }

    private static int attributeLength(int valueLength) {
        return (valueLength > 255 ? 4 : 3) + valueLength;
    }

    /** Reused per thread: packing runs once per attribute set, a full table means ~10^5 of them. */
    private static final ThreadLocal<ByteBuf> SCRATCH = ThreadLocal.withInitial(() -> Unpooled.buffer(256));

    private static int attributesLength(PathAttributes attributes, CodecOptions options) {
        ByteBuf scratch = SCRATCH.get().clear();
        UpdateEncoder.writeAttributes(attributes, options, scratch);
        int n = scratch.readableBytes();
        if (scratch.capacity() > 4096) {
            // A rare huge set (long AS path, many communities) must not pin its buffer for the thread's life.
            SCRATCH.remove();
        }
        return n;
    }

    private static void checkFamily(List<Prefix> prefixes, AddressFamily family, String where) {
        for (Prefix p : prefixes) {
            if (!p.family().equals(family)) {
                throw new IllegalArgumentException(where + " of " + family + " cannot carry " + p.family()
                        + " prefix " + p);
            }
        }
    }

    /**
     * Splits {@code prefixes} into chunks whose encoding fits in
     * {@code limit - overhead} bytes each. Fills each chunk from the largest
     * prefix encoding that still fits down to the smallest, so a chunk is only
     * closed when no remaining prefix fits it.
     */
    private static List<List<Prefix>> pack(List<Prefix> prefixes, AddressFamily family, int overhead,
                                           CodecOptions options) {
        if (prefixes.isEmpty()) {
            return List.of();
        }
        boolean pathId = options.sendsPathIds(family);
        int room = options.maxMessageLength() - overhead;
        int maxSize = Nlri.length(family.afi() == AddressFamily.AFI_IPV4
                ? new Ipv4Prefix(0, 32) : new Ipv6Prefix(0, 0, 128), pathId);
        // Prefix indices bucketed by encoded size, each bucket in the given order.
        int[][] buckets = new int[maxSize + 1][];
        int[] counts = new int[maxSize + 1];
        int n = prefixes.size();
        int[] size = new int[n];
        for (int i = 0; i < n; i++) {
            size[i] = Nlri.length(prefixes.get(i), pathId);
            counts[size[i]]++;
        }
        int smallest = Integer.MAX_VALUE;
        for (int s = 0; s <= maxSize; s++) {
            buckets[s] = new int[counts[s]];
            if (counts[s] > 0) {
                smallest = Math.min(smallest, s);
            }
            counts[s] = 0;
        }
        for (int i = 0; i < n; i++) {
            buckets[size[i]][counts[size[i]]++] = i;
        }
        if (smallest > room) {
            throw new MessageTooLongException(MessageType.UPDATE, overhead + smallest, options.maxMessageLength(),
                    "the path attributes leave " + Math.max(room, 0) + " bytes, too few for a single " + family
                            + " prefix");
        }
        int[] taken = new int[maxSize + 1];
        List<List<Prefix>> chunks = new ArrayList<>();
        int left = n;
        int[] chosen = new int[n];
        while (left > 0) {
            int free = room;
            int count = 0;
            for (int s = Math.min(maxSize, free); s > 0; s = Math.min(s - 1, free)) {
                while (taken[s] < buckets[s].length && s <= free) {
                    chosen[count++] = buckets[s][taken[s]++];
                    free -= s;
                }
            }
            if (count == 0) {
                // Only prefixes larger than a whole message remain.
                int s = 0;
                while (taken[s] >= buckets[s].length) {
                    s++;
                }
                throw new MessageTooLongException(MessageType.UPDATE, overhead + s, options.maxMessageLength(),
                        "a " + family + " prefix of " + s + " bytes does not fit after the path attributes");
            }
            Arrays.sort(chosen, 0, count);
            List<Prefix> chunk = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                chunk.add(prefixes.get(chosen[i]));
            }
            chunks.add(chunk);
            left -= count;
        }
        return chunks;
    }
}
