package dev.podbgp.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decoder's prefix lists: immutable, equal to any list of the same prefixes, kept without a copy. */
class PrefixListTest {
    private static final String ATTRIBUTES = "40 01 01 00 40 02 06 02 01 0000fde9 40 03 04 c0000201";

    private static List<Prefix> decodedNlri(String nlri) {
        return ((UpdateMessage) Wire.decoded(Wire.update("", ATTRIBUTES, nlri), Wire.fourOctet())).nlri();
    }

    @Test
    void threeOrMorePrefixesAreAnImmutableListEqualToTheJdkOnes() {
        List<Prefix> nlri = decodedNlri("18 0af401 18 0af402 10 0af5 20 0af60101");
        List<Prefix> expected = List.of(Prefix.parse("10.244.1.0/24"), Prefix.parse("10.244.2.0/24"),
                Prefix.parse("10.245.0.0/16"), Prefix.parse("10.246.1.1/32"));
        assertThat(nlri).isInstanceOf(Ipv4PrefixList.class);
        assertThat(PrefixList.copyOf(nlri)).as("kept, not copied").isSameAs(nlri);
        assertThat(nlri).isEqualTo(expected);
        assertThat(expected).isEqualTo(nlri);
        assertThat(new ArrayList<>(expected)).isEqualTo(nlri);
        assertThat(nlri.hashCode()).isEqualTo(expected.hashCode());
        assertThatThrownBy(() -> nlri.add(Prefix.parse("10.0.0.0/8"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> nlri.set(0, Prefix.parse("10.0.0.0/8"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> nlri.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(nlri::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThat(nlri.subList(1, 3)).containsExactly(expected.get(1), expected.get(2));
    }

    @Test
    void packedIpv4PrefixesGiveTheirPartsWithoutPrefixObjects() {
        // 10.244.1.128/25 sent as 10.244.1.255/25: the host bit is cleared on decoding, as for one prefix.
        Ipv4PrefixList nlri = (Ipv4PrefixList) decodedNlri("19 0af401ff 00 18 0af402");
        assertThat(nlri).containsExactly(Prefix.parse("10.244.1.128/25"), Prefix.parse("0.0.0.0/0"),
                Prefix.parse("10.244.2.0/24"));
        assertThat(List.of(nlri.address(0), nlri.length(0), nlri.pathId(0)))
                .containsExactly(Ipv4.parse("10.244.1.128"), 25, 0);
        assertThat(List.of(nlri.address(1), nlri.length(1))).containsExactly(0, 0);
        assertThatThrownBy(() -> nlri.get(3)).isInstanceOf(IndexOutOfBoundsException.class);

        Ipv4PrefixList tagged = Ipv4PrefixList.of(Ipv4Prefix.parse("10.0.0.0/8"),
                new Ipv4Prefix(Ipv4.parse("10.1.0.0"), 16, 7));
        assertThat(List.of(tagged.pathId(0), tagged.pathId(1))).containsExactly(0, 7);
        assertThat(tagged.get(1)).isEqualTo(new Ipv4Prefix(Ipv4.parse("10.1.0.0"), 16, 7));
    }

    @Test
    void packedIpv4PrefixesEncodeAsTheirPrefixObjectsDo() {
        List<Prefix> objects = List.of(Prefix.parse("10.244.1.128/25"), Prefix.parse("0.0.0.0/0"),
                Prefix.parse("10.244.2.0/24"), Prefix.parse("192.0.2.1/32"));
        PathAttributes attrs = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(65001))
                .nextHop(Ipv4.toInet(Ipv4.parse("192.0.2.1"))).build();
        for (CodecOptions options : List.of(Wire.fourOctet(),
                Wire.fourOctet().withAddPath(java.util.Set.of(AddressFamily.IPV4_UNICAST), java.util.Set.of(AddressFamily.IPV4_UNICAST)))) {
            List<Prefix> packed = Ipv4PrefixList.of(objects.stream().map(p -> (Ipv4Prefix) p.withPathId(3))
                    .toArray(Ipv4Prefix[]::new));
            List<Prefix> unpacked = List.copyOf(packed);
            io.netty.buffer.ByteBuf a = io.netty.buffer.Unpooled.buffer();
            io.netty.buffer.ByteBuf b = io.netty.buffer.Unpooled.buffer();
            BgpEncoder.encode(UpdateMessage.announce(attrs, packed), options, a);
            BgpEncoder.encode(UpdateMessage.announce(attrs, unpacked), options, b);
            assertThat(io.netty.buffer.ByteBufUtil.hexDump(a)).isEqualTo(io.netty.buffer.ByteBufUtil.hexDump(b));
        }
    }

    @Test
    void aSizedListShowsOnlyTheFilledPartAndRefusesGaps() {
        Prefix[] a = {Prefix.parse("10.244.1.0/24"), Prefix.parse("10.244.2.0/24"), null, null};
        List<Prefix> l = PrefixList.own(a, 2);
        assertThat(l).isEqualTo(List.of(Prefix.parse("10.244.1.0/24"), Prefix.parse("10.244.2.0/24")));
        assertThat(PrefixList.copyOf(l)).isSameAs(l);
        assertThatThrownBy(() -> l.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> l.add(Prefix.parse("10.244.3.0/24"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> PrefixList.own(a, 3)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> PrefixList.own(a, 5)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void oneOrTwoPrefixesAreTheJdksOwnLists() {
        assertThat(decodedNlri("18 0af401")).isEqualTo(List.of(Prefix.parse("10.244.1.0/24")));
        assertThat(decodedNlri("18 0af401 10 0af5"))
                .isEqualTo(List.of(Prefix.parse("10.244.1.0/24"), Prefix.parse("10.245.0.0/16")));
        assertThat(decodedNlri("")).isEmpty();
    }

    @Test
    void messagesKeepADecodedListAndCopyAnyOther() {
        List<Prefix> decoded = decodedNlri("18 0af401 18 0af402 18 0af403");
        assertThat(new UpdateMessage(decoded, PathAttributes.NONE, List.of(), null, null).withdrawn())
                .isSameAs(decoded);
        assertThat(new MpUnreach(AddressFamily.IPV4_UNICAST, decoded).withdrawn()).isSameAs(decoded);

        List<Prefix> mutable = new ArrayList<>(decoded);
        UpdateMessage copied = new UpdateMessage(mutable, PathAttributes.NONE, List.of(), null, null);
        mutable.clear();
        assertThat(copied.withdrawn()).isEqualTo(decoded);
    }
}
