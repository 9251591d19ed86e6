package dev.podbgp.bgp.wire;

import static dev.podbgp.bgp.wire.Wire.assertNotification;
import static dev.podbgp.bgp.wire.Wire.attr;
import static dev.podbgp.bgp.wire.Wire.decoded;
import static dev.podbgp.bgp.wire.Wire.decodedResult;
import static dev.podbgp.bgp.wire.Wire.hex;
import static dev.podbgp.bgp.wire.Wire.reset;
import static dev.podbgp.bgp.wire.Wire.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** UPDATE decoding and encoding of every attribute, NLRI form and next hop form the issue lists. */
class UpdateCodecTest {

    private static final String EVERY_ATTRIBUTE_4OCTET = ""
            + "40 01 01 00"                             // ORIGIN IGP
            + "40 02 0a 02 02 0000fde9 fa56ea01"        // AS_PATH 65001 4200000001
            + "40 03 04 c0000201"                       // NEXT_HOP 192.0.2.1
            + "80 04 04 00000064"                       // MED 100
            + "40 05 04 000000c8"                       // LOCAL_PREF 200
            + "40 06 00"                                // ATOMIC_AGGREGATE
            + "c0 07 08 0000fde9 c0000209"              // AGGREGATOR 65001 192.0.2.9
            + "c0 08 08 fde90001 ffffff01"              // COMMUNITIES 65001:1 no-export
            + "80 09 04 0a000001"                       // ORIGINATOR_ID 10.0.0.1
            + "80 0a 08 0a000002 0a000003"              // CLUSTER_LIST 10.0.0.2 10.0.0.3
            + "c0 10 08 0002fde900000064"               // EXTENDED_COMMUNITIES rt 65001:100
            + "c0 20 0c fa56ea01 00000001 00000002";    // LARGE_COMMUNITY 4200000001:1:2
    private static final String NLRI = "18 0af401  08 0a  00  20 c0000201";

    @Test
    void everyAttributeDecodesAndReEncodesByteForByte() throws Exception {
        byte[] bytes = update("", EVERY_ATTRIBUTE_4OCTET, NLRI);
        var result = decodedResult(bytes, Wire.ibgp4());
        assertThat(result.issues()).isEmpty();
        UpdateMessage u = (UpdateMessage) result.message();
        PathAttributes a = u.attributes();
        assertThat(a.origin()).isEqualTo(Origin.IGP);
        assertThat(a.asPath()).isEqualTo(AsPath.sequence(65001, (int) 4200000001L));
        assertThat(a.nextHop()).isEqualTo(InetAddress.getByName("192.0.2.1"));
        assertThat(a.med()).isEqualTo(100L);
        assertThat(a.localPref()).isEqualTo(200L);
        assertThat(a.atomicAggregate()).isTrue();
        assertThat(a.aggregator()).isEqualTo(new Aggregator(65001, Ipv4.parse("192.0.2.9")));
        assertThat(a.communities()).isEqualTo(Communities.of(Communities.community(65001, 1), Communities.NO_EXPORT));
        assertThat(a.originatorId()).isEqualTo(Ipv4.parse("10.0.0.1"));
        assertThat(a.clusterList()).isEqualTo(ClusterList.of(Ipv4.parse("10.0.0.2"), Ipv4.parse("10.0.0.3")));
        assertThat(a.extendedCommunities()).isEqualTo(ExtendedCommunities.of(0x0002fde900000064L));
        assertThat(a.largeCommunities()).containsExactly(new LargeCommunity((int) 4200000001L, 1, 2));
        assertThat(u.nlri()).containsExactly(Prefix.parse("10.244.1.0/24"), Prefix.parse("10.0.0.0/8"),
                Prefix.parse("0.0.0.0/0"), Prefix.parse("192.0.2.1/32"));
        assertThat(u.withdrawn()).isEmpty();
        assertThat(hex(Wire.encode(u, Wire.ibgp4()))).isEqualTo(hex(bytes));
    }

