package dev.podbgp.bgp.wire;

import static dev.podbgp.bgp.wire.Wire.decodedResult;
import static dev.podbgp.bgp.wire.Wire.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6793 §4.2.3: AS_PATH and AS4_PATH from a 2-octet peer. */
class As4MergeTest {
    private static final int BIG = (int) 4200000001L;
    private static final int TRANS = OpenMessage.AS_TRANS;

    private static AsPath path(AsPathSegment... segments) {
        return new AsPath(List.of(segments));
    }

    private static AsPathSegment confed(int... asns) {
        return new AsPathSegment(AsPathSegment.Type.AS_CONFED_SEQUENCE, asns);
    }

    @Test
    void equalCountsTakeAs4PathWhole() {
        assertThat(As4Merge.merge(AsPath.sequence(65001, TRANS, 65002), AsPath.sequence(65001, BIG, 65002)))
                .isEqualTo(AsPath.sequence(65001, BIG, 65002));
    }

    @Test
    void asPrependedByOldSpeakersAreTakenFromAsPath() {
        // Two 2-octet speakers prepended 100 and 200 after the path left the 4-octet world.
        assertThat(As4Merge.merge(AsPath.sequence(100, 200, TRANS, 300), AsPath.sequence(BIG, 300)))
                .isEqualTo(AsPath.sequence(100, 200, BIG, 300));
    }

    @Test
    void as4PathLongerThanAsPathIsIgnored() {
        assertThat(As4Merge.merge(AsPath.sequence(TRANS), AsPath.sequence(BIG, 65002))).isNull();
    }

    @Test
    void anAsSetCountsOne() {
        AsPath asPath = path(AsPathSegment.sequence(100), AsPathSegment.set(200, TRANS));
        AsPath as4 = path(AsPathSegment.set(200, BIG));
        assertThat(As4Merge.merge(asPath, as4)).isEqualTo(path(AsPathSegment.sequence(100), AsPathSegment.set(200, BIG)));
    }

    @Test
    void leadingConfederationSegmentIsKept() {
        assertThat(As4Merge.merge(path(confed(64512), AsPathSegment.sequence(TRANS)), AsPath.sequence(BIG)))
                .isEqualTo(path(confed(64512), AsPathSegment.sequence(BIG)));
    }

    @Test
    void confederationSegmentNextToATakenSegmentIsKept() {
        AsPath asPath = path(AsPathSegment.sequence(100), confed(64512), AsPathSegment.sequence(TRANS));
        assertThat(As4Merge.merge(asPath, AsPath.sequence(BIG)))
                .isEqualTo(path(AsPathSegment.sequence(100), confed(64512), AsPathSegment.sequence(BIG)));
    }

    @Test
    void partOfASequenceIsTaken() {
        assertThat(As4Merge.merge(AsPath.sequence(1, 2, 3, TRANS), AsPath.sequence(3, BIG)))
                .isEqualTo(AsPath.sequence(1, 2, 3, BIG));
    }

    @Test
    void decoderReportsAnIgnoredAs4Path() {
        CodecOptions old = CodecOptions.OPEN_DEFAULTS.withIbgp(true);
        var d = decodedResult(update("", "40 01 01 00 40 02 04 02 01 5ba0 40 03 04 c0000201"
                + "c0 11 0a 02 02 fa56ea01 0000fdea", "08 0a"), old);
        assertThat(((UpdateMessage) d.message()).attributes().asPath()).isEqualTo(AsPath.sequence(TRANS));
        assertThat(d.issues()).singleElement().satisfies(i -> {
            assertThat(i.typeCode()).isEqualTo(17);
            assertThat(i.reason()).contains("more AS numbers than AS_PATH");
        });
    }
}
