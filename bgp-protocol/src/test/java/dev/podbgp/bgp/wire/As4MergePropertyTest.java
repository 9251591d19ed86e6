package dev.podbgp.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 6793 §4.2.3 on random paths, as a 2-octet session receives them from
 * the wire: a 4-octet path P travels as AS_PATH (wide AS numbers replaced by
 * AS_TRANS) plus AS4_PATH, and 2-octet ("OLD") speakers on the way prepend
 * to AS_PATH only. The decoder must give back their AS numbers followed by
 * P; ignore an AS4_PATH longer than AS_PATH; and ignore AS4_PATH and
 * AS4_AGGREGATOR when AGGREGATOR names an AS other than AS_TRANS. Paths are
 * compared as the AS sequence they describe (adjacent AS_SEQUENCE segments
 * joined), since where a sequence is split into segments carries no meaning.
 */
class As4MergePropertyTest {
    private static final long BASE_SEED = Long.getLong("podbgp.seed", System.nanoTime());
    private static final int CASES = Integer.getInteger("podbgp.cases", 400);
    private static final int AS_TRANS = OpenMessage.AS_TRANS;
    private static final CodecOptions OLD_SESSION = CodecOptions.OPEN_DEFAULTS.withIbgp(true);

    private enum Scenario { PREPENDED_BY_OLD_SPEAKERS, AS4_PATH_LONGER, AGGREGATOR_NOT_AS_TRANS }

    @Test
    void mergeRebuildsThePathOrIgnoresAs4PathAsRfc6793Says() {
        int[] seen = new int[Scenario.values().length];
        for (int i = 0; i < CASES; i++) {
            long seed = BASE_SEED + i * 0x9E3779B97F4A7C15L;
            RandomBgp r = new RandomBgp(seed);
            Scenario scenario = Scenario.values()[i % Scenario.values().length];
            AsPath p = fourOctetPath(r);
            // No prepending where AS_PATH is to come out shorter than AS4_PATH.
            int[] old = new int[scenario == Scenario.AS4_PATH_LONGER ? 0 : r.between(1, 5)];
            for (int k = 0; k < old.length; k++) {
                old[k] = r.asn(false);
            }
            // Each OLD speaker prepends its AS to AS_PATH as RFC 4271 §5.1.2 says; the last one is leftmost.
            AsPath travelled = p;
            for (int asn : old) {
                travelled = travelled.prepend(asn, 1);
            }
            AsPath wireAsPath = twoOctet(travelled);
            AsPath expectedPath;
            Aggregator aggregator = null;
            Aggregator as4Aggregator = null;
            Aggregator expectedAggregator = null;
            switch (scenario) {
                case PREPENDED_BY_OLD_SPEAKERS -> {
                    expectedPath = travelled;
                    if (r.chance(0.5)) {
                        int address = r.ipv4Unicast();
                        int wide = wideAsn(r);
                        aggregator = new Aggregator(AS_TRANS, address);
                        as4Aggregator = new Aggregator(wide, address);
                        expectedAggregator = as4Aggregator;
                    }
                }
                case AS4_PATH_LONGER -> {
                    // AS_PATH lost its last segment on the way (an OLD speaker aggregated, say).
                    List<AsPathSegment> shorter = new ArrayList<>(wireAsPath.segments());
                    shorter.remove(shorter.size() - 1);
                    wireAsPath = new AsPath(shorter);
                    expectedPath = wireAsPath;
                }
                default -> {
                    int address = r.ipv4Unicast();
                    aggregator = new Aggregator(r.asn(false), address);
                    as4Aggregator = new Aggregator(wideAsn(r), address);
                    expectedAggregator = aggregator;
                    expectedPath = wireAsPath;
                }
            }
            byte[] wire = update(wireAsPath, p, aggregator, as4Aggregator);
            String where = "seed " + seed + " (rerun: -Dpodbgp.seed=" + seed + " -Dpodbgp.cases=1), " + scenario
                    + "\nAS4 path " + p + ", OLD speakers prepended " + Arrays.toString(old)
                    + "\nwire " + ByteBufUtil.hexDump(wire);
            DecodeResult result = BgpDecoder.decode(Unpooled.wrappedBuffer(wire), OLD_SESSION);
            assertThat(result).as(where).isInstanceOf(DecodeResult.Decoded.class);
            PathAttributes a = ((UpdateMessage) ((DecodeResult.Decoded) result).message()).attributes();
            assertThat(canonical(a.asPath())).as(where).isEqualTo(canonical(expectedPath));
            assertThat(a.aggregator()).as(where).isEqualTo(expectedAggregator);
            seen[scenario.ordinal()]++;
        }
        assertThat(seen).as("cases per scenario").doesNotContain(0);
    }