    @Test
    void withNextHopChangesOnlyTheNextHop() {
        PathAttributes a = ((UpdateMessage) decoded(update("", EVERY_ATTRIBUTE_4OCTET, NLRI), Wire.ibgp4())).attributes();
        java.net.Inet4Address other = Ipv4.toInet(Ipv4.parse("198.51.100.7"));
        PathAttributes b = a.withNextHop(other);
        assertThat(b.nextHop()).isEqualTo(other);
        assertThat(b).isEqualTo(a.toBuilder().nextHop(other).build());
        assertThat(b.withNextHop(null)).isEqualTo(a.toBuilder().nextHop(null).build());
        assertThat(a.withNextHop(a.nextHop())).isSameAs(a);
    }

    @Test
    void withdrawnRoutesInTheBody() {
        byte[] bytes = update("18 0af401 10 0af5", "", "");
        UpdateMessage u = (UpdateMessage) decoded(bytes, Wire.fourOctet());
        assertThat(u.withdrawn()).containsExactly(Prefix.parse("10.244.1.0/24"), Prefix.parse("10.245.0.0/16"));
        assertThat(u.attributes()).isEqualTo(PathAttributes.NONE);
        assertThat(u.endOfRibFamily()).isNull();
        assertThat(Wire.encode(u, Wire.fourOctet())).isEqualTo(bytes);
    }

    @Test
    void trailingBitsOfAPrefixAreIgnored() {
        // RFC 4271 §4.3: the value of trailing bits is irrelevant. 0a f4 1f /20 is 10.244.16.0/20.
        byte[] bytes = update("", "40 01 01 00 40 02 00 40 03 04 c0000201", "14 0af41f");
        assertThat(((UpdateMessage) decoded(bytes, Wire.ibgp4())).nlri()).containsExactly(Prefix.parse("10.244.16.0/20"));
    }

    @Test
    void ipv6WithGlobalAndLinkLocalNextHop() throws Exception {
        String mp = attr(0x80, 14, "0002 01 20 20010db8000000000000000000000001 fe800000000000000000000000000001 00"
                + " 40 20010db800010000  00  80 20010db8000000000000000000000099  41 20010db80000000080");
        byte[] bytes = update("", mp + "40 01 01 00 40 02 00", "");
        UpdateMessage u = (UpdateMessage) decoded(bytes, Wire.ibgp4());
        MpReach r = u.mpReach();
        assertThat(r.family()).isEqualTo(AddressFamily.IPV6_UNICAST);
        assertThat(r.nextHop()).isEqualTo(InetAddress.getByName("2001:db8::1"));
        assertThat(r.linkLocalNextHop()).isEqualTo(InetAddress.getByName("fe80::1"));
        assertThat(r.nlri()).containsExactly(Prefix.parse("2001:db8:1::/64"), Prefix.parse("::/0"),
                Prefix.parse("2001:db8::99/128"), Prefix.parse("2001:db8:0:0:8000::/65"));
        assertThat(u.attributes().nextHop()).isNull();
        assertThat(hex(Wire.encode(u, Wire.ibgp4()))).isEqualTo(hex(bytes));
    }

    @Test
    void ipv6WithGlobalNextHopOnly() throws Exception {
        String mp = attr(0x80, 14, "0002 01 10 20010db8000000000000000000000001 00 30 20010db80001");
        byte[] bytes = update("", mp + "40 01 01 02 40 02 06 02 01 0000fde9", "");
        UpdateMessage u = (UpdateMessage) decoded(bytes, Wire.fourOctet());
        assertThat(u.mpReach().linkLocalNextHop()).isNull();
        assertThat(u.mpReach().nlri()).containsExactly(Prefix.parse("2001:db8:1::/48"));
        assertThat(u.attributes().origin()).isEqualTo(Origin.INCOMPLETE);
        assertThat(Wire.encode(u, Wire.fourOctet())).isEqualTo(bytes);
    }

