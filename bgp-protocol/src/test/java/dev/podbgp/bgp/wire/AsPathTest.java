package dev.podbgp.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The flat AS path: the same value however it was built (segments, {@link AsPath#sequence}, decoded, prepended),
 * RFC 4271 §5.1.2 prepending at the 255-AS boundary, and on random paths every accessor agrees with the same
 * question answered over {@link AsPath#segments()} the way the segment-list form answered it.
 */
class AsPathTest {
    private static final long BASE_SEED = Long.getLong("podbgp.seed", System.nanoTime());
    private static final int CASES = Integer.getInteger("podbgp.cases", 400);
    private static final int BIG = (int) 4_200_000_001L;

    private static AsPath path(AsPathSegment... segments) {
        return new AsPath(List.of(segments));
    }

    private static AsPathSegment confedSeq(int... asns) {
        return new AsPathSegment(AsPathSegment.Type.AS_CONFED_SEQUENCE, asns);
    }

    private static AsPathSegment confedSet(int... asns) {
        return new AsPathSegment(AsPathSegment.Type.AS_CONFED_SET, asns);
    }

    private static int[] repeat(int asn, int times) {
        int[] a = new int[times];
        Arrays.fill(a, asn);
        return a;
    }

    private static AsPath decoded(String hex, int asSize) throws AsPathWire.Malformed {
        byte[] bytes = Wire.hex(hex);
        return AsPathWire.read(Unpooled.wrappedBuffer(bytes), 0, bytes.length, asSize);
    }

    private static AsPath roundTrip(AsPath p) throws AsPathWire.Malformed {
        ByteBuf out = Unpooled.buffer();
        AsPathWire.write(0x50, AttributeType.AS_PATH, p, true, out);
        // Flags, type, then a 1-byte length or with the extended-length flag (0x10) a 2-byte one.
        boolean extended = (out.getUnsignedByte(0) & 0x10) != 0;
        return extended ? AsPathWire.read(out, 4, out.getUnsignedShort(2), 4)
                : AsPathWire.read(out, 3, out.getUnsignedByte(2), 4);
    }

    @Test
    void theSamePathIsEqualHoweverItWasBuilt() throws Exception {
        AsPath fromSequence = AsPath.sequence(65001, BIG, 65002);
        AsPath fromSegments = path(AsPathSegment.sequence(65001, BIG, 65002));
        AsPath fromWire = decoded("02 03 0000fde9 fa56ea01 0000fdea", 4);
        AsPath fromPrepend = AsPath.sequence(BIG, 65002).prepend(65001, 1);
        for (AsPath p : List.of(fromSegments, fromWire, fromPrepend)) {
            assertThat(p).isEqualTo(fromSequence).hasSameHashCodeAs(fromSequence);
            assertThat(p.toString()).isEqualTo("65001 4200000001 65002");
        }
        assertThat(decoded("02 02 fde9 fdea", 2)).isEqualTo(AsPath.sequence(65001, 65002));
    }

    @Test
    void segmentBoundariesAndTypesMatter() {
        assertThat(path(AsPathSegment.sequence(1), AsPathSegment.sequence(2))).isNotEqualTo(AsPath.sequence(1, 2));
        assertThat(path(AsPathSegment.set(1, 2))).isNotEqualTo(AsPath.sequence(1, 2));
        assertThat(path(confedSeq(1, 2))).isNotEqualTo(path(confedSet(1, 2)));
        // A header word (type 2, 1 AS: 0x0201) as an AS number must not be read as a header.
        assertThat(AsPath.sequence(0x0201, 7)).isNotEqualTo(path(AsPathSegment.sequence(0x0201), AsPathSegment.sequence(7)));
        assertThat(AsPath.sequence(0x0201, 0x0201).count(0x0201)).isEqualTo(2);
    }

    @Test
    void setsAndConfederationSegments() throws Exception {
        AsPath p = path(confedSeq(64512, 64513), confedSet(64514), AsPathSegment.sequence(65001, 65002),
                AsPathSegment.set(65003, BIG));
        assertThat(p.toString()).isEqualTo("(64512 64513) [64514] 65001 65002 {65003,4200000001}");
        assertThat(p.length()).isEqualTo(3);
        assertThat(p.firstAs()).isEqualTo(65001);
        assertThat(p.count(64514)).isEqualTo(1);
        assertThat(p.contains(BIG)).isTrue();
        assertThat(p.contains(65004)).isFalse();
        assertThat(p.segments()).containsExactly(confedSeq(64512, 64513), confedSet(64514),
                AsPathSegment.sequence(65001, 65002), AsPathSegment.set(65003, BIG));
        assertThat(decoded("03 02 0000fc00 0000fc01 04 01 0000fc02 02 02 0000fde9 0000fdea 01 02 0000fdeb fa56ea01", 4))
                .isEqualTo(p);
        assertThat(roundTrip(p)).isEqualTo(p);
        assertThat(path(AsPathSegment.set(1, 2), AsPathSegment.sequence(3)).firstAs()).isZero();
    }

    @Test
    void confederationSegmentsAreRejectedAndDroppedByName() {
        AsPath p = path(confedSeq(64512), AsPathSegment.sequence(65001));
        assertThatThrownBy(() -> AsPathWire.rejectConfederations(p)).isInstanceOf(AsPathWire.Malformed.class)
                .hasMessage("it holds confederation segment (64512) from an external peer");
        assertThat(AsPathWire.withoutConfederations(p)).isEqualTo(AsPath.sequence(65001));
        AsPath plain = AsPath.sequence(65001);
        assertThat(AsPathWire.withoutConfederations(plain)).isSameAs(plain);
    }

    @Test
    void theEmptyPath() throws Exception {
        for (AsPath p : List.of(AsPath.sequence(), new AsPath(List.of()), decoded("", 4), roundTrip(AsPath.EMPTY))) {
            assertThat(p).isEqualTo(AsPath.EMPTY).hasSameHashCodeAs(AsPath.EMPTY);
            assertThat(p.isEmpty()).isTrue();
            assertThat(p.length()).isZero();
            assertThat(p.firstAs()).isZero();
            assertThat(p.contains(0)).isFalse();
            assertThat(p.segments()).isEmpty();
            assertThat(p.toString()).isEmpty();
        }
        assertThat(AsPath.EMPTY.prepend(65000, 3)).isEqualTo(AsPath.sequence(65000, 65000, 65000));
        assertThat(AsPath.EMPTY.prepend(65000, 0)).isSameAs(AsPath.EMPTY);
    }

    @Test
    void prependFillsTheLeadingSequenceUpTo255ThenStartsANewOne() {
        AsPath p250 = AsPath.sequence(repeat(65001, 250));
        AsPath full = p250.prepend(65000, 5);
        int[] expected = new int[255];
        Arrays.fill(expected, 0, 5, 65000);
        Arrays.fill(expected, 5, 255, 65001);
        assertThat(full).isEqualTo(AsPath.sequence(expected));
        assertThat(full.length()).isEqualTo(255);

        assertThat(p250.prepend(65000, 6))
                .isEqualTo(path(AsPathSegment.sequence(repeat(65000, 6)), AsPathSegment.sequence(repeat(65001, 250))));
        assertThat(full.prepend(65000, 1))
                .isEqualTo(path(AsPathSegment.sequence(65000), AsPathSegment.sequence(expected)));
        assertThat(full.prepend(65000, 1).length()).isEqualTo(256);
        assertThat(p250).as("prepending leaves the original alone").isEqualTo(AsPath.sequence(repeat(65001, 250)));
    }

    @Test
    void prependBeforeASetOrConfederationStartsANewSequence() {
        assertThat(path(AsPathSegment.set(1, 2)).prepend(65000, 2))
                .isEqualTo(path(AsPathSegment.sequence(65000, 65000), AsPathSegment.set(1, 2)));
        assertThat(path(confedSeq(64512), AsPathSegment.sequence(1)).prepend(65000, 1))
                .isEqualTo(path(AsPathSegment.sequence(65000), confedSeq(64512), AsPathSegment.sequence(1)));
    }

    @Test
    void segmentsOfMoreThan255AsNumbersAreRefused() {
        assertThatThrownBy(() -> AsPath.sequence(repeat(1, 256))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 AS numbers");
        assertThatThrownBy(() -> AsPath.sequence(1).prepend(2, 256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 AS numbers");
    }

    @Test
    void segmentsReturnsACopyThatCannotChangeThePath() {
        AsPath p = AsPath.sequence(1, 2);
        assertThatThrownBy(() -> p.segments().clear()).isInstanceOf(UnsupportedOperationException.class);
        p.segments().get(0).asns()[0] = 9;
        assertThat(p).isEqualTo(AsPath.sequence(1, 2));
    }

    @Test
    void randomPathsAnswerAsTheirSegmentsDo() throws Exception {
        for (int i = 0; i < CASES; i++) {
            long seed = BASE_SEED + i * 0x9E3779B97F4A7C15L;
            RandomBgp r = new RandomBgp(seed);
            AsPath p = r.asPath(CodecOptions.OPEN_DEFAULTS.withIbgp(true).withFourOctetAs(true), 600);
            List<AsPathSegment> segments = p.segments();
            String where = "seed " + seed + " (rerun: -Dpodbgp.seed=" + seed + " -Dpodbgp.cases=1), path " + p;
            int asn = r.chance(0.5) && !segments.isEmpty() ? segments.get(0).get(0) : r.asn(true);
            int times = r.between(1, 12);

            assertThat(new AsPath(segments)).as(where).isEqualTo(p);
            assertThat(roundTrip(p)).as(where).isEqualTo(p);
            assertThat(p.hashCode()).as(where).isEqualTo(Reference.hash(segments));
            assertThat(p.toString()).as(where).isEqualTo(Reference.text(segments));
            assertThat(p.length()).as(where).isEqualTo(Reference.length(segments));
            assertThat(p.count(asn)).as(where).isEqualTo(Reference.count(segments, asn));
            assertThat(p.firstAs()).as(where).isEqualTo(Reference.firstAs(segments));
            AsPath prepended = p.prepend(asn, times);
            assertThat(prepended.segments()).as(where).isEqualTo(Reference.prepend(segments, asn, times));
            assertThat(prepended.hashCode()).as(where).isEqualTo(Reference.hash(prepended.segments()));
        }
    }

    /** The answers of the segment-list form of AS_PATH, which the flat form replaced. */
    private static final class Reference {
        static int hash(List<AsPathSegment> segments) {
            int h = 1;
            for (AsPathSegment s : segments) {
                h = 31 * h + s.hashCode();
            }
            return h;
        }

        static String text(List<AsPathSegment> segments) {
            List<String> parts = new ArrayList<>();
            segments.forEach(s -> parts.add(s.toString()));
            return String.join(" ", parts);
        }

        static int length(List<AsPathSegment> segments) {
            int n = 0;
            for (AsPathSegment s : segments) {
                n += switch (s.type()) {
                    case AS_SEQUENCE -> s.size();
                    case AS_SET -> 1;
                    case AS_CONFED_SEQUENCE, AS_CONFED_SET -> 0;
                };
            }
            return n;
        }

        static int count(List<AsPathSegment> segments, int asn) {
            return (int) segments.stream().flatMapToInt(s -> Arrays.stream(s.asns())).filter(a -> a == asn).count();
        }

        static int firstAs(List<AsPathSegment> segments) {
            for (AsPathSegment s : segments) {
                if (s.type() == AsPathSegment.Type.AS_SEQUENCE) {
                    return s.get(0);
                }
                if (s.type() != AsPathSegment.Type.AS_CONFED_SEQUENCE && s.type() != AsPathSegment.Type.AS_CONFED_SET) {
                    return 0;
                }
            }
            return 0;
        }

        static List<AsPathSegment> prepend(List<AsPathSegment> segments, int asn, int times) {
            List<AsPathSegment> out = new ArrayList<>(segments);
            int[] add = repeat(asn, times);
            if (!out.isEmpty() && out.get(0).type() == AsPathSegment.Type.AS_SEQUENCE
                    && out.get(0).size() + times <= AsPathSegment.MAX_SIZE) {
                int[] all = Arrays.copyOf(add, times + out.get(0).size());
                System.arraycopy(out.get(0).asns(), 0, all, times, out.get(0).size());
                out.set(0, AsPathSegment.sequence(all));
            } else {
                out.add(0, AsPathSegment.sequence(add));
            }
            return out;
        }
    }
}
