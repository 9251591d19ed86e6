package dev.podbgp.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Packing properties for random prefix sets: every UPDATE the packer makes
 * is within the limit, together they decode to exactly the input prefixes,
 * and no message was closed while a prefix of a later one would still have
 * fit in it (so no fewer messages of this kind could carry the set).
 */
class UpdatePackingPropertyTest {
    private static final long BASE_SEED = Long.getLong("podbgp.seed", System.nanoTime());
    private static final int CASES = Integer.getInteger("podbgp.cases", 60);

    private static final Set<AddressFamily> BOTH =
            Set.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST);
    private static final CodecOptions BASE = new CodecOptions(true, false, true, BOTH, Set.of(), Set.of(),
            Set.of(AddressFamily.IPV4_UNICAST));

    static Stream<Arguments> sessions() {
        return Stream.of(
                Arguments.of("4096 bytes", BASE),
                Arguments.of("4096 bytes, ADD-PATH", BASE.withAddPath(BOTH, BOTH)),
                Arguments.of("4096 bytes, 2-octet AS", BASE.withFourOctetAs(false).withIbgp(false)),
                Arguments.of("65535 bytes (RFC 8654), ADD-PATH", BASE.withExtendedMessage(true).withAddPath(BOTH, BOTH)));
    }

    /** What a set of prefixes is packed into. */
    enum Kind { IPV4_BODY, IPV6_MP_REACH, IPV4_OVER_IPV6, WITHDRAW_MIXED }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void packedUpdatesAreWithinTheLimitCompleteAndFull(String name, CodecOptions options) {
        int multiMessage = 0;
        for (int i = 0; i < CASES; i++) {
            long seed = BASE_SEED + i * 0x9E3779B97F4A7C15L;
            RandomBgp r = new RandomBgp(seed);
            Kind kind = Kind.values()[i % Kind.values().length];
            if (kind == Kind.IPV4_OVER_IPV6 && !options.allowsIpv6NextHop(AddressFamily.IPV4_UNICAST)) {
                kind = Kind.IPV4_BODY;
            }
            String where = "seed " + seed + " (rerun: -Dpodbgp.seed=" + seed + " -Dpodbgp.cases=1), " + kind;
            int count = options.extendedMessage() ? r.between(1, 30000) : r.between(1, 3000);
            PathAttributes attributes = r.attributes(options, kind == Kind.IPV4_BODY, r.between(50, 1500));
            List<UpdateMessage> packed;
            List<Prefix> input;
            switch (kind) {
                case IPV4_BODY -> {
                    input = distinct(r, AddressFamily.IPV4_UNICAST, options, count);
                    packed = UpdatePacker.announce(attributes, input, options);
                }
                case IPV6_MP_REACH -> {
                    input = distinct(r, AddressFamily.IPV6_UNICAST, options, count);
                    MpReach reach = new MpReach(AddressFamily.IPV6_UNICAST, r.ipv6Global(),
                            r.chance(0.5) ? r.ipv6LinkLocal() : null, input);
                    packed = UpdatePacker.announce(attributes, reach, options);
                }
                case IPV4_OVER_IPV6 -> {
                    input = distinct(r, AddressFamily.IPV4_UNICAST, options, count);
                    MpReach reach = new MpReach(AddressFamily.IPV4_UNICAST, r.ipv6Global(), r.ipv6LinkLocal(), input);
                    packed = UpdatePacker.announce(attributes, reach, options);
                }
                default -> {
                    input = new ArrayList<>(distinct(r, AddressFamily.IPV4_UNICAST, options, count / 2 + 1));
                    input.addAll(distinct(r, AddressFamily.IPV6_UNICAST, options, count / 2 + 1));
                    packed = UpdatePacker.withdraw(input, options);
                }
            }
            check(packed, input, options, where);
            if (packed.size() > 1) {
                multiMessage++;
            }
        }
        assertThat(multiMessage).as("cases that needed more than one UPDATE").isGreaterThan(CASES / 4);
    }

    private static void check(List<UpdateMessage> packed, List<Prefix> input, CodecOptions options, String where) {
        int limit = options.maxMessageLength();
        List<Integer> lengths = new ArrayList<>();
        List<List<Prefix>> carried = new ArrayList<>();
        Map<Prefix, Integer> decodedCount = new HashMap<>();
        for (UpdateMessage m : packed) {
            ByteBuf buf = Unpooled.buffer();
            try {
                BgpEncoder.encode(m, options, buf);
                lengths.add(buf.readableBytes());
                assertThat(buf.readableBytes()).as(where).isLessThanOrEqualTo(limit);
                assertThat(UpdatePacker.encodedLength(m, options)).as("%s: packer's own length", where)
                        .isEqualTo(buf.readableBytes());
                DecodeResult result = BgpDecoder.decode(buf, options);
                assertThat(result).as(where).isInstanceOf(DecodeResult.Decoded.class);
                UpdateMessage back = (UpdateMessage) ((DecodeResult.Decoded) result).message();
                List<Prefix> prefixes = prefixes(back);
                carried.add(prefixes);
                for (Prefix p : prefixes) {
                    decodedCount.merge(p, 1, Integer::sum);
                }
            } finally {
                buf.release();
            }
        }
        Map<Prefix, Integer> inputCount = new HashMap<>();
        for (Prefix p : input) {
            inputCount.merge(p, 1, Integer::sum);
        }
        assertThat(decodedCount).as("%s: prefixes decoded from %d UPDATEs", where, packed.size())
                .isEqualTo(inputCount);
        // Full: a message was closed only when no prefix of the later messages fitted into it.
        for (int i = 0; i < packed.size(); i++) {
            int mpValue = mpValueLength(packed.get(i), options);
            for (int j = i + 1; j < packed.size(); j++) {
                if (!sameKind(packed.get(i), packed.get(j))) {
                    continue;
                }
                for (Prefix p : carried.get(j)) {
                    int size = RandomBgp.encodedSize(p, options.sendsPathIds(p.family()));
                    assertThat(lengths.get(i) + size + (mpValue <= 255 && mpValue + size > 255 ? 1 : 0))
                            .as("%s: UPDATE %d of %d (%d bytes) had room for %s from UPDATE %d",
                                    where, i + 1, packed.size(), lengths.get(i), p, j + 1)
                            .isGreaterThan(limit);
                }
            }
        }
    }

    /**
     * Length of the value of the message's MP_REACH_NLRI or MP_UNREACH_NLRI,
     * or 256 when it has none: a prefix that pushes such a value over 255
     * bytes costs one more byte, the extended attribute length.
     */
    private static int mpValueLength(UpdateMessage m, CodecOptions options) {
        if (m.mpReach() != null) {
            return UpdatePacker.encodedLength(m, options) - UpdatePacker.encodedLength(
                    new UpdateMessage(m.withdrawn(), m.attributes(), m.nlri(), null, m.mpUnreach()), options) - 3;
        }
        if (m.mpUnreach() != null) {
            return UpdatePacker.encodedLength(m, options) - UpdatePacker.encodedLength(
                    new UpdateMessage(m.withdrawn(), m.attributes(), m.nlri(), m.mpReach(), null), options) - 3;
        }
        return 256;
    }

    private static boolean sameKind(UpdateMessage a, UpdateMessage b) {
        return (a.mpReach() != null) == (b.mpReach() != null) && (a.mpUnreach() != null) == (b.mpUnreach() != null)
                && a.withdrawn().isEmpty() == b.withdrawn().isEmpty() && a.nlri().isEmpty() == b.nlri().isEmpty();
    }

    private static List<Prefix> prefixes(UpdateMessage m) {
        List<Prefix> out = new ArrayList<>(m.withdrawn());
        out.addAll(m.nlri());
        if (m.mpReach() != null) {
            out.addAll(m.mpReach().nlri());
        }
        if (m.mpUnreach() != null) {
            out.addAll(m.mpUnreach().withdrawn());
        }
        return out;
    }

    /** {@code count} distinct prefixes (path identifiers make equal prefixes distinct under ADD-PATH). */
    private static List<Prefix> distinct(RandomBgp r, AddressFamily family, CodecOptions options, int count) {
        Set<Prefix> out = new LinkedHashSet<>();
        boolean addPath = options.sendsPathIds(family);
        for (int tries = 0; out.size() < count && tries < count * 4; tries++) {
            out.add(r.prefix(family, addPath));
        }
        return new ArrayList<>(out);
    }
}
