package dev.podbgp.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** UPDATE packing: as few messages as the limit allows, each filled, none over the limit. */
class UpdatePackerTest {
    private static final CodecOptions IBGP = Wire.ibgp4();

    private static PathAttributes attrs() {
        return PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.sequence(65001, 65002))
                .nextHop(Ipv4.toInet(Ipv4.parse("192.0.2.1"))).localPref(100L)
                .communities(Communities.of(Communities.community(65001, 7))).build();
    }

    private static List<Prefix> slash24s(int n) {
        List<Prefix> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Ipv4Prefix(Ipv4.parse("10.0.0.0") + (i << 8), 24));
        }
        return out;
    }

    /** Encodes each message, checks it against the limit and decodes it back; returns the encoded sizes. */
    private static List<Integer> checkAll(List<UpdateMessage> updates, CodecOptions options) {
        List<Integer> sizes = new ArrayList<>();
        CodecOptions receiving = options.withAddPath(options.addPathSend(), options.addPathSend());
        for (UpdateMessage u : updates) {
            byte[] bytes = Wire.encode(u, options);
            assertThat(bytes.length).isLessThanOrEqualTo(options.maxMessageLength())
                    .isEqualTo(UpdatePacker.encodedLength(u, options));
            assertThat(Wire.decoded(bytes, receiving)).isEqualTo(u);
            sizes.add(bytes.length);
        }
        return sizes;
    }

    private static int attrsLength(PathAttributes a, CodecOptions options) {
        return Wire.encode(UpdateMessage.announce(a, List.of()), options).length - 23;
    }

    @Test
    void packsTenThousandSlash24sIntoTheFewestFullMessages() {
        List<Prefix> prefixes = slash24s(10_000);
        List<UpdateMessage> updates = UpdatePacker.announce(attrs(), prefixes, IBGP);
        int room = 4096 - 23 - attrsLength(attrs(), IBGP);
        int perMessage = room / 4;
        assertThat(updates).hasSize((10_000 + perMessage - 1) / perMessage);
        List<Integer> sizes = checkAll(updates, IBGP);
        for (int i = 0; i < sizes.size() - 1; i++) {
            // Full: one more /24 would break the limit.
            assertThat(sizes.get(i) + 4).isGreaterThan(4096);
        }
        List<Prefix> all = new ArrayList<>();
        updates.forEach(u -> all.addAll(u.nlri()));
        assertThat(all).containsExactlyElementsOf(prefixes);
    }

    @Test
    void splitsExactlyAtTheLimit() {
        // Attributes chosen so the room left is a multiple of 4: every message is exactly 4096 bytes.
        PathAttributes a = attrs();
        int room = 4096 - 23 - attrsLength(a, IBGP);
        // An unknown attribute of 3 + k bytes takes the room down to a multiple of 4.
        int k = Math.floorMod(room - 3, 4);
        PathAttributes exact = a.toBuilder().unknown(List.of(new UnknownAttribute(0xe0, 200, new byte[k]))).build();
        int exactRoom = 4096 - 23 - attrsLength(exact, IBGP);
        assertThat(exactRoom % 4).isZero();
        List<UpdateMessage> updates = UpdatePacker.announce(exact, slash24s(3 * exactRoom / 4), IBGP);
        assertThat(updates).hasSize(3);
        assertThat(checkAll(updates, IBGP)).containsOnly(4096);
    }

    @Test
    void mixedPrefixLengthsFillEveryMessage() {
        Random random = new Random(7606);
        List<Prefix> prefixes = new ArrayList<>();
        Set<Prefix> seen = new HashSet<>();
        int total = 0;
        while (prefixes.size() < 5000) {
            int len = 8 + random.nextInt(25);
            Ipv4Prefix p = new Ipv4Prefix(random.nextInt() & Ipv4Prefix.mask(len), len);
            if (seen.add(p)) {
                prefixes.add(p);
                total += 1 + (len + 7) / 8;
            }
        }
        List<UpdateMessage> updates = UpdatePacker.announce(attrs(), prefixes, IBGP);
        int room = 4096 - 23 - attrsLength(attrs(), IBGP);
        assertThat(updates).hasSize((total + room - 1) / room);
        List<Integer> sizes = checkAll(updates, IBGP);
        for (int i = 0; i < sizes.size() - 1; i++) {
            // The smallest prefix here takes 2 bytes: a message with 2 bytes free would not have been closed.
            assertThat(4096 - sizes.get(i)).isLessThan(2);
        }
        Set<Prefix> all = new HashSet<>();
        updates.forEach(u -> all.addAll(u.nlri()));
        assertThat(all).isEqualTo(seen);
    }

    @Test
    void addPathIdentifiersCountInTheSize() {
        CodecOptions ap = IBGP.withAddPath(Set.of(), Set.of(AddressFamily.IPV4_UNICAST));
        List<Prefix> prefixes = new ArrayList<>();
        for (Prefix p : slash24s(3000)) {
            prefixes.add(p.withPathId(prefixes.size() + 1));
        }
        List<UpdateMessage> updates = UpdatePacker.announce(attrs(), prefixes, ap);
        int perMessage = (4096 - 23 - attrsLength(attrs(), ap)) / 8;
        assertThat(updates).hasSize((3000 + perMessage - 1) / perMessage);
        List<Integer> sizes = checkAll(updates, ap);
        assertThat(sizes.get(0) + 8).isGreaterThan(4096);
    }

    @Test
    void ipv6InMpReachWithLinkLocalNextHop() {
        List<Prefix> prefixes = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            prefixes.add(new Ipv6Prefix(0x20010db800000000L | (long) i << 16, 0, 64));
        }
        PathAttributes a = PathAttributes.builder().origin(Origin.IGP).asPath(AsPath.EMPTY).build();
        MpReach reach = new MpReach(AddressFamily.IPV6_UNICAST, Ipv6.toInet(0x20010db800000000L, 1),
                Ipv6.toInet(0xfe80000000000000L, 1), prefixes);
        List<UpdateMessage> updates = UpdatePacker.announce(a, reach, IBGP);
        // 23 header+lengths, attributes, MP_REACH header 4 + 5 + 32; each /64 takes 9 bytes.
        int perMessage = (4096 - 23 - attrsLength(a, IBGP) - 41) / 9;
        assertThat(updates).hasSize((2000 + perMessage - 1) / perMessage);
        List<Integer> sizes = checkAll(updates, IBGP);
        assertThat(sizes.get(0) + 9).isGreaterThan(4096);
        assertThat(updates.get(0).mpReach().linkLocalNextHop()).isEqualTo(reach.linkLocalNextHop());
    }

    @Test
    void extendedMessagesHoldSixteenTimesAsMuch() {
        CodecOptions ext = IBGP.withExtendedMessage(true);
        List<UpdateMessage> updates = UpdatePacker.announce(attrs(), slash24s(40_000), ext);
        int perMessage = (65535 - 23 - attrsLength(attrs(), ext)) / 4;
        assertThat(updates).hasSize((40_000 + perMessage - 1) / perMessage);
        List<Integer> sizes = checkAll(updates, ext);
        assertThat(sizes.get(0)).isGreaterThan(65535 - 4);
    }

    @Test
    void withdrawalsOfBothFamilies() {
        List<Prefix> prefixes = new ArrayList<>(slash24s(1500));
        for (int i = 0; i < 600; i++) {
            prefixes.add(new Ipv6Prefix(0x20010db800000000L | (long) i << 16, 0, 48));
        }
        List<UpdateMessage> updates = UpdatePacker.withdraw(prefixes, IBGP);
        // IPv4: 4073 bytes of withdrawn routes hold 1018 /24s; IPv6: 4066 bytes hold 580 /48s (7 bytes each).
        assertThat(updates).hasSize(2 + 2);
        checkAll(updates, IBGP);
        assertThat(updates.get(0).withdrawn()).hasSize(1018);
        assertThat(updates.get(2).mpUnreach().withdrawn()).hasSize(580);
        assertThat(updates).allSatisfy(u -> assertThat(u.attributes()).isEqualTo(PathAttributes.NONE));
    }

    @Test
    void twoOctetPeersCountTheAs4PathToo() {
        CodecOptions old = CodecOptions.OPEN_DEFAULTS.withIbgp(true);
        PathAttributes a = attrs().toBuilder().asPath(AsPath.sequence((int) 4200000001L, 65002)).build();
        List<UpdateMessage> updates = UpdatePacker.announce(a, slash24s(5000), old);
        List<Integer> sizes = checkAll(updates, old);
        assertThat(sizes.get(0) + 4).isGreaterThan(4096);
        assertThat(Wire.hex(Wire.encode(updates.get(0), old))).contains("c011");
    }

    @Test
    void attributesThatLeaveNoRoomAreRefused() {
        PathAttributes huge = attrs().toBuilder()
                .unknown(List.of(new UnknownAttribute(0xc0, 200, new byte[4096 - 23 - 40]))).build();
        assertThatThrownBy(() -> UpdatePacker.announce(huge, slash24s(1), IBGP))
                .isInstanceOf(MessageTooLongException.class).hasMessageContaining("too few for a single");
    }

    @Test
    void packKeepsAnUpdateThatFitsAndSplitsOneThatDoesNot() {
        UpdateMessage small = new UpdateMessage(slash24s(2), attrs(), slash24s(3), null, null);
        assertThat(UpdatePacker.pack(small, IBGP)).containsExactly(small);
        assertThat(UpdatePacker.pack(UpdateMessage.endOfRib(AddressFamily.IPV6_UNICAST), IBGP)).hasSize(1);
        UpdateMessage big = new UpdateMessage(slash24s(1200), attrs(), slash24s(1200), null, null);
        List<UpdateMessage> parts = UpdatePacker.pack(big, IBGP);
        checkAll(parts, IBGP);
        assertThat(parts.stream().mapToInt(u -> u.withdrawn().size()).sum()).isEqualTo(1200);
        assertThat(parts.stream().mapToInt(u -> u.nlri().size()).sum()).isEqualTo(1200);
        assertThatThrownBy(() -> Wire.encode(big, IBGP)).isInstanceOf(MessageTooLongException.class);
    }

    @Test
    void emptyInputGivesNoMessages() {
        assertThat(UpdatePacker.announce(attrs(), List.of(), IBGP)).isEmpty();
        assertThat(UpdatePacker.withdraw(List.of(), IBGP)).isEmpty();
    }
}