    @Test
    void ipv6WithdrawnInMpUnreach() {
        byte[] bytes = update("", attr(0x80, 15, "0002 01 40 20010db800010000 30 20010db80002"), "");
        UpdateMessage u = (UpdateMessage) decoded(bytes, Wire.fourOctet());
        assertThat(u.mpUnreach().withdrawn()).containsExactly(Prefix.parse("2001:db8:1::/64"),
                Prefix.parse("2001:db8:2::/48"));
        assertThat(u.endOfRibFamily()).isNull();
        assertThat(Wire.encode(u, Wire.fourOctet())).isEqualTo(bytes);
    }

    @Test
    void rfc8950Ipv4NlriWithIpv6NextHopWhenNegotiated() throws Exception {
        CodecOptions enh = Wire.ibgp4().withExtendedNextHop(Set.of(AddressFamily.IPV4_UNICAST));
        String mp = attr(0x80, 14, "0001 01 10 20010db8000000000000000000000001 00 18 0af401");
        byte[] bytes = update("", mp + "40 01 01 00 40 02 00", "");
        UpdateMessage u = (UpdateMessage) decoded(bytes, enh);
        assertThat(u.mpReach().family()).isEqualTo(AddressFamily.IPV4_UNICAST);
        assertThat(u.mpReach().nextHop()).isEqualTo(InetAddress.getByName("2001:db8::1"));
        assertThat(u.mpReach().nlri()).containsExactly(Prefix.parse("10.244.1.0/24"));
        assertThat(Wire.encode(u, enh)).isEqualTo(bytes);
        // The same UPDATE where RFC 8950 was not negotiated: the NLRI cannot be trusted, reset.
        String attribute = mp.replace(" ", "");
        var r = reset(bytes, Wire.ibgp4());
        assertNotification(r, 3, 9, attribute);
        assertThat(r.reason()).contains("next hop length 16").contains("RFC 8950");
        assertThatThrownBy(() -> Wire.encode(u, Wire.ibgp4())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RFC 8950");
    }

    @Test
    void ipv4NlriInMpReachWithIpv4NextHop() throws Exception {
        String mp = attr(0x80, 14, "0001 01 04 c0000201 00 18 0af401");
        byte[] bytes = update("", mp + "40 01 01 00 40 02 00", "");
        UpdateMessage u = (UpdateMessage) decoded(bytes, Wire.ibgp4());
        assertThat(u.mpReach().nextHop()).isEqualTo(InetAddress.getByName("192.0.2.1"));
        assertThat(Wire.encode(u, Wire.ibgp4())).isEqualTo(bytes);
    }

    @Test
    void endOfRibInBothForms() {
        byte[] v4 = update("", "", "");
        assertThat(hex(v4)).isEqualTo(Wire.MARKER + "00170200000000");
        UpdateMessage eor4 = (UpdateMessage) decoded(v4, Wire.fourOctet());
        assertThat(eor4.endOfRibFamily()).isEqualTo(AddressFamily.IPV4_UNICAST);
        assertThat(Wire.encode(UpdateMessage.endOfRib(AddressFamily.IPV4_UNICAST), Wire.fourOctet())).isEqualTo(v4);

        byte[] v6 = update("", "80 0f 03 0002 01", "");
        UpdateMessage eor6 = (UpdateMessage) decoded(v6, Wire.fourOctet());
        assertThat(eor6.endOfRibFamily()).isEqualTo(AddressFamily.IPV6_UNICAST);
        assertThat(Wire.encode(UpdateMessage.endOfRib(AddressFamily.IPV6_UNICAST), Wire.fourOctet())).isEqualTo(v6);
    }

    @Test
    void addPathIdentifiersInBodyAndMp() {
        CodecOptions ap = Wire.ibgp4().withAddPath(Set.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST),
                Set.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST));
        String mp = attr(0x80, 14, "0002 01 10 20010db8000000000000000000000001 00 00000007 40 20010db800010000");
        byte[] bytes = update("00000003 18 0af402", mp + "40 01 01 00 40 02 00 40 03 04 c0000201",
                "00000001 18 0af401  00000002 18 0af401");
        UpdateMessage u = (UpdateMessage) decoded(bytes, ap);
        assertThat(u.nlri()).containsExactly(new Ipv4Prefix(Ipv4.parse("10.244.1.0"), 24, 1),
                new Ipv4Prefix(Ipv4.parse("10.244.1.0"), 24, 2));
        assertThat(u.withdrawn()).containsExactly(new Ipv4Prefix(Ipv4.parse("10.244.2.0"), 24, 3));
        assertThat(u.mpReach().nlri()).containsExactly(Prefix.parse("2001:db8:1::/64").withPathId(7));
        assertThat(Wire.encode(u, ap)).isEqualTo(bytes);
        // Without ADD-PATH for IPv4, path id 33 reads as three /0 prefixes and a /33: Invalid Network Field.
        CodecOptions v6only = Wire.ibgp4().withAddPath(Set.of(AddressFamily.IPV6_UNICAST), Set.of());
        var r = reset(update("", "40 01 01 00 40 02 00 40 03 04 c0000201", "00000021 18 0af401"), v6only);
        assertNotification(r, 3, 10, "");
        assertThat(r.reason()).contains("prefix length 33");
    }

    @Test
    void twoOctetPeerPathAndAggregatorAreMergedAndSplitAgain() {
        CodecOptions old = CodecOptions.OPEN_DEFAULTS.withIbgp(true);
        byte[] bytes = update("", ""
                + "40 01 01 00"
                + "40 02 08 02 03 fde9 5ba0 fdea"             // AS_PATH 65001 AS_TRANS 65002
                + "40 03 04 c0000201"
                + "c0 07 06 5ba0 c0000209"                    // AGGREGATOR AS_TRANS
                + "c0 11 0e 02 03 0000fde9 fa56ea01 0000fdea" // AS4_PATH 65001 4200000001 65002
                + "c0 12 08 fa56ea01 c0000209",               // AS4_AGGREGATOR 4200000001
                "18 0af401");
        var result = decodedResult(bytes, old);
        assertThat(result.issues()).isEmpty();
        PathAttributes a = ((UpdateMessage) result.message()).attributes();
        assertThat(a.asPath()).isEqualTo(AsPath.sequence(65001, (int) 4200000001L, 65002));
        assertThat(a.aggregator()).isEqualTo(new Aggregator((int) 4200000001L, Ipv4.parse("192.0.2.9")));
        assertThat(hex(Wire.encode(result.message(), old))).isEqualTo(hex(bytes));
    }

    @Test
    void twoOctetPeerWithoutFourOctetNumbersGetsNoAs4Attributes() {
        PathAttributes a = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(65001, 65002))
                .nextHop(Ipv4.toInet(Ipv4.parse("192.0.2.1"))).aggregator(new Aggregator(65001, 9)).build();
        byte[] bytes = Wire.encode(UpdateMessage.announce(a, List.of(Prefix.parse("10.0.0.0/8"))),
                CodecOptions.OPEN_DEFAULTS);
        assertThat(hex(bytes)).doesNotContain("c011").doesNotContain("c012").contains("400206020 2fde9fdea".replace(" ", ""));
    }

    @Test
    void extendedLengthOnReadAndWrite() {
        int[] many = new int[70];
        for (int i = 0; i < many.length; i++) {
            many[i] = Communities.community(65001, i);
        }
        PathAttributes a = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.EMPTY)
                .nextHop(Ipv4.toInet(Ipv4.parse("192.0.2.1"))).communities(Communities.of(many)).build();
        UpdateMessage u = UpdateMessage.announce(a, List.of(Prefix.parse("10.0.0.0/8")));
        String h = hex(Wire.encode(u, Wire.ibgp4()));
        // 280 bytes of communities: flags 0xd0 (optional transitive + extended length), 2-octet length 0x0118.
        assertThat(h).contains("d0080118fde90000");
        assertThat(decoded(hex(h), Wire.ibgp4())).isEqualTo(u);
        // A short attribute sent with the extended-length flag anyway is read all the same.
        byte[] ext = update("", "50 01 0001 00  40 02 00  40 03 04 c0000201", "08 0a");
        assertThat(((UpdateMessage) decoded(ext, Wire.ibgp4())).attributes().origin()).isEqualTo(Origin.IGP);
    }

    @Test
    void unknownOptionalTransitiveIsKeptWithPartialAndNonTransitiveDropped() {
        byte[] bytes = update("", "40 01 01 00 40 02 00 40 03 04 c0000201 80 62 02 abcd c0 63 03 010203", "08 0a");
        UpdateMessage u = (UpdateMessage) decoded(bytes, Wire.ibgp4());
        assertThat(u.attributes().unknown()).containsExactly(new UnknownAttribute(0xe0, 99, hex("010203")));
        String out = hex(Wire.encode(u, Wire.ibgp4()));
        assertThat(out).contains("e06303010203").doesNotContain("8062");
    }

    @Test
    void unknownWellKnownAttributeIsUnrecognizedWellKnown() {
        var r = reset(update("", "40 01 01 00 40 63 02 abcd", "08 0a"), Wire.ibgp4());
        assertNotification(r, 3, 2, "406302abcd");
        assertThat(r.reason()).contains("type 99");
    }

    @Test
    void nextHopAlongsideMpReachWithoutBodyNlriIsIgnored() {
        // RFC 4760 §3: the receiver SHOULD ignore NEXT_HOP when only MP_REACH_NLRI carries NLRI.
        String mp = attr(0x80, 14, "0002 01 10 20010db8000000000000000000000001 00 30 20010db80001");
        UpdateMessage u = (UpdateMessage) decoded(update("", mp + "40 01 01 00 40 02 00 40 03 04 c0000201", ""),
                Wire.ibgp4());
        assertThat(u.attributes().nextHop()).isNull();
        assertThat(u.mpReach().nlri()).hasSize(1);
    }

    @Test
    void encoderRefusesPrefixesOfTheWrongFamilyInMpAttributes() {
        MpReach r = new MpReach(AddressFamily.IPV6_UNICAST, Ipv6.toInet(1, 1), List.of(Prefix.parse("10.0.0.0/8")));
        UpdateMessage u = new UpdateMessage(List.of(), PathAttributes.NONE, List.of(), r, null);
        assertThatThrownBy(() -> Wire.encode(u, Wire.ibgp4())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10.0.0.0/8");
    }

    @Test
    void endOfRibOfAFamilyPodbgpDoesNotCarryIsKeptAsSuch() {
        // L3VPN End-of-RIB: must not come out as an empty UPDATE, the IPv4 End-of-RIB.
        UpdateMessage u = (UpdateMessage) decoded(update("", "80 0f 03 0001 80", ""), Wire.fourOctet());
        assertThat(u.endOfRibFamily()).isEqualTo(AddressFamily.of(1, 128));
    }

    @Test
    void updateWithOnlyRoutesOfFamiliesPodbgpDoesNotCarryIsIgnored() {
        DecodeResult reach = Wire.decode(update("", attr(0x80, 14, "0001 80 0c 0000000000000000c0000201 00 00"), ""),
                Wire.fourOctet());
        assertThat(reach).isInstanceOf(DecodeResult.Ignored.class);
        assertThat(((DecodeResult.Ignored) reach).reason()).contains("afi1/safi128");
        DecodeResult unreach = Wire.decode(update("", "80 0f 05 0001 80 08 0a", ""), Wire.fourOctet());
        assertThat(unreach).isInstanceOf(DecodeResult.Ignored.class);
    }
}