    /** A path without confederation segments, with wide and narrow AS numbers, non-empty. */
    private static AsPath fourOctetPath(RandomBgp r) {
        List<AsPathSegment> segments = new ArrayList<>();
        for (int s = r.between(1, 4); s > 0; s--) {
            int[] asns = new int[r.size(1, 120)];
            for (int k = 0; k < asns.length; k++) {
                asns[k] = r.asn(true);
            }
            segments.add(new AsPathSegment(r.chance(0.7) ? AsPathSegment.Type.AS_SEQUENCE
                    : AsPathSegment.Type.AS_SET, asns));
        }
        return new AsPath(segments);
    }

    private static int wideAsn(RandomBgp r) {
        return 0x10000 + r.random().nextInt(Integer.MAX_VALUE - 0x10000);
    }

    /** The path as a 2-octet speaker holds it: every AS over 65535 is AS_TRANS. */
    private static AsPath twoOctet(AsPath path) {
        List<AsPathSegment> out = new ArrayList<>();
        for (AsPathSegment s : path.segments()) {
            int[] asns = s.asns();
            for (int k = 0; k < asns.length; k++) {
                if (Integer.compareUnsigned(asns[k], 0xFFFF) > 0) {
                    asns[k] = AS_TRANS;
                }
            }
            out.add(new AsPathSegment(s.type(), asns));
        }
        return new AsPath(out);
    }

    /** Runs of adjacent AS_SEQUENCE segments joined, then cut at 255: one form per AS sequence. */
    static AsPath canonical(AsPath path) {
        List<AsPathSegment> out = new ArrayList<>();
        List<Integer> run = new ArrayList<>();
        for (AsPathSegment s : path.segments()) {
            if (s.type() == AsPathSegment.Type.AS_SEQUENCE) {
                for (int asn : s.asns()) {
                    run.add(asn);
                }
                continue;
            }
            flush(run, out);
            out.add(s);
        }
        flush(run, out);
        return new AsPath(out);
    }

    private static void flush(List<Integer> run, List<AsPathSegment> out) {
        for (int from = 0; from < run.size(); from += AsPathSegment.MAX_SIZE) {
            List<Integer> part = run.subList(from, Math.min(run.size(), from + AsPathSegment.MAX_SIZE));
            out.add(AsPathSegment.sequence(part.stream().mapToInt(Integer::intValue).toArray()));
        }
        run.clear();
    }

    /** An UPDATE as a 2-octet speaker sends it, written field by field. */
    private static byte[] update(AsPath asPath, AsPath as4Path, Aggregator aggregator, Aggregator as4Aggregator) {
        ByteBuf attrs = Unpooled.buffer();
        attrs.writeBytes(new byte[] {0x40, 1, 1, 0});
        attribute(attrs, 0x40, 2, segments(asPath, 2));
        attribute(attrs, 0x40, 3, new byte[] {(byte) 192, 0, 2, 1});
        if (aggregator != null) {
            ByteBuf v = Unpooled.buffer().writeShort(aggregator.asn()).writeInt(aggregator.address());
            attribute(attrs, 0xC0, 7, ByteBufUtil.getBytes(v));
        }
        attribute(attrs, 0xC0, 17, segments(as4Path, 4));
        if (as4Aggregator != null) {
            ByteBuf v = Unpooled.buffer().writeInt(as4Aggregator.asn()).writeInt(as4Aggregator.address());
            attribute(attrs, 0xC0, 18, ByteBufUtil.getBytes(v));
        }
        byte[] nlri = {24, 10, 1, 2};
        ByteBuf m = Unpooled.buffer();
        m.writeBytes(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1});
        m.writeShort(19 + 2 + 2 + attrs.readableBytes() + nlri.length);
        m.writeByte(MessageType.UPDATE.code());
        m.writeShort(0);
        m.writeShort(attrs.readableBytes());
        m.writeBytes(attrs);
        m.writeBytes(nlri);
        return ByteBufUtil.getBytes(m);
    }

    private static byte[] segments(AsPath path, int asSize) {
        ByteBuf b = Unpooled.buffer();
        for (AsPathSegment s : path.segments()) {
            b.writeByte(s.type().code());
            b.writeByte(s.size());
            for (int asn : s.asns()) {
                if (asSize == 2) {
                    b.writeShort(asn);
                } else {
                    b.writeInt(asn);
                }
            }
        }
        return ByteBufUtil.getBytes(b);
    }

    private static void attribute(ByteBuf out, int flags, int type, byte[] value) {
        if (value.length > 255) {
            out.writeByte(flags | 0x10).writeByte(type).writeShort(value.length);
        } else {
            out.writeByte(flags).writeByte(type).writeByte(value.length);
        }
        out.writeBytes(value);
    }
}
